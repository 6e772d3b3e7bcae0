import { createHash, createPublicKey, verify } from 'node:crypto';
import { AuditJobs } from '@mijn-account/api-audit';
import { type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { EXCLUDED, EXPORTED } from './export-coverage';
import { EXPORT_DOWNLOAD_PIECE_BYTES, EXPORT_EVENT_PAGE } from './privacy-exports.service';
import { unzip } from './unzip.testing';

/** Columns whose name says they can hold, reach or describe a person. */
const PERSONAL_COLUMN =
  '(^|_)(user|account|email|e_mail|phone|ip|name|address|street|house|postal|city|recipient|actor|requested_by|decided_by|changed_by|created_by|sent_by|started_by|registered_by|restricted_by|subject|user_agent|device|birth|vat|coc)(_|$)';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** A PDF's bytes: every byte value, long enough for several lines of PostgreSQL's base64 (the export reads files so). */
const pdf = (n: number) =>
  Buffer.concat([
    Buffer.from(`%PDF-1.7 invoice ${n}\n`),
    Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7 + n) % 256)),
  ]);

/**
 * Access and portability (issue 18 §2) against the real database, queue and SMTP server: the
 * export is asked for, built by the pg-boss job, mailed, and downloaded only by its own person;
 * its ZIP holds what the schema promises, with a manifest whose hashes match; one at a time;
 * links expire; tenants stay apart; and every table that can hold personal data is accounted for.
 */
