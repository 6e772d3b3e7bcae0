import { ApiProperty } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { MultiLine } from '@mijn-account/api-core';
import {
  type DisclosureCreate,
  LEGAL_BASES,
  type LegalBasis,
  PRIVACY_QUESTION_KINDS,
  type PrivacyQuestionKind,
  type PrivacyQuestionRequest,
  type PrivacySettingsUpdate,
  type ProcessingActivityInput,
} from '@mijn-account/shared-contracts';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ISO_DATE_MESSAGE = 'A date such as 2026-11-01';
const BASIS_MESSAGE = `One of ${LEGAL_BASES.join(', ')}`;

export class PrivacyQuestionDto implements PrivacyQuestionRequest {
  @ApiProperty({ enum: PRIVACY_QUESTION_KINDS })
  @IsIn(PRIVACY_QUESTION_KINDS, { message: 'A question or a complaint' })
  kind!: PrivacyQuestionKind;

  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @MultiLine()
  @Length(1, 4000, { message: 'Between 1 and 4000 characters' })
  message!: string;
}

export class ProcessingActivityDto implements ProcessingActivityInput {
  @ApiProperty() @IsString() @Length(1, 200) categoryNl!: string;
  @ApiProperty() @IsString() @Length(1, 200) categoryEn!: string;
  @ApiProperty() @IsString() @MultiLine() @Length(1, 2000) purposeNl!: string;
  @ApiProperty() @IsString() @MultiLine() @Length(1, 2000) purposeEn!: string;

  @ApiProperty({ enum: LEGAL_BASES })
  @IsIn(LEGAL_BASES, { message: BASIS_MESSAGE })
  legalBasis!: LegalBasis;

  @ApiProperty() @IsString() @MultiLine() @Length(1, 1000) retentionNl!: string;
  @ApiProperty() @IsString() @MultiLine() @Length(1, 1000) retentionEn!: string;
  @ApiProperty() @IsString() @MultiLine() @Length(1, 1000) recipientsNl!: string;
  @ApiProperty() @IsString() @MultiLine() @Length(1, 1000) recipientsEn!: string;

  @ApiProperty({ nullable: true, description: 'Automated decision-making or profiling; null when none' })
  @IsOptional()
  @IsString()
  @MultiLine()
  @MaxLength(2000)
  automatedDecisionNl!: string | null;

  @ApiProperty({ nullable: true })
  @IsOptional()
  @IsString()
  @MultiLine()
  @MaxLength(2000)
  automatedDecisionEn!: string | null;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(10_000)
  position!: number;
}

export class PrivacySettingsDto implements PrivacySettingsUpdate {
  @ApiProperty({ nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'Enter a valid e-mail address' })
  @MaxLength(254)
  contactEmail!: string | null;

  @ApiProperty({ nullable: true, example: '+31201234567' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  contactPhone!: string | null;

  @ApiProperty({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  authorityName!: string | null;

  @ApiProperty({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  authorityUrl!: string | null;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(90)
  erasureGraceDays!: number;

  @ApiProperty({ nullable: true })
  @ValidateIf((o: PrivacySettingsDto) => o.minimumAge !== null)
  @IsInt()
  @Min(1)
  @Max(21)
  minimumAge!: number | null;

  @ApiProperty()
  @IsBoolean()
  parentalConsentAllowed!: boolean;
}

export class DisclosureDto implements DisclosureCreate {
  @ApiProperty()
  @IsEmail({}, { message: 'Enter a valid e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty() @IsString() @Length(1, 300) recipient!: string;

  @ApiProperty({ enum: LEGAL_BASES })
  @IsIn(LEGAL_BASES, { message: BASIS_MESSAGE })
  legalBasis!: LegalBasis;

  @ApiProperty() @IsString() @MultiLine() @Length(1, 1000) categories!: string;

  @ApiProperty({ example: '2026-11-01' })
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE })
  disclosedOn!: string;

  @ApiProperty({ nullable: true, example: '2027-05-01' })
  @ValidateIf((o: DisclosureDto) => o.noticeDelayedUntil !== null)
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE })
  noticeDelayedUntil!: string | null;
}
