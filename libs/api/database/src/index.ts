export { MIGRATIONS } from './lib/migrations';
export { MAIL_QUEUE, QUEUE_SCHEMA } from './lib/migrations/1795480000000-AddSignInSecurity';
export { BILLING_DRAFT_QUEUE, BILLING_FINALISE_QUEUE } from './lib/migrations/1795602000000-AddBillingRunsAndInvoices';
export { BILLING_RENDER_QUEUE } from './lib/migrations/1795603000000-AddInvoiceFiles';
export { BILLING_SCHEDULE_QUEUE } from './lib/migrations/1795605000000-AddBillingSchedule';
export { BILLING_REMINDER_QUEUE } from './lib/migrations/1795609000000-AddPaymentReminders';
export { PRIVACY_DISCLOSURE_NOTICE_QUEUE } from './lib/migrations/1795710000000-AddProcessingRecordAndDisclosures';
export {
  ERASABLE_EVENT_TRIGGERS,
  PRIVACY_ERASURE_QUEUE,
  PRIVACY_ERASURE_REMINDER_QUEUE,
} from './lib/migrations/1795730000000-AddErasure';
export { PRIVACY_EXPORT_PURGE_QUEUE, PRIVACY_EXPORT_QUEUE } from './lib/migrations/1795720000000-AddPrivacyExports';
export * from './lib/tenant-transaction';
export * from './lib/data-source';
export * from './lib/roles';
export * from './lib/embedded-postgres';
export * from './lib/prepared-query';
export * from './lib/queue-db';
export { PRIVACY_DEADLINE_QUEUE } from './lib/migrations/1795740000000-AddPrivacyDeadlineNotices';
export * from './lib/statement-version';
export { PRIVACY_RETENTION_PURGE_QUEUE } from './lib/migrations/1795810000000-PurgeKeptRecordsAfterRetention';
export { AUDIT_SEAL_QUEUE } from './lib/migrations/1795900000000-AddAuditSealQueue';
