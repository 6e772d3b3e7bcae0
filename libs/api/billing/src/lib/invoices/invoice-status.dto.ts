import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { MultiLine } from '@mijn-account/api-core';
import type { InvoiceStatusChange } from '@mijn-account/shared-contracts';

export class InvoiceStatusDto implements InvoiceStatusChange {
  @ApiProperty({ example: 'Sent to the wrong customer' })
  @IsString()
  @MultiLine()
  @Length(1, 500, { message: 'Between 1 and 500 characters' })
  reason!: string;
}
