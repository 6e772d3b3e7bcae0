import { Module } from '@nestjs/common';
import { InvoicingSettingsController } from './settings/invoicing-settings.controller';
import { InvoicingSettingsService } from './settings/invoicing-settings.service';

/** Finance: invoicing settings, plans, subscriptions, billing runs and the invoices they issue. */
@Module({
  controllers: [InvoicingSettingsController],
  providers: [InvoicingSettingsService],
})
export class BillingModule {}
