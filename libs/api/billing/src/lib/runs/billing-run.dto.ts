import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import type { BillingRunStart } from '@mijn-account/shared-contracts';
import { ISO_DATE, ISO_DATE_MESSAGE } from '../plans/plan.dto';

export class BillingRunDto implements BillingRunStart {
  @ApiProperty({ example: '2026-11-01' })
  @IsString()
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE, context: { code: 'isDate' } })
  periodStart!: string;

  @ApiProperty({ example: '2026-11-30' })
  @IsString()
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE, context: { code: 'isDate' } })
  periodEnd!: string;
}
