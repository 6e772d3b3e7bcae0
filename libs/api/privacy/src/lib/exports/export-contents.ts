import type { EntityManager } from 'typeorm';
import type { Language } from '@mijn-account/shared-contracts';

/** The person an export is for, as the job reads them. */
export interface ExportSubject {
  tenantId: string;
  userId: string;
  email: string;
  accountId: string | null;
  accountRole: 'owner' | 'member' | null;
  /** Owners always; members when an owner lets members see the account's invoices (as on Mijn facturen). */
  seesInvoices: boolean;
}

type Row = Record<string, unknown>;

/** Columns that are secrets, never handed over (they say nothing about the person). */
const SECRET_COLUMNS = new Set(['password_hash', 'totp_secret_enc', 'totp_last_step', 'id_hash']);

/**
 * The sections of `data.json` (docs/privacy-export-schema.md): every table of EXPORTED
 * (export-coverage.ts) that is a key here, read in the export job's tenant transaction.
 * Account-wide sections are empty for staff users (who have no account) and invoices, payments,
 * reminders and subscriptions only appear for a person who may see the account's invoices.
 */
export async function readSections(
  db: EntityManager,
  s: ExportSubject,
  /** Today in the tenant's calendar (`PrivacyRequests.today`), not the database's `current_date`. */
  today: string,
): Promise<Record<string, Row[] | Row | null>> {
  const q = async (sql: string, params: unknown[] = []): Promise<Row[]> =>
    (await db.query(sql, [s.tenantId, ...params])).map(clean);
  const account = s.accountId;
  const billing = account !== null && s.seesInvoices;
  const none = async (): Promise<Row[]> => [];
  const [
    profile,
    accountRow,
    identities,
    sessions,
    knownDevices,
    signIns,
    changeHistory,
    consents,
    newsletterSubscriptions,
    mails,
    helpdeskAccess,
    subscriptions,
    invoices,
    payments,
    paymentReminders,
    privacyRequests,
    exports,
    disclosures,
  ] = [
    await q(`SELECT * FROM app_user WHERE tenant_id = $1 AND id = $2`, [s.userId]),
    account ? await q(`SELECT * FROM subscriber_account WHERE tenant_id = $1 AND id = $2`, [account]) : await none(),
    await q(
      `SELECT provider, issuer, subject, email, created_at, last_used_at FROM user_identity WHERE tenant_id = $1 AND user_id = $2 ORDER BY created_at`,
      [s.userId],
    ),
    await q(
      `SELECT public_id, method, created_at, last_seen_at, expires_at, ended_at, ip, user_agent, second_factor_at
         FROM user_session WHERE tenant_id = $1 AND user_id = $2 ORDER BY created_at`,
      [s.userId],
    ),
    await q(
      `SELECT encode(device_hash, 'hex') AS device_hash, first_seen, last_seen FROM known_device WHERE tenant_id = $1 AND user_id = $2 ORDER BY first_seen`,
      [s.userId],
    ),
    await q(
      `SELECT at, method, outcome, ip, user_agent, new_device FROM sign_in_event WHERE tenant_id = $1 AND user_id = $2 ORDER BY at`,
      [s.userId],
    ),
    await q(
      `SELECT subject_type, at, changed_by_name, changed_by_kind, changes FROM change_history
        WHERE tenant_id = $1 AND ((subject_type = 'profile' AND subject_id = $2)
                                  OR ($3::uuid IS NOT NULL AND $4 AND subject_type IN ('billing', 'subscription') AND subject_id = $3))
        ORDER BY at`,
      [s.userId, account, s.accountRole === 'owner'],
    ),
    await q(
      `SELECT c.at, c.purpose, l.name_nl AS list_name_nl, l.name_en AS list_name_en, c.action, c.method, c.email, c.ip, c.wording, c.privacy_version
         FROM consent_record c LEFT JOIN newsletter_list l ON l.tenant_id = c.tenant_id AND l.id = c.list_id
        WHERE c.tenant_id = $1 AND c.user_id = $2 ORDER BY c.at`,
      [s.userId],
    ),
    await q(
      `SELECT l.name_nl AS list_name_nl, l.name_en AS list_name_en, s.status, s.updated_at
         FROM newsletter_subscription s JOIN newsletter_list l ON l.tenant_id = s.tenant_id AND l.id = s.list_id
        WHERE s.tenant_id = $1 AND s.user_id = $2 ORDER BY l.name_en`,
      [s.userId],
    ),
    await q(
      `SELECT created_at, sent_at, template, subject FROM mail_message WHERE tenant_id = $1 AND lower(recipient) = lower($2) ORDER BY created_at`,
      [s.email],
    ),
    account
      ? await q(
          `SELECT requested_at, requested_by_name, reason, ticket, justification, scopes, minutes, status, decided_by_name, decided_at,
                  starts_at, expires_at, ended_at, close_note, deny_reason
             FROM access_grant WHERE tenant_id = $1 AND account_id = $2 ORDER BY requested_at`,
          [account],
        )
      : await none(),
    billing
      ? await q(
          `SELECT s.start_date, s.end_date, s.quantity, s.cancel_at_period_end, p.name_nl AS plan_name_nl, p.name_en AS plan_name_en
             FROM subscription s JOIN plan p ON p.tenant_id = s.tenant_id AND p.id = s.plan_id
            WHERE s.tenant_id = $1 AND s.account_id = $2 ORDER BY s.start_date`,
          [account],
        )
      : await none(),
    billing
      ? await q(
          `SELECT i.id, i.kind, i.number, i.status, i.issue_date::text, i.due_date::text, i.period_start::text, i.period_end::text,
                  i.currency, i.net_minor, i.tax_minor, i.gross_minor, i.document -> 'customer' AS billed_to,
                  ARRAY(SELECT f.format || ':' || f.file_name FROM invoice_file f WHERE f.tenant_id = i.tenant_id AND f.invoice_id = i.id ORDER BY f.format) AS files
             FROM invoice i WHERE i.tenant_id = $1 AND i.account_id = $2 AND i.status <> 'draft'
            ORDER BY i.issue_date, i.number`,
          [account],
        )
      : await none(),
    billing
      ? await q(
          `SELECT i.number AS invoice_number, p.amount_minor, p.paid_on::text, p.reference
             FROM payment p JOIN invoice i ON i.tenant_id = p.tenant_id AND i.id = p.invoice_id
            WHERE p.tenant_id = $1 AND i.account_id = $2 ORDER BY p.paid_on`,
          [account],
        )
      : await none(),
    billing
      ? await q(
          `SELECT i.number AS invoice_number, r.reminder_no, r.recipient, r.language, r.sent_at
             FROM payment_reminder r JOIN invoice i ON i.tenant_id = r.tenant_id AND i.id = r.invoice_id
            WHERE r.tenant_id = $1 AND i.account_id = $2 ORDER BY r.sent_at`,
          [account],
        )
      : await none(),
    await q(
      `SELECT type, channel, details, received_on::text, deadline::text, extended_until::text, extension_reason, status, outcome, closed_at
         FROM privacy_request WHERE tenant_id = $1 AND user_id = $2 ORDER BY created_at`,
      [s.userId],
    ),
    await q(
      `SELECT created_at, status, ready_at, expires_at, size_bytes, sha256 FROM privacy_export WHERE tenant_id = $1 AND user_id = $2 ORDER BY created_at`,
      [s.userId],
    ),
    // Disclosures to third parties, as the privacy page shows them: one under a legal hold only from
    // its date on, in the tenant's calendar (a tenant west of UTC is still on the day before).
    await q(
      `SELECT recipient, legal_basis, categories, disclosed_on::text FROM privacy_disclosure
        WHERE tenant_id = $1 AND user_id = $2 AND (notice_delayed_until IS NULL OR notice_delayed_until <= $3::date)
        ORDER BY disclosed_on`,
      [s.userId, today],
    ),
  ];
  return {
    profile: profile[0] ?? null,
    account: accountRow[0] ?? null,
    identities,
    sessions,
    knownDevices,
    signIns,
    changeHistory,
    consents,
    newsletterSubscriptions,
    mails,
    helpdeskAccess,
    subscriptions,
    invoices,
    payments,
    paymentReminders,
    privacyRequests,
    exports,
    disclosures,
  };
}

