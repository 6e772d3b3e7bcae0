/**
 * The documented schema of an export, shipped in every ZIP as `schema.md` and kept in the
 * repository as docs/privacy-export-schema.md (the unit test checks they are the same text).
 */
export const EXPORT_SCHEMA_MD = `# Export of your data — format mijn-account-export/v1

A ZIP with these files:

| file | what it is |
|---|---|
| \`index.html\` | everything below, readable, in your language |
| \`data.json\` | everything below, machine-readable (this schema) |
| \`schema.md\` | this description |
| \`access-log/access-log.json\` | the helpdesk access log of your account: every event with its hash chain (\`seq\`, \`prevHash\`, \`hash\`) and the signed checkpoints; \`startsAt\` is 0 (the first \`prevHash\` is 32 zero bytes) or, after a retention purge, the signed checkpoint whose hash the first remaining event links to |
| \`access-log/public-key.pem\` | the Ed25519 public key that signs the checkpoints (SPKI, PEM) |
| \`invoices/*.pdf\`, \`invoices/*.xml\` | your account's invoices and credit notes as PDF and as UBL 2.1 e-invoice, byte for byte as issued (only if you may see the account's invoices) |
| \`manifest.json\` | \`{ format, madeAt, algorithm: "SHA-256", files: [{ path, sha256, bytes }] }\` for every file above |

## data.json

An object; timestamps are ISO 8601 in UTC, dates \`YYYY-MM-DD\`, amounts in minor units (cents) with their \`currency\`.
Column names are the database's, in camelCase. Secrets (password hash, second-factor secret) are never included.

| key | type | content |
|---|---|---|
| \`format\` | string | \`mijn-account-export/v1\` |
| \`madeAt\` | string | when the export was made |
| \`tenant\` | string | the portal's name |
| \`profile\` | object | your user: e-mail, name, phone, language, time zone, kind, account role, staff roles, verification, second factor on since, restriction and objections |
| \`account\` | object or null | your subscriber account: customer number, name, company, chamber of commerce and VAT ids, billing e-mail and address |
| \`identities\` | array | linked sign-ins (Google, Microsoft): provider, issuer, subject, e-mail, linked and last used |
| \`sessions\` | array | sessions: public id, method, created, last seen, expiry, ended, IP address, browser |
| \`knownDevices\` | array | devices you signed in from (a keyed hash, first and last seen) |
| \`signIns\` | array | sign-in history: time, method, outcome, IP address, browser, new device |
| \`changeHistory\` | array | changes to your profile (and, for owners, the account's billing details and subscriptions): who, when, which fields from what to what |
| \`consents\` | array | the consent ledger: time, purpose, newsletter list, action, method, e-mail, IP address, the wording you agreed to, privacy statement version |
| \`newsletterSubscriptions\` | array | per list: status and last change |
| \`mails\` | array | mails the portal sent you: created, sent, template, subject |
| \`helpdeskAccess\` | array | helpdesk access requests on your account: who, why, ticket, scopes, decision, period |
| \`subscriptions\` | array | the account's subscriptions (plan, quantity, start, end) |
| \`invoices\` | array | the account's issued invoices and credit notes: number, dates, amounts, billed-to snapshot, files |
| \`payments\` | array | payments recorded against those invoices |
| \`paymentReminders\` | array | payment reminders sent |
| \`privacyRequests\` | array | your privacy requests: type, channel, received, deadline, extension, status, outcome |
| \`exports\` | array | your exports: requested, status, ready, expiry, size, SHA-256 |
| \`disclosures\` | array | disclosures of your data to third parties: recipient, legal basis, data categories, date (one under a legal hold appears from its end on) |

Sections about the account are empty for staff users (who have no subscriber account); invoice sections
are empty for members whom the account's owner has not let see invoices.

## Checking the access log

Each event's \`hash\` is \`sha256(prevHash || utf8(JSON.stringify([tenantId, accountId, seq, id, at, actorId,
actorName, actorKind, action, resource, fields, outcome, grantId, reason, ticket, ip])))\`, starting from 32 zero
bytes. An event with a \`personalDigest\` (hex; events sealed since the access log became erasable) is hashed with
its personal fields left out and the digest in their stead: the same array with \`actorId\` null, \`actorName\`
empty and \`ip\` null, and the text \`"personal:<personalDigest>"\` added as its last element. The digest is
\`sha256(salt || utf8(JSON.stringify([actorId, actorName, ip])))\` with a random salt per event that the portal
keeps and erases with the person, so the chain still verifies after an erasure and the digest cannot be tried
against guessed names. Each checkpoint's \`signature\` (base64) is an Ed25519 signature by the key in
\`public-key.pem\` over its \`message\`.
`;
