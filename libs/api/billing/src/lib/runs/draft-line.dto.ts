import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min, NotEquals, ValidateIf } from 'class-validator';
import type { DraftLineCreate } from '@mijn-account/shared-contracts';

export class DraftLineDto implements DraftLineCreate {
  @ApiProperty({ example: 'Installation on site' })
  @IsString()
  @Length(1, 500, { message: 'Between 1 and 500 characters' })
  description!: string;

  @ApiProperty({ example: 1, description: 'whole units; negative for a credit' })
  @IsInt({ message: 'A whole number' })
  @NotEquals(0, { message: 'Not zero', context: { code: 'notZero' } })
  @Min(-1_000_000)
  @Max(1_000_000)
  quantity!: number;

  @ApiProperty({ example: 7500, description: 'whole cents per unit' })
  @IsInt({ message: 'A whole number of cents' })
  @Min(0)
  @Max(10_000_000_000)
  unitPriceMinor!: number;

  @ApiProperty({ example: 'high' })
  @IsString()
  @Length(1, 40, { message: 'One of the tax categories of the invoicing settings' })
  taxCategory!: string;
}

export class BillingScheduleDto {
  @ApiProperty({ example: 1, nullable: true, description: 'day of the month, 1–28; null: no scheduled run' })
  @ValidateIfNotNull()
  @IsInt({ message: 'A whole number' })
  @Min(1)
  @Max(28, { message: 'A day from 1 to 28 (every month has it)' })
  runDay!: number | null;
}

function ValidateIfNotNull(): PropertyDecorator {
  return ValidateIf((o: { runDay?: unknown }) => o.runDay !== null);
}