/** A row with its columns in camelCase, without secrets and internal keys; dates as ISO strings. */
function clean(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (SECRET_COLUMNS.has(key) || key === 'tenant_id') continue;
    const name = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    out[name] = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value.trimEnd() : value;
  }
  return out;
}

const TEXTS: Record<Language, Record<string, string>> = {
  nl: {
    title: 'Jouw gegevens',
    intro:
      'Dit zijn alle gegevens die wij over je bewaren, op het moment van deze export. Hetzelfde staat machineleesbaar in data.json (zie het schema in schema.md); manifest.json bevat de SHA-256 van elk bestand.',
    made: 'Gemaakt op',
    none: 'Niets vastgelegd.',
    accessLog:
      'Het toegangslog van je account (wie van de helpdesk wat heeft ingezien of gewijzigd, en waarom) staat in access-log/access-log.json, met de ondertekende controlepunten en de publieke sleutel (access-log/public-key.pem) om het zelf te controleren.',
    events: 'gebeurtenissen in het toegangslog',
    invoices: 'Facturen en creditnota’s staan als PDF en als UBL (e-factuur) in de map invoices/.',
    profile: 'Profiel',
    account: 'Account',
    identities: 'Gekoppelde aanmeldingen',
    sessions: 'Sessies',
    knownDevices: 'Bekende apparaten',
    signIns: 'Aanmeldgeschiedenis',
    changeHistory: 'Wijzigingsgeschiedenis',
    consents: 'Toestemmingen (register)',
    newsletterSubscriptions: 'Nieuwsbrieven',
    mails: 'E-mails aan jou',
    helpdeskAccess: 'Helpdesktoegang tot je account',
    subscriptions: 'Abonnementen',
    payments: 'Betalingen',
    paymentReminders: 'Betalingsherinneringen',
    privacyRequests: 'Privacyverzoeken',
    exports: 'Exports',
    disclosures: 'Verstrekkingen aan derden',
  },
  en: {
    title: 'Your data',
    intro:
      'This is all the data we hold about you, as of this export. The same is in data.json, machine-readable (see its schema in schema.md); manifest.json has the SHA-256 of every file.',
    made: 'Made on',
    none: 'Nothing recorded.',
    accessLog:
      "Your account's access log (who of the helpdesk read or changed what, and why) is in access-log/access-log.json, with the signed checkpoints and the public key (access-log/public-key.pem) to check it yourself.",
    events: 'events in the access log',
    invoices: 'Invoices and credit notes are in the folder invoices/, as PDF and as UBL (e-invoice).',
    profile: 'Profile',
    account: 'Account',
    identities: 'Linked sign-ins',
    sessions: 'Sessions',
    knownDevices: 'Known devices',
    signIns: 'Sign-in history',
    changeHistory: 'Change history',
    consents: 'Consents (ledger)',
    newsletterSubscriptions: 'Newsletters',
    mails: 'Mails to you',
    helpdeskAccess: 'Helpdesk access to your account',
    subscriptions: 'Subscriptions',
    payments: 'Payments',
    paymentReminders: 'Payment reminders',
    privacyRequests: 'Privacy requests',
    exports: 'Exports',
    disclosures: 'Disclosures to third parties',
  },
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (value: unknown) =>
  (value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value)
  ).replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** The readable `index.html`, in the person's language, section by section; yielded in pieces (one section at a time). */
