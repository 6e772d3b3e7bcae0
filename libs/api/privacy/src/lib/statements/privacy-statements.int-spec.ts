import { MAIL_QUEUE, QUEUE_SCHEMA } from '@mijn-account/api-database';
import { type PortalClient, type TestApp, startTestApp, problemFieldCodes } from '@mijn-account/api-testing';
import type { StatementBlock } from '@mijn-account/shared-contracts';

/**
 * Privacy statements with versions (issue 18 §6), against the real database, queue and SMTP: the
 * admin drafts and publishes; every user of the tenant gets one mail in their language, spread at
 * the newsletter rate; each user acknowledges the banner once, into the consent ledger; another
 * tenant sees none of it; the tenant's Markdown reaches the page as text, never as markup.
 */
describe('privacy statements', () => {
  const RATE = 4;
  let t: TestApp;
  let admin: PortalClient;
  let member: PortalClient;
  const admins = '/api/admin/privacy/statements';
  const draft = {
    effectiveOn: '2026-12-01',
    summaryNl: 'Eerste versie.',
    summaryEn: 'First version.',
    bodyNl: '# Wie wij zijn\n\nWij verwerken **alleen** wat nodig is.\n\n- je naam\n- je e-mailadres',
    bodyEn: '# Who we are\n\nWe process **only** what is needed.\n\n- your name\n- your e-mail address',
  };

  beforeAll(async () => {
    t = await startTestApp({ NEWSLETTER_RATE_PER_MINUTE: String(RATE) });
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    member = t.client(t.alpha);
    await member.signIn(t.alpha.accounts[0].member.email);
  }, 180_000);
  afterAll(() => t.close());

  const statementRows = () => t.sql(t.alpha, `SELECT version, published_at, revision FROM privacy_statement`);

  it('drafts with versions: created without If-Match, changed only with the current one, bad fields named', async () => {
    const created = await admin.request('PUT', `${admins}/draft`, { body: { ...draft, summaryEn: 'draft' } });
    expect(created.statusCode).toBe(200);
    expect(created.headers['etag']).toBe('"v1"');
    expect(created.json()).toMatchObject({ version: 1, status: 'draft', summaryEn: 'draft' });

    expect((await admin.request('PUT', `${admins}/draft`, { body: draft })).statusCode).toBe(428);
    const stale = await admin.request('PUT', `${admins}/draft`, { body: draft, headers: { 'if-match': '"v9"' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current).toMatchObject({ summaryEn: 'draft', etag: '"v1"' });

    const bad = await admin.request('PUT', `${admins}/draft`, {
      body: { ...draft, effectiveOn: '1 dec', bodyNl: 'a\u0000b', extra: 1 },
      headers: { 'if-match': '"v1"' },
    });
    expect(bad.statusCode).toBe(422);
    expect(problemFieldCodes(bad).sort()).toEqual([
      'bodyNl:noControlCharacters',
      'effectiveOn:isDate',
      'extra:whitelistValidation',
    ]);

    const saved = await admin.request('PUT', `${admins}/draft`, { body: draft, headers: { 'if-match': '"v1"' } });
    expect(saved.headers['etag']).toBe('"v2"');
    expect(await statementRows()).toEqual([{ version: 1, published_at: null, revision: 2 }]);
  });

  it('refuses anyone but the tenant admin, and the other tenant sees nothing', async () => {
    expect((await t.client(t.alpha).request('GET', admins)).statusCode).toBe(401);
    expect((await member.request('GET', admins)).statusCode).toBe(403);
    expect((await member.request('PUT', `${admins}/draft`, { body: draft })).statusCode).toBe(403);
    const other = t.client(t.beta);
    await other.signIn(t.beta.staff['tenant-admin'].email);
    await other.enrolTwoFactor();
    expect((await other.request('GET', admins)).json()).toEqual({ statements: [], recipients: expect.any(Number) });
    expect(
      (await other.request('POST', `${admins}/draft/publish`, { headers: { 'if-match': '"v2"' } })).statusCode,
    ).toBe(404);
    // Row-level security too: the runtime role inside beta's transaction finds no alpha row.
    expect(await t.appSql(t.beta, `SELECT version FROM privacy_statement`)).toEqual([]);
  });

  it('publishes: one mail per user in their language, at most RATE a minute, through the mail queue', async () => {
    await t.sql(t.alpha, `UPDATE app_user SET preferred_language = 'en' WHERE id = $1`, [t.alpha.accounts[1].owner.id]);
    const users = await t.sql<{ email: string; preferred_language: string | null }>(
      t.alpha,
      `SELECT email, preferred_language FROM app_user WHERE disabled_at IS NULL AND email_verified_at IS NOT NULL`,
    );
    expect(users.length).toBeGreaterThan(RATE);
    const view = (await admin.request('GET', admins)).json();
    expect(view.recipients).toBe(users.length);

    const incomplete = await admin.request('PUT', `${admins}/draft`, {
      body: { ...draft, bodyEn: '  ' },
      headers: { 'if-match': '"v2"' },
    });
    expect(incomplete.statusCode).toBe(200);
    const refused = await admin.request('POST', `${admins}/draft/publish`, { headers: { 'if-match': '"v3"' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'bodyEn', code: 'isNotEmpty' })]);
    await admin.request('PUT', `${admins}/draft`, { body: draft, headers: { 'if-match': '"v3"' } });
    expect((await admin.request('POST', `${admins}/draft/publish`)).statusCode).toBe(428);

    const published = await admin.request('POST', `${admins}/draft/publish`, { headers: { 'if-match': '"v4"' } });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ version: 1, status: 'published', announcedTo: users.length });

    // The rate: the announcement's mail jobs start in minute-apart waves of at most RATE.
    const jobs = await t.owner.query(
      `SELECT start_after FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND data->>'tenantId' = $2 ORDER BY start_after`,
      [MAIL_QUEUE, t.alpha.id],
    );
    const first = new Date(jobs[0].start_after).getTime();
    const waves = new Map<number, number>();
    for (const job of jobs as { start_after: Date }[]) {
      const wave = Math.round((new Date(job.start_after).getTime() - first) / 60_000);
      waves.set(wave, (waves.get(wave) ?? 0) + 1);
    }
    expect(jobs.length).toBe(users.length);
    expect(Math.max(...waves.values())).toBeLessThanOrEqual(RATE);
    expect(waves.size).toBe(Math.ceil(users.length / RATE));

    // Let the later waves go now, then every user has exactly one mail, in their language.
    await t.owner.query(`UPDATE ${QUEUE_SCHEMA}.job SET start_after = now() WHERE name = $1 AND state = 'created'`, [
      MAIL_QUEUE,
    ]);
    for (const user of users) {
      const mail = await t.mail.waitFor(user.email, (m) => /privacy/i.test(m.subject), 60_000);
      expect(mail.subject).toBe(
        user.preferred_language === 'en' ? 'New privacy statement from ALPHA' : 'Nieuwe privacyverklaring van ALPHA',
      );
      expect(mail.text).toContain(user.preferred_language === 'en' ? 'First version.' : 'Eerste versie.');
      expect(mail.text).toContain(`http://${t.alpha.host}/privacy-statement`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const user of users) expect(t.mail.to(user.email).filter((m) => /privacy/i.test(m.subject))).toHaveLength(1);
    expect(t.mail.messages.filter((m) => m.to.endsWith('beta.example'))).toEqual([]);

    // A published version is frozen, in the database too.
    await expect(t.sql(t.alpha, `UPDATE privacy_statement SET body_nl = 'x'`)).rejects.toThrow(/never changes/);
  }, 180_000);

  it('shows the banner until the user acknowledges it, recorded in the consent ledger once', async () => {
    const notice = (await member.request('GET', '/api/privacy-statement/notice')).json();
    expect(notice.pending).toMatchObject({ version: 1, summary: 'Eerste versie.', effectiveOn: '2026-12-01' });
    expect((await t.client(t.alpha).request('GET', '/api/privacy-statement/notice')).statusCode).toBe(401);

    const wrong = await member.request('POST', '/api/privacy-statement/acknowledgements', { body: { version: 7 } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ field: 'version', code: 'notCurrent' })]);

    const acks = await Promise.all(
      [1, 2, 3].map(() => member.request('POST', '/api/privacy-statement/acknowledgements', { body: { version: 1 } })),
    );
    expect(acks.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect((await member.request('GET', '/api/privacy-statement/notice')).json()).toEqual({ pending: null });
    expect(
      await t.sql(
        t.alpha,
        `SELECT purpose, action, method, wording, privacy_version FROM consent_record WHERE user_id = $1`,
        [t.alpha.accounts[0].member.id],
      ),
    ).toEqual([
      { purpose: 'privacy-statement', action: 'acknowledged', method: 'banner', wording: '1', privacy_version: '1' },
    ]);
    // Someone else still sees it.
    const owner = t.client(t.alpha);
    await owner.signIn(t.alpha.accounts[0].owner.email);
    expect((await owner.request('GET', '/api/privacy-statement/notice')).json().pending.version).toBe(1);
  });

  it('shows the statement publicly, in the page’s language, with its versions; the other tenant has none', async () => {
    const anonymous = t.client(t.alpha);
    const en = (
      await anonymous.request('GET', '/api/privacy-statement', { headers: { 'accept-language': 'en' } })
    ).json();
    expect(en.current).toMatchObject({ version: 1, summary: 'First version.' });
    expect(en.current.blocks).toEqual([
      { kind: 'heading', level: 2, content: [{ text: 'Who we are' }] },
      {
        kind: 'paragraph',
        content: [{ text: 'We process ' }, { text: 'only', strong: true }, { text: ' what is needed.' }],
      },
      { kind: 'list', ordered: false, items: [[{ text: 'your name' }], [{ text: 'your e-mail address' }]] },
    ]);
    expect(en.versions).toEqual([expect.objectContaining({ version: 1, summary: 'First version.' })]);
    expect((await anonymous.request('GET', '/api/privacy-statement')).json().current.summary).toBe('Eerste versie.');
    expect((await t.client(t.beta).request('GET', '/api/privacy-statement')).json()).toEqual({
      current: null,
      versions: [],
    });
  });

  it('neutralises unsafe Markdown: raw HTML stays text, script links lose their target', async () => {
    const unsafe = [
      '<script>alert(1)</script>',
      '',
      'Click [here](JavaScript:fetch%28%29) or [there](//evil.example) or [mail](mailto:privacy@alpha.example).',
      '',
      '<img src=x onerror="alert(3)">',
    ].join('\n');
    await admin.request('PUT', `${admins}/draft`, {
      body: { ...draft, effectiveOn: '2026-12-02', bodyEn: unsafe, summaryEn: 'Unsafe' },
    });
    const etag = String((await admin.request('GET', admins)).headers['etag']);
    expect((await admin.request('POST', `${admins}/draft/publish`, { headers: { 'if-match': etag } })).statusCode).toBe(
      200,
    );
    const blocks: StatementBlock[] = (
      await member.request('GET', '/api/privacy-statement', { headers: { 'accept-language': 'en' } })
    ).json().current.blocks;
    expect(blocks).toEqual([
      { kind: 'paragraph', content: [{ text: '<script>alert(1)</script>' }] },
      {
        kind: 'paragraph',
        content: [
          { text: 'Click ' },
          { text: 'here' },
          { text: ' or ' },
          { text: 'there' },
          { text: ' or ' },
          { text: 'mail', href: 'mailto:privacy@alpha.example' },
          { text: '.' },
        ],
      },
      { kind: 'paragraph', content: [{ text: '<img src=x onerror="alert(3)">' }] },
    ]);
    // The new version asks again; a newsletter opt-in now names the version in force in the ledger.
    expect((await member.request('GET', '/api/privacy-statement/notice')).json().pending.version).toBe(2);
    const list = await admin.request('POST', '/api/admin/newsletters', {
      body: {
        nameNl: 'Nieuws',
        nameEn: 'News',
        descriptionNl: 'Af en toe',
        descriptionEn: 'Now and then',
        visible: true,
      },
    });
    await member.request('PUT', `/api/me/newsletters/${list.json().id}`, { body: { subscribed: true } });
    expect(
      await t.sql(t.alpha, `SELECT privacy_version FROM consent_record WHERE purpose = 'newsletter' AND user_id = $1`, [
        t.alpha.accounts[0].member.id,
      ]),
    ).toEqual([{ privacy_version: '2' }]);
  });
});
