import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import type { InvoiceAccessSetting } from '@mijn-account/shared-contracts';

export class InvoiceAccessDto implements InvoiceAccessSetting {
  @ApiProperty()
  @IsBoolean()
  membersMaySeeInvoices!: boolean;
}
