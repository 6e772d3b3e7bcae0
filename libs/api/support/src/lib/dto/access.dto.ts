import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsUuid, MultiLine } from '@mijn-account/api-core';
import { ACCESS_REASONS, ACCESS_SCOPES, type AccessReason, type AccessScope } from '@mijn-account/shared-contracts';

export class AccessRequestDto {
  @ApiProperty()
  @IsUuid()
  accountId!: string;

  @ApiProperty({ enum: ACCESS_REASONS })
  @IsIn(ACCESS_REASONS, { message: `One of ${ACCESS_REASONS.join(', ')}` })
  reason!: AccessReason;

  @ApiProperty()
  @IsString()
  @Length(1, 100)
  ticket!: string;

  @ApiProperty({ description: 'the subscriber reads this' })
  @IsString()
  @MultiLine()
  @Length(10, 2000, { message: 'Explain in at least 10 characters; the subscriber reads this' })
  justification!: string;

  @ApiProperty({ enum: ACCESS_SCOPES, isArray: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ACCESS_SCOPES, { each: true, message: `Each scope is one of ${ACCESS_SCOPES.join(', ')}` })
  scopes!: AccessScope[];

  @ApiPropertyOptional({ description: 'minutes; the tenant default when left out' })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(10080)
  minutes?: number;
}

export class ApproveDto {
  @ApiPropertyOptional({ description: 'shorter than asked, if you like' })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(10080)
  minutes?: number;

  @ApiPropertyOptional({ enum: ACCESS_SCOPES, isArray: true, description: 'fewer than asked, if you like' })
  @IsOptional()
  @ArrayUnique()
  @IsIn(ACCESS_SCOPES, { each: true })
  scopes?: AccessScope[];
}

export class DenyDto {
  @ApiPropertyOptional({ description: 'why; the agent reads this (required for a supervisor)' })
  @IsOptional()
  @IsString()
  @MultiLine()
  @Length(1, 2000)
  reason?: string;
}

export class CloseDto {
  @ApiPropertyOptional({ description: 'what was done; required for technical grants' })
  @IsOptional()
  @IsString()
  @MultiLine()
  @MaxLength(4000)
  note?: string;
}
