import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { LANGUAGES, type Language } from '@mijn-account/shared-contracts';
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

/** The language of an export's words (column names, coded values); none: code names. */
export class CsvLanguageDto {
  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}

/** A signed newsletter link token (longer than one-time link tokens: it carries its own data). */
export class NewsletterTokenDto {
  @ApiProperty()
  @IsString()
  @MaxLength(500)
  token!: string;
}
