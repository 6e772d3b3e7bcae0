import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, Length, MaxLength } from 'class-validator';
import { MultiLine } from '@mijn-account/api-core';

export class SubscriptionDto {
  @ApiProperty()
  @IsBoolean()
  subscribed!: boolean;
}

export class NewsletterListDto {
  @ApiProperty()
  @IsString()
  @Length(1, 100)
  nameNl!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100)
  nameEn!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(500)
  descriptionNl!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(500)
  descriptionEn!: string;

  @ApiProperty()
  @IsBoolean()
  visible!: boolean;
}

export class IssueDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  subject!: string;

  @ApiProperty({ description: 'plain text; blank lines separate paragraphs' })
  @IsString()
  @MultiLine()
  @Length(1, 50_000)
  body!: string;
}

/** A signed newsletter link token (longer than one-time link tokens: it carries its own data). */
export class NewsletterTokenDto {
  @ApiProperty()
  @IsString()
  @MaxLength(500)
  token!: string;
}
