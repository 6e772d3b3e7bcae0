import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { LANGUAGES, type Language, type ProfileUpdate } from '@mijn-account/shared-contracts';

export class ProfileDto implements ProfileUpdate {
  @ApiProperty()
  @IsString()
  @Length(1, 200, { message: 'Between 1 and 200 characters' })
  displayName!: string;

  @ApiPropertyOptional({ nullable: true, example: '+31 6 12345678' })
  @IsOptional()
  @IsString()
  @MaxLength(30, { message: 'A phone number, such as +31 6 12345678' })
  phone!: string | null;

  @ApiPropertyOptional({ nullable: true, enum: LANGUAGES })
  @IsOptional()
  @IsIn(LANGUAGES, { message: `One of ${LANGUAGES.join(', ')}` })
  preferredLanguage!: Language | null;

  @ApiPropertyOptional({ nullable: true, example: 'Europe/Amsterdam' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone!: string | null;
}