export async function* indexHtml(
  language: Language,
  tenantName: string,
  madeAt: Date,
  sections: Record<string, Row[] | Row | null>,
  accessLogEvents: number,
): AsyncIterable<string> {
  const t = TEXTS[language];
  const when = new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(madeAt);
  yield `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t.title)} — ${esc(tenantName)}</title>
<style>body{font-family:system-ui,Arial,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1f1f1f}
table{border-collapse:collapse;display:block;overflow-x:auto;margin-bottom:1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top;font-size:.875rem}
th{background:#f2f2f2}</style></head><body>
<h1>${esc(t.title)} — ${esc(tenantName)}</h1>
<p>${esc(t.intro)}</p><p>${esc(t.made)}: ${esc(when)} (UTC)</p>\n`;
  for (const [key, value] of Object.entries(sections)) {
    if (key === 'invoices') continue;
    yield `<h2>${esc(t[key] ?? key)}</h2>\n${table(value, t.none)}\n`;
  }
  if ((sections['invoices'] as Row[]).length > 0)
    yield `<h2>${esc(TEXTS[language].invoices)}</h2>\n${table(sections['invoices'], t.none)}\n`;
  yield `<h2>${esc(language === 'nl' ? 'Toegangslog' : 'Access log')}</h2>\n<p>${esc(t.accessLog)}</p><p>${accessLogEvents} ${esc(t.events)}</p>\n</body></html>\n`;
}

function table(value: Row[] | Row | null, none: string): string {
  if (value === null || (Array.isArray(value) && value.length === 0)) return `<p>${esc(none)}</p>`;
  if (!Array.isArray(value))
    return `<table><tbody>${Object.entries(value)
      .map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`)
      .join('')}</tbody></table>`;
  const columns = Object.keys(value[0]);
  return `<table><thead><tr>${columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead><tbody>${value
    .map((row) => `<tr>${columns.map((c) => `<td>${esc(row[c])}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}
