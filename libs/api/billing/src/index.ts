export * from './lib/documents/invoice-document';
export * from './lib/documents/totals';
export * from './lib/documents/tax-rules';
export * from './lib/documents/pdf';
export * from './lib/documents/ubl';
export * from './lib/documents/invoice-renderer';
export * from './lib/billing.module';
export * from './lib/entities';
export { issuedInvoices } from './lib/my-invoices/issued-invoices';
