import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO4217CurrencyCode, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { MultiLine } from '@mijn-account/api-core';
import {
  PLAN_INTERVALS,
  type PlanCreate,
  type PlanInterval,
  type PlanPriceChange,
} from '@mijn-account/shared-contracts';

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const ISO_DATE_MESSAGE = 'A date such as 2026-11-01';

export class PlanDto implements PlanCreate {
  @ApiProperty({ example: 'Basis' })
  @IsString()
  @Length(1, 100, { message: 'Between 1 and 100 characters' })
  nameNl!: string;

  @ApiProperty({ example: 'Basic' })
  @IsString()
  @Length(1, 100, { message: 'Between 1 and 100 characters' })
  nameEn!: string;

  @ApiProperty()
  @IsString()
  @MultiLine()
  @MaxLength(500)
  descriptionNl!: string;

  @ApiProperty()
  @IsString()
  @MultiLine()
  @MaxLength(500)
  descriptionEn!: string;

  @ApiProperty({ example: 1999, description: 'per unit and interval, in whole cents, before tax' })
  @IsInt({ message: 'A whole number of cents' })
  @Min(0)
  @Max(100_000_000_000)
  priceMinor!: number;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217; the tenant’s currency' })
  @IsISO4217CurrencyCode({ message: 'A currency code such as EUR' })
  currency!: string;

  @ApiProperty({ enum: PLAN_INTERVALS })
  @IsIn(PLAN_INTERVALS, { message: `One of ${PLAN_INTERVALS.join(', ')}` })
  interval!: PlanInterval;

  @ApiProperty({ example: 'high', description: 'code of one of the tenant’s tax categories' })
  @IsString()
  @Matches(/^[a-z0-9-]{1,20}$/, { message: 'Up to 20 lower-case letters, digits or dashes' })
  taxCategory!: string;
}

export class PlanPriceDto implements PlanPriceChange {
  @ApiProperty({ example: 2499 })
  @IsInt({ message: 'A whole number of cents' })
  @Min(0)
  @Max(100_000_000_000)
  priceMinor!: number;

  @ApiProperty({ example: '2027-01-01' })
  @IsString()
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE, context: { code: 'isDate' } })
  effectiveFrom!: string;
}
