import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '@mijn-account/api-core';
import {
  type ClosedRequestState,
  OBJECTION_PURPOSES,
  type ObjectionInput,
  PRIVACY_REQUEST_STATUSES,
  PRIVACY_REQUEST_TYPES,
  type PrivacyRequestClosing,
  type PrivacyRequestExtension,
  type PrivacyRequestKind,
  type PrivacyRequestRegistration,
  REGISTERED_CHANNELS,
  type RegisteredChannel,
  type RestrictionRequestInput,
  type RestrictionUpdate,
} from '@mijn-account/shared-contracts';

export class PrivacyRequestRegistrationDto implements PrivacyRequestRegistration {
  @ApiProperty({ enum: PRIVACY_REQUEST_TYPES })
  @IsIn(PRIVACY_REQUEST_TYPES)
  type!: PrivacyRequestKind;

  @ApiProperty({ enum: REGISTERED_CHANNELS })
  @IsIn(REGISTERED_CHANNELS)
  channel!: RegisteredChannel;

  @ApiProperty({ example: '2026-11-20' })
  @IsString()
  @IsCalendarDate()
  receivedOn!: string;

  @ApiProperty({ nullable: true, example: 'jan@example.com' })
  @IsOptional()
  @IsEmail({}, { message: 'An e-mail address' })
  @Length(3, 254)
  email!: string | null;

  @ApiProperty({ nullable: true, example: 'Called on Monday: wants to know what we keep about her' })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  details!: string | null;
}

export class PrivacyRequestExtensionDto implements PrivacyRequestExtension {
  @ApiProperty({ example: '2027-01-20' })
  @IsString()
  @IsCalendarDate()
  until!: string;

  @ApiProperty({ example: 'Your request covers ten years of records in three systems' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class PrivacyRequestClosingDto implements PrivacyRequestClosing {
  @ApiProperty({ enum: PRIVACY_REQUEST_STATUSES.filter((s) => s !== 'open') })
  @IsIn(PRIVACY_REQUEST_STATUSES.filter((s) => s !== 'open'))
  status!: ClosedRequestState;

  @ApiProperty({ example: 'Sent the export on 2 December' })
  @IsString()
  @Length(1, 4000)
  outcome!: string;
}

export class RestrictionRequestDto implements RestrictionRequestInput {
  @ApiProperty({ example: 'My address is wrong; please stop using it until it is corrected' })
  @IsString()
  @Length(1, 2000)
  details!: string;
}

export class ObjectionDto implements ObjectionInput {
  @ApiProperty()
  @IsBoolean()
  objected!: boolean;
}

export class RestrictionUpdateDto implements RestrictionUpdate {
  @ApiProperty()
  @IsBoolean()
  restricted!: boolean;

  @ApiProperty({ nullable: true, example: 'The person contests the accuracy of their address (Art. 18(1)(a))' })
  @ValidateIf((o: RestrictionUpdateDto) => o.reason !== null && o.reason !== undefined)
  @IsString()
  @Length(1, 2000)
  reason!: string | null;
}

export const OBJECTION_PURPOSE_VALUES = OBJECTION_PURPOSES;
