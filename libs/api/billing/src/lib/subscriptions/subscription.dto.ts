import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsUuid } from '@mijn-account/api-core';
import type { MySubscriptionChange, SubscriptionCreate, SubscriptionUpdate } from '@mijn-account/shared-contracts';
import { ISO_DATE, ISO_DATE_MESSAGE } from '../plans/plan.dto';

export class SubscriptionDto implements SubscriptionCreate {
  @ApiProperty()
  @IsUuid()
  planId!: string;

  @ApiProperty({ example: 1, minimum: 1 })
  @IsInt({ message: 'A whole number' })
  @Min(1)
  @Max(100_000)
  quantity!: number;

  @ApiProperty({ example: '2026-11-01' })
  @IsString()
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE, context: { code: 'isDate' } })
  startDate!: string;

  @ApiPropertyOptional({ nullable: true, example: '2026-12-01', description: 'default: the start date' })
  @IsOptional()
  @IsString()
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE, context: { code: 'isDate' } })
  billingAnchor!: string | null;
}

export class SubscriptionUpdateDto implements SubscriptionUpdate {
  @ApiProperty()
  @IsUuid()
  planId!: string;

  @ApiProperty({ example: 2, minimum: 1 })
  @IsInt({ message: 'A whole number' })
  @Min(1)
  @Max(100_000)
  quantity!: number;

  @ApiProperty()
  @IsBoolean()
  cancelAtPeriodEnd!: boolean;

  @ApiPropertyOptional({ nullable: true, example: '2026-11-15', description: 'default: today' })
  @IsOptional()
  @IsString()
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE, context: { code: 'isDate' } })
  effectiveDate!: string | null;
}

/** The owner's own change of plan or quantity (from today; the tenant must allow it). */
export class MySubscriptionChangeDto implements MySubscriptionChange {
  @ApiProperty()
  @IsUuid()
  planId!: string;

  @ApiProperty({ example: 2, minimum: 1 })
  @IsInt({ message: 'A whole number' })
  @Min(1)
  @Max(100_000)
  quantity!: number;
}
