/**
 * Where every table that can hold personal data goes in a person's export (issue 18 §2) — the ONE
 * list the completeness test (`privacy-exports.int-spec.ts`) checks against the live schema: a
 * table with a column that can name, reach or describe a person (user_id, account_id, e-mail,
 * phone, ip, name, address, recipient, actor …) must be either EXPORTED, naming the `data.json`
 * section or the ZIP file that carries it, or EXCLUDED, with the reason it is not handed over.
 * A new table in neither list fails the test. To extend: add one line to one of the two lists.
 */

/** Table → where the export carries it: a key of `data.json`, or a file (path) in the ZIP. */
export const EXPORTED: Record<string, string> = {
  app_user: 'profile',
  subscriber_account: 'account',
  user_identity: 'identities',
  user_session: 'sessions',
  known_device: 'knownDevices',
  sign_in_event: 'signIns',
  change_history: 'changeHistory',
  consent_record: 'consents',
  newsletter_subscription: 'newsletterSubscriptions',
  mail_message: 'mails',
  access_grant: 'helpdeskAccess',
  audit_event: 'access-log/access-log.json',
  audit_seal: 'access-log/access-log.json',
  audit_checkpoint: 'access-log/access-log.json',
  audit_chain: 'access-log/access-log.json',
  subscription: 'subscriptions',
  invoice: 'invoices',
  invoice_file: 'invoices/',
  payment: 'payments',
  payment_reminder: 'paymentReminders',
  privacy_request: 'privacyRequests',
  privacy_export: 'exports',
  privacy_disclosure: 'disclosures',
};

/** Table → why it is not in the export. */
export const EXCLUDED: Record<string, string> = {
  action_token:
    'one-time secrets (reset, verification links) that expire within hours; handing them over would hand over a key',
  recovery_code: 'hashes of second-factor recovery codes: secrets, not information about the person',
  sign_in_throttle: 'short-lived security counters keyed by a hash, deleted after the lock window',
  mail_send_throttle: 'short-lived rate-limit counters, no content about the person',
  invitation:
    'an invitation is about the invited person (another e-mail address) until they accept; accepted, it becomes app_user',
  newsletter_issue: "the tenant's own newsletter texts (sent_by is staff); what the person received is in `mails`",
  mail_attachment: 'references to invoice files, which are exported under invoices/',
  invoice_line: 'the lines are in each invoice’s PDF and UBL file under invoices/',
  billing_run: "finance's run bookkeeping (started_by is staff), no data about the subscriber beyond the invoices",
  idempotency_key: 'request replay keys of staff actions, expire within a day',
  privacy_export_chunk: 'the bytes of the exports themselves',
  tenant_identity_provider: "the tenant's sign-in provider settings (client id), not a person's data",
  tenant: "the tenant's own settings and branding",
  tenant_host: "the tenant's host names",
  privacy_settings: "the tenant's privacy contact, not the person's",
  invoicing_settings: "the tenant's own company and bank details",
  newsletter_list:
    "the tenant's newsletter lists (their names); the person's subscriptions are in `newsletterSubscriptions`",
  plan: "the tenant's price list (plan names); the person's subscriptions are in `subscriptions`",
  schema_migration: 'the names of applied database migrations, nothing about anyone',
  tenant_sign_in_settings: "the tenant's sign-in rules, not a person's data",
  audit_seal_progress: 'the sealer’s position per tenant, no personal data',
  erasure_request: 'the schedule of a pending erasure; the request itself is in `privacyRequests`',
  privacy_deadline_notice: "the daily notices to the tenant's privacy contact: a date per tenant, no person",
};