describe('privacy exports', () => {
  let t: TestApp;
  let owner: PortalClient;
  let member: PortalClient;
  let otherTenantOwner: PortalClient;
  const account = () => t.alpha.accounts[0];

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: process.env['EXPORT_LOG'] ?? 'silent' });
    owner = t.client(t.alpha);
    await owner.signIn(account().owner.email);
    member = t.client(t.alpha);
    await member.signIn(account().member.email);
    otherTenantOwner = t.client(t.beta);
    await otherTenantOwner.signIn(t.beta.accounts[0].owner.email);
    // Two issued invoices with their files, straight into the tables finance's job fills.
    for (const n of [1, 2]) {
      const [inv] = await t.sql<{ id: string }>(
        t.alpha,
        `INSERT INTO invoice (tenant_id, account_id, status, currency, language, year, sequence_no, number, issue_date, document, net_minor, tax_minor, gross_minor)
         VALUES ($1, $2, 'open', 'EUR', 'nl', 2026, $3, $4, '2026-11-01', '{"customer":{"name":"Test"}}', 1000, 210, 1210) RETURNING id`,
        [t.alpha.id, account().id, n, `T-2026-00000${n}`],
      );
      for (const [format, name, body] of [
        ['pdf', `T-2026-00000${n}.pdf`, pdf(n)],
        ['ubl', `T-2026-00000${n}.xml`, Buffer.from(`<Invoice>${n}</Invoice>`)],
      ])
        await t.sql(
          t.alpha,
          `INSERT INTO invoice_file (tenant_id, invoice_id, format, media_type, file_name, sha256, content)
           VALUES ($1, $2, $3, $4, $5, encode(sha256($6::bytea), 'hex'), $6::bytea)`,
          [t.alpha.id, inv.id, format, format === 'pdf' ? 'application/pdf' : 'application/xml', name, body],
        );
    }
  });
  afterAll(() => t.close());

  let exportId: string;
  let mailLink: URL;
  /** What the owner's export held: data.json's keys and the ZIP's paths. */
  let dataKeys: string[] = [];
  let zipPaths: string[] = [];

  it('opens an access request and queues the export in one go; a second one while it runs is refused by the database', async () => {
    const asked = await owner.request('POST', '/api/privacy/exports', { headers: { 'accept-language': 'nl' } });
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toMatchObject({ status: 'pending', downloadUrl: null });
    exportId = asked.json().id;
    const again = await owner.request('POST', '/api/privacy/exports');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      type: PROBLEM_TYPES.conflict,
      errors: [{ field: 'export', code: 'exportRunning' }],
    });
    // The refused one left nothing behind: one export, one access request.
    const requests = await t.sql<{ type: string; channel: string }>(
      t.alpha,
      `SELECT type, channel FROM privacy_request WHERE user_id = $1`,
      [account().owner.id],
    );
    expect(requests).toEqual([{ type: 'access', channel: 'portal' }]);
    // Counted once in the usage statistics (the refused one rolled back with its count).
    const counted = await t.sql<{ count: number }>(
      t.alpha,
      `SELECT count FROM usage_count WHERE feature = 'export' AND event = 'requested'`,
    );
    expect(counted).toEqual([{ count: 1 }]);
  });

  it('mails the person when the ZIP is ready, and closes the request as done', async () => {
    const mail = await t.mail.waitFor(account().owner.email, (m) => m.subject.includes('staan klaar'), 60_000);
    const href = /(http\S+\/privacy\/export\?download=\S+)/.exec(mail.text)?.[1];
    expect(href).toBeDefined();
    mailLink = new URL(href as string);
    expect(mailLink.searchParams.get('download')).toBe(exportId);
    // Until when, in the reader's time (the tenant's here: the owner chose none), as the page shows it.
    const [{ expires_at }] = await t.sql<{ expires_at: Date }>(
      t.alpha,
      `SELECT expires_at FROM privacy_export WHERE id = $1`,
      [exportId],
    );
    const amsterdam = expires_at.toLocaleTimeString('nl-NL', {
      timeZone: 'Europe/Amsterdam',
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(mail.text).toMatch(new RegExp(`De link werkt tot \\d+ \\w+ \\d{4} om ${amsterdam} CET`));
    const [request] = await t.sql<{ status: string; outcome: string }>(
      t.alpha,
      `SELECT r.status, r.outcome FROM privacy_request r JOIN privacy_export e ON e.tenant_id = r.tenant_id AND e.request_id = r.id WHERE e.id = $1`,
      [exportId],
    );
    expect(request.status).toBe('done');
    expect(request.outcome).toMatch(/^Export ready/);
    const listed = await owner.request('GET', '/api/privacy/exports');
    expect(listed.json()[0]).toMatchObject({ id: exportId, status: 'ready' });
    expect(listed.json()[0].downloadUrl).toContain(`/api/privacy/exports/${exportId}/download?token=`);
  });

  it('serves the ZIP to that person: data, readable page, invoices, access log with key, and a manifest whose hashes match', async () => {
    const token = mailLink.searchParams.get('token') as string;
    const got = await owner.request(
      'GET',
      `/api/privacy/exports/${exportId}/download?token=${encodeURIComponent(token)}`,
    );
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/zip');
    const zip = got.rawPayload;
    const [stored] = await t.sql<{ sha256: string; size_bytes: string }>(
      t.alpha,
      `SELECT sha256, size_bytes FROM privacy_export WHERE id = $1`,
      [exportId],
    );
    expect(sha256(zip)).toBe(stored.sha256);
    expect(zip.length).toBe(Number(stored.size_bytes));
    const files = unzip(zip);
    expect([...files.keys()].sort()).toEqual(
      [
        'access-log/access-log.json',
        'access-log/public-key.pem',
        'data.json',
        'index.html',
        'invoices/T-2026-000001.pdf',
        'invoices/T-2026-000001.xml',
        'invoices/T-2026-000002.pdf',
        'invoices/T-2026-000002.xml',
        'manifest.json',
        'schema.md',
      ].sort(),
    );
    const manifest = JSON.parse((files.get('manifest.json') as Buffer).toString());
    expect(manifest.files).toHaveLength(files.size - 1);
    for (const entry of manifest.files as { path: string; sha256: string; bytes: number }[]) {
      const content = files.get(entry.path) as Buffer;
      expect(sha256(content)).toBe(entry.sha256);
      expect(content.length).toBe(entry.bytes);
    }
    expect((files.get('invoices/T-2026-000002.xml') as Buffer).toString()).toBe('<Invoice>2</Invoice>');
    expect((files.get('invoices/T-2026-000001.pdf') as Buffer).equals(pdf(1))).toBe(true);
    const data = JSON.parse((files.get('data.json') as Buffer).toString());
    expect(data.format).toBe('mijn-account-export/v1');
    dataKeys = Object.keys(data);
    zipPaths = [...files.keys()];
    expect(data.profile).toMatchObject({ id: account().owner.id, email: account().owner.email });
    expect(data.profile).not.toHaveProperty('passwordHash');
    expect(data.account).toMatchObject({ id: account().id });
    expect(data.invoices.map((i: { number: string }) => i.number)).toEqual(['T-2026-000001', 'T-2026-000002']);
    expect(data.signIns.length).toBeGreaterThan(0);
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.privacyRequests).toEqual([expect.objectContaining({ type: 'access', status: 'open' })]);
    const html = (files.get('index.html') as Buffer).toString();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('Aanmeldgeschiedenis');
    const log = JSON.parse((files.get('access-log/access-log.json') as Buffer).toString());
    const key = createPublicKey((files.get('access-log/public-key.pem') as Buffer).toString());
    for (const c of log.checkpoints as { message: string; signature: string }[])
      expect(verify(null, Buffer.from(c.message), key, Buffer.from(c.signature, 'base64'))).toBe(true);
  });

  it('refuses the link to another user, a tampered link, another tenant and the anonymous', async () => {
    const token = mailLink.searchParams.get('token') as string;
    const url = `/api/privacy/exports/${exportId}/download?token=${encodeURIComponent(token)}`;
    const byMember = await member.request('GET', url);
    expect(byMember.statusCode).toBe(403);
    expect(byMember.json().type).toBe(PROBLEM_TYPES.forbidden);
    const tampered = await owner.request('GET', url.replace(/token=./, 'token=A'));
    expect(tampered.statusCode).toBe(400);
    expect(tampered.json().type).toBe(PROBLEM_TYPES.linkInvalid);
    const otherTenant = await otherTenantOwner.request('GET', url);
    expect(otherTenant.statusCode).toBe(404);
    expect((await otherTenantOwner.request('GET', '/api/privacy/exports')).json()).toEqual([]);
    const anonymous = await t.client(t.alpha).request('GET', url);
    expect(anonymous.statusCode).toBe(401);
    const missing = await owner.request('GET', `/api/privacy/exports/${exportId}/download`);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().type).toBe(PROBLEM_TYPES.linkInvalid);
    const tooLong = await owner.request('GET', `/api/privacy/exports/${exportId}/download?token=${'x'.repeat(1001)}`);
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().errors[0].field).toBe('token');
  });

  it('lets the link expire after three days and purges the ZIP', async () => {
    // Three days later: the stored expiry is moved into the past (the signed one is checked first by the app, so sign anew).
    await t.sql(t.alpha, `UPDATE privacy_export SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      exportId,
    ]);
    const token = mailLink.searchParams.get('token') as string;
    const late = await owner.request(
      'GET',
      `/api/privacy/exports/${exportId}/download?token=${encodeURIComponent(token)}`,
    );
    expect(late.statusCode).toBe(410);
    expect(late.json().type).toBe(PROBLEM_TYPES.linkExpired);
    const listed = (await owner.request('GET', '/api/privacy/exports')).json();
    expect(listed[0]).toMatchObject({ id: exportId, status: 'expired', downloadUrl: null });
    const { PrivacyExportsService } = await import('./privacy-exports.service');
    expect(await t.app.get(PrivacyExportsService).purgeExpired()).toBe(1);
    const chunks = await t.sql(t.alpha, `SELECT 1 FROM privacy_export_chunk WHERE export_id = $1`, [exportId]);
    expect(chunks).toHaveLength(0);
    // Now a new export may be asked for again (the first is no longer running).
    expect((await owner.request('POST', '/api/privacy/exports')).statusCode).toBe(202);
  });

  it('gives staff users their own data too', async () => {
    const staff = t.client(t.alpha);
    await staff.signIn(t.alpha.staff['helpdesk-agent'].email);
    expect(
      (await staff.request('POST', '/api/privacy/exports', { headers: { 'accept-language': 'en' } })).statusCode,
    ).toBe(202);
    const mail = await t.mail.waitFor(
      t.alpha.staff['helpdesk-agent'].email,
      (m) => m.subject.includes('is ready'),
      60_000,
    );
    const link = new URL(/(http\S+\/privacy\/export\?download=\S+)/.exec(mail.text)?.[1] as string);
    const got = await staff.request(
      'GET',
      `/api/privacy/exports/${link.searchParams.get('download')}/download?token=${encodeURIComponent(link.searchParams.get('token') as string)}`,
    );
    expect(got.statusCode).toBe(200);
    const data = JSON.parse((unzip(got.rawPayload).get('data.json') as Buffer).toString());
    expect(data.profile.email).toBe(t.alpha.staff['helpdesk-agent'].email);
    expect(data.account).toBeNull();
    expect(data.invoices).toEqual([]);
  });

  it('streams a long access log into the ZIP a page at a time: every event once, in chain order, counted on the readable page', async () => {
    // More than one page (EXPORT_EVENT_PAGE) of events.
    await t.sql(
      t.alpha,
      `INSERT INTO audit_event (tenant_id, account_id, at, actor_name, actor_kind, action, resource, outcome, ticket)
       SELECT $1, $2, now(), 'Agent', 'staff', 'read', 'billing', 'allowed', 'T-' || n FROM generate_series(1, 2345) n`,
      [t.alpha.id, account().id],
    );
    // One sealing pass: the export then holds chained events and, written after it, waiting ones.
    await t.app.get(AuditJobs).seal();
    await t.sql(
      t.alpha,
      `INSERT INTO audit_event (tenant_id, account_id, at, actor_name, actor_kind, action, resource, outcome)
       VALUES ($1, $2, now(), 'Agent', 'staff', 'read', 'billing', 'allowed')`,
      [t.alpha.id, account().id],
    );
    const [{ count }] = await t.sql<{ count: string }>(
      t.alpha,
      `SELECT count(*) FROM audit_event WHERE account_id = $1`,
      [account().id],
    );
    expect(Number(count)).toBeGreaterThan(2 * EXPORT_EVENT_PAGE);
    expect(
      (await member.request('POST', '/api/privacy/exports', { headers: { 'accept-language': 'en' } })).statusCode,
    ).toBe(202);
    const mail = await t.mail.waitFor(account().member.email, (m) => m.subject.includes('is ready'), 60_000);
    const link = new URL(/(http\S+\/privacy\/export\?download=\S+)/.exec(mail.text)?.[1] as string);
    const got = await member.request(
      'GET',
      `/api/privacy/exports/${link.searchParams.get('download')}/download?token=${encodeURIComponent(link.searchParams.get('token') as string)}`,
    );
    expect(got.statusCode).toBe(200);
    // Served in pieces (EXPORT_DOWNLOAD_PIECE_BYTES) that join up to the stored ZIP, byte for byte.
    expect(got.rawPayload.length).toBeGreaterThan(EXPORT_DOWNLOAD_PIECE_BYTES);
    const [stored] = await t.sql<{ sha256: string }>(t.alpha, `SELECT sha256 FROM privacy_export WHERE id = $1`, [
      link.searchParams.get('download'),
    ]);
    expect(sha256(got.rawPayload)).toBe(stored.sha256);
    const files = unzip(got.rawPayload);
    const log = JSON.parse((files.get('access-log/access-log.json') as Buffer).toString());
    const ids = (log.events as { id: string; seq: number | null }[]).map((e) => e.id);
    expect(ids).toHaveLength(Number(count));
    expect(new Set(ids).size).toBe(ids.length);
    // Chained events first, by their place in the chain; those still waiting after them.
    const seqs = (log.events as { seq: number | null }[]).map((e) => e.seq);
    const chained = seqs.filter((seq) => seq !== null);
    expect(chained).toEqual(chained.map((_, i) => i + 1));
    expect(seqs.slice(chained.length).every((seq) => seq === null)).toBe(true);
    // An auditor holding only the export checks the chain as docs/privacy-export-schema.md says,
    // personal digests (hex) included.
    expect(log.startsAt).toBe(0);
    let prev = '00'.repeat(32);
    const sealed = (log.events as Record<string, unknown>[]).filter((e) => e['seq'] !== null);
    expect(sealed.filter((e) => typeof e['personalDigest'] === 'string').length).toBeGreaterThan(0);
    for (const e of sealed) {
      const digest = e['personalDigest'] as string | null;
      const fields = [
        ...['tenantId', 'accountId', 'seq', 'id', 'at'].map((k) => e[k]),
        digest ? null : e['actorId'],
        digest ? '' : e['actorName'],
        ...['actorKind', 'action', 'resource', 'fields', 'outcome', 'grantId', 'reason', 'ticket'].map((k) => e[k]),
        digest ? null : e['ip'],
      ];
      const text = JSON.stringify(digest ? [...fields, `personal:${digest}`] : fields);
      expect(e['prevHash']).toBe(prev);
      prev = createHash('sha256').update(Buffer.from(prev, 'hex')).update(text, 'utf8').digest('hex');
      expect(e['hash']).toBe(prev);
    }
    expect((files.get('index.html') as Buffer).toString()).toContain(`${count} events in the access log`);
    // data.json, written a section at a time, is still one JSON document.
    expect(JSON.parse((files.get('data.json') as Buffer).toString()).profile.email).toBe(account().member.email);
  });

  it('accounts for every table that can hold personal data: exported or excluded with a reason', async () => {
    const rows = await t.sql<{ table_name: string }>(
      t.alpha,
      `SELECT DISTINCT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
        WHERE c.table_schema = 'public' AND c.column_name ~ $1 ORDER BY 1`,
      [PERSONAL_COLUMN],
    );
    const tables = rows.map((r) => r.table_name);
    expect(tables).toEqual(expect.arrayContaining(['app_user', 'sign_in_event', 'consent_record']));
    const unaccounted = tables.filter((table) => !(table in EXPORTED) && !(table in EXCLUDED));
    expect(unaccounted).toEqual([]);
    for (const reason of Object.values(EXCLUDED)) expect(reason.length).toBeGreaterThan(20);
    // Every EXPORTED place exists in the real export above: a key of its data.json, or a file (or folder) of its ZIP.
    for (const [table, place] of Object.entries(EXPORTED))
      expect([
        table,
        place.includes('/') ? zipPaths.some((p) => p.startsWith(place)) : dataKeys.includes(place),
      ]).toEqual([table, true]);
  });
});
