export { MIGRATIONS } from './lib/migrations';
export { MAIL_QUEUE, QUEUE_SCHEMA } from './lib/migrations/1795480000000-AddSignInSecurity';
export { BILLING_DRAFT_QUEUE, BILLING_FINALISE_QUEUE } from './lib/migrations/1795602000000-AddBillingRunsAndInvoices';
export { BILLING_RENDER_QUEUE } from './lib/migrations/1795603000000-AddInvoiceFiles';
export * from './lib/tenant-transaction';
export * from './lib/data-source';
export * from './lib/roles';
export * from './lib/embedded-postgres';
export * from './lib/prepared-query';
