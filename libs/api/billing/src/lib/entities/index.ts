import { InvoicingSettings } from './invoicing-settings.entity';
import { TaxCategory } from './tax-category.entity';

export { InvoicingSettings, TaxCategory };
/** The entities of the billing library's tables. */
export const BILLING_ENTITIES = [InvoicingSettings, TaxCategory];
