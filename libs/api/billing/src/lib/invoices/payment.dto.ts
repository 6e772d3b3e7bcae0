import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { PaymentCreate } from '@mijn-account/shared-contracts';
import { ISO_DATE, ISO_DATE_MESSAGE } from '../plans/plan.dto';

export class PaymentDto implements PaymentCreate {
  @ApiProperty({ example: 1815, description: 'whole cents received' })
  @IsInt({ message: 'A whole number of cents' })
  @Min(1)
  @Max(100_000_000_000)
  amountMinor!: number;

  @ApiProperty({ example: '2026-11-20' })
  @IsString()
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE, context: { code: 'isDate' } })
  paidOn!: string;

  @ApiProperty({ example: 'Bank statement 2026-11-20, line 4' })
  @IsString()
  @Length(1, 200, { message: 'Between 1 and 200 characters' })
  reference!: string;
}
