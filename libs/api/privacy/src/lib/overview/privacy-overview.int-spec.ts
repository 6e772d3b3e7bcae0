import {
  type PortalClient,
  type TestApp,
  startTestApp,
  problemFieldCodes,
  problemFields,
} from '@mijn-account/api-testing';
import type { PrivacyOverview, ProcessingActivityInput } from '@mijn-account/shared-contracts';
import { unzip } from '../exports/unzip.testing';

const ROW: ProcessingActivityInput = {
  categoryNl: 'Identiteit en contactgegevens',
  categoryEn: 'Identity and contact details',
  purposeNl: 'Uw account beheren',
  purposeEn: 'Running your account',
  legalBasis: 'contract',
  retentionNl: 'Zolang uw account bestaat',
  retentionEn: 'As long as your account exists',
  recipientsNl: 'onze e-mailprovider',
  recipientsEn: 'our e-mail provider',
  automatedDecisionNl: null,
  automatedDecisionEn: null,
  position: 10,
};

/**
 * The privacy page (issue 18 §1, §9) against the real database, queue and SMTP: the record of
 * processing activities in the reader's language, the privacy contact and authority, questions and
 * complaints tracked as requests and mailed to the contact, disclosures (own only, held ones hidden
 * until the hold ends, each in the access log), and the age confirmation at sign-up.
 */
describe('privacy page, processing record and disclosures', () => {
  let t: TestApp;
  let admin: PortalClient;
  let owner: PortalClient;
  let member: PortalClient;
  let betaAdmin: PortalClient;
  let settingsEtag = '"v1"';

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    betaAdmin = t.client(t.beta);
    await betaAdmin.signIn(t.beta.staff['tenant-admin'].email);
    await betaAdmin.enrolTwoFactor();
    owner = t.client(t.alpha);
    await owner.signIn(t.alpha.accounts[0].owner.email);
    member = t.client(t.alpha);
    await member.signIn(t.alpha.accounts[0].member.email);
  });
  afterAll(() => t.close());

  it('keeps the record of processing activities: add, edit with its version, stale edits refused, delete', async () => {
    const created = await admin.request('POST', '/api/admin/privacy/processing', { body: ROW });
    expect(created.statusCode).toBe(201);
    const row = created.json();
    expect(row).toMatchObject({ ...ROW, version: 1 });

    const bad = await admin.request('POST', '/api/admin/privacy/processing', {
      body: { ...ROW, legalBasis: 'because', purposeEn: '' },
    });
    expect(bad.statusCode).toBe(422);
    expect(problemFields(bad).sort()).toEqual(['legalBasis', 'purposeEn']);
    expect(await t.sql(t.alpha, `SELECT 1 FROM processing_activity`)).toHaveLength(1);

    const edited = await admin.request('PUT', `/api/admin/privacy/processing/${row.id}`, {
      headers: { 'if-match': '"v1"' },
      body: {
        ...ROW,
        automatedDecisionNl: 'Kredietscore bij aanmelding',
        automatedDecisionEn: 'Credit score at sign-up',
      },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, automatedDecisionEn: 'Credit score at sign-up' });
    const stale = await admin.request('PUT', `/api/admin/privacy/processing/${row.id}`, {
      headers: { 'if-match': '"v1"' },
      body: ROW,
    });
    expect(stale.statusCode).toBe(412);
    const staleDelete = await admin.request('DELETE', `/api/admin/privacy/processing/${row.id}`, {
      headers: { 'if-match': '"v1"' },
    });
    expect(staleDelete.statusCode).toBe(412);

    // Another tenant's admin neither sees nor changes it (404, and RLS below the app).
    expect((await betaAdmin.request('GET', '/api/admin/privacy/processing')).json()).toEqual([]);
    const foreign = await betaAdmin.request('PUT', `/api/admin/privacy/processing/${row.id}`, {
      headers: { 'if-match': '"v2"' },
      body: ROW,
    });
    expect(foreign.statusCode).toBe(404);
    // A subscriber may not keep the record.
    expect((await owner.request('GET', '/api/admin/privacy/processing')).statusCode).toBe(403);

    const second = await admin.request('POST', '/api/admin/privacy/processing', {
      body: { ...ROW, categoryNl: 'Nieuwsbrieven', categoryEn: 'Newsletters', legalBasis: 'consent', position: 20 },
    });
    expect(second.statusCode).toBe(201);
    const gone = await admin.request('DELETE', `/api/admin/privacy/processing/${second.json().id}`, {
      headers: { 'if-match': '"v1"' },
    });
    expect(gone.statusCode).toBe(204);
    expect(await t.sql(t.alpha, `SELECT 1 FROM processing_activity`)).toHaveLength(1);
  });

  it('keeps the privacy settings versioned, field by field', async () => {
    const current = await admin.request('GET', '/api/admin/privacy/settings');
    expect(current.statusCode).toBe(200);
    settingsEtag = current.headers.etag as string;
    const bad = await admin.request('PUT', '/api/admin/privacy/settings', {
      headers: { 'if-match': settingsEtag },
      body: {
        contactEmail: 'privacy@alpha.example',
        contactPhone: '12',
        authorityName: 'Autoriteit Persoonsgegevens',
        authorityUrl: 'http://ap.example',
        erasureGraceDays: 14,
        minimumAge: null,
        parentalConsentAllowed: false,
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(problemFieldCodes(bad).sort()).toEqual(['authorityUrl:isUrl', 'contactPhone:isPhoneNumber']);
    const saved = await admin.request('PUT', '/api/admin/privacy/settings', {
      headers: { 'if-match': settingsEtag },
      body: {
        contactEmail: 'privacy@alpha.example',
        contactPhone: '+31 20 123 4567',
        authorityName: 'Autoriteit Persoonsgegevens',
        authorityUrl: 'https://autoriteitpersoonsgegevens.nl',
        erasureGraceDays: 14,
        minimumAge: null,
        parentalConsentAllowed: false,
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().contactPhone).toBe('+31201234567');
    const stale = await admin.request('PUT', '/api/admin/privacy/settings', {
      headers: { 'if-match': settingsEtag },
      body: { ...(saved.json() as object), contactEmail: 'other@alpha.example' },
    });
    expect(stale.statusCode).toBe(412);
    settingsEtag = saved.headers.etag as string;
  });

  it('shows each signed-in person what is held and why, in their language, with the contact and authority', async () => {
    const nl = await owner.request('GET', '/api/me/privacy', { headers: { 'accept-language': 'nl' } });
    expect(nl.statusCode).toBe(200);
    const body = nl.json() as PrivacyOverview;
    expect(body.language).toBe('nl');
    expect(body.held).toEqual([
      expect.objectContaining({
        category: 'Identiteit en contactgegevens',
        purpose: 'Uw account beheren',
        legalBasis: 'contract',
        automatedDecision: 'Kredietscore bij aanmelding',
      }),
    ]);
    expect(body.contact).toEqual({ email: 'privacy@alpha.example', phone: '+31201234567' });
    expect(body.authority).toEqual({
      name: 'Autoriteit Persoonsgegevens',
      url: 'https://autoriteitpersoonsgegevens.nl',
    });
    const en = (await owner.request('GET', '/api/me/privacy', { headers: { 'accept-language': 'en' } })).json();
    expect(en.held[0]).toMatchObject({ category: 'Identity and contact details', recipients: 'our e-mail provider' });
    // Staff have the page too; another tenant's people see their own tenant's (empty) record.
    expect((await admin.request('GET', '/api/me/privacy')).statusCode).toBe(200);
    expect((await betaAdmin.request('GET', '/api/me/privacy')).json().held).toEqual([]);
    // Anonymous: refused.
    expect((await t.client(t.alpha).request('GET', '/api/me/privacy')).statusCode).toBe(401);
  });

  it('tracks a question as a privacy request and mails it to the privacy contact over SMTP', async () => {
    const empty = await owner.request('POST', '/api/me/privacy/questions', { body: { kind: 'question', message: '' } });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors[0].field).toBe('message');
    const asked = await owner.request('POST', '/api/me/privacy/questions', {
      body: { kind: 'complaint', message: 'Why did I get a newsletter after I unsubscribed?' },
    });
    expect(asked.statusCode).toBe(201);
    const { requestId, deadline } = asked.json();
    const [request] = await t.sql<{
      type: string;
      channel: string;
      user_id: string;
      details: string;
      deadline: string;
    }>(
      t.alpha,
      `SELECT type, channel, user_id, details, to_char(deadline, 'YYYY-MM-DD') AS deadline FROM privacy_request WHERE id = $1`,
      [requestId],
    );
    expect(request).toEqual({
      type: 'complaint',
      channel: 'portal',
      user_id: t.alpha.accounts[0].owner.id,
      details: 'Why did I get a newsletter after I unsubscribed?',
      deadline,
    });
    const mail = await t.mail.waitFor('privacy@alpha.example', (m) => m.subject.includes('Privacyklacht'), 30_000);
    expect(mail.text).toContain('Why did I get a newsletter after I unsubscribed?');
    expect(mail.text).toContain(t.alpha.accounts[0].owner.email);
    expect(mail.text).toContain('/admin/privacy/requests');
  });

  it('records disclosures (tenant admin only), logs them, and shows each person only their own once any hold ends', async () => {
    const person = t.alpha.accounts[0].owner;
    const today = new Date().toISOString().slice(0, 10);
    const disclosure = {
      email: person.email,
      recipient: 'Belastingdienst',
      legalBasis: 'legal-obligation',
      categories: 'Factuuradres en facturen 2025',
      disclosedOn: '2026-01-15',
      noticeDelayedUntil: null,
    };
    expect((await owner.request('POST', '/api/admin/privacy/disclosures', { body: disclosure })).statusCode).toBe(403);
    const unknown = await admin.request('POST', '/api/admin/privacy/disclosures', {
      body: { ...disclosure, email: 'nobody@alpha.example', noticeDelayedUntil: '2026-01-01' },
    });
    expect(unknown.statusCode).toBe(422);
    expect(problemFields(unknown).sort()).toEqual(['email', 'noticeDelayedUntil']);
    // The other tenant's admin cannot name this tenant's person (nothing written there).
    const foreign = await betaAdmin.request('POST', '/api/admin/privacy/disclosures', {
      body: { ...disclosure, email: t.alpha.accounts[0].member.email },
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors).toEqual([expect.objectContaining({ field: 'email', code: 'unknownPerson' })]);

    const before = await t.sql<{ n: string }>(
      t.alpha,
      `SELECT count(*) AS n FROM audit_event WHERE account_id = $1 AND action = 'disclose'`,
      [t.alpha.accounts[0].id],
    );
    const open = await admin.request('POST', '/api/admin/privacy/disclosures', { body: disclosure });
    expect(open.statusCode).toBe(201);
    expect(open.json()).toMatchObject({ recipient: 'Belastingdienst', email: person.email, noticeDelayedUntil: null });
    const held = await admin.request('POST', '/api/admin/privacy/disclosures', {
      body: { ...disclosure, recipient: 'Politie', legalBasis: 'legal-obligation', noticeDelayedUntil: '2099-01-01' },
    });
    expect(held.statusCode).toBe(201);

    // The open one is in the account's access log at once, by the admin; the held one is not (yet).
    const events = await t.sql<{ action: string; resource: string; actor_id: string }>(
      t.alpha,
      `SELECT action, resource, actor_id FROM audit_event WHERE account_id = $1 AND action = 'disclose'`,
      [t.alpha.accounts[0].id],
    );
    expect(events.length - Number(before[0].n)).toBe(1);
    expect(events.at(-1)).toEqual({
      action: 'disclose',
      resource: 'disclosure',
      actor_id: t.alpha.staff['tenant-admin'].id,
    });
    // The held one waits in the queue for the day its hold ends.
    const [job] = await t.sql<{ start_after: Date }>(
      t.alpha,
      `SELECT start_after FROM pgboss.job WHERE name = 'privacy-disclosure-notices' AND data->>'disclosureId' = $1`,
      [held.json().id],
    );
    expect(job.start_after.toISOString().slice(0, 10)).toBe('2099-01-01');
    const count = async () =>
      (
        await t.sql(t.alpha, `SELECT 1 FROM audit_event WHERE account_id = $1 AND action = 'disclose'`, [
          t.alpha.accounts[0].id,
        ])
      ).length;
    expect(await count()).toBe(events.length);

    // The person sees the open disclosure, not the held one; a member of the same account sees neither.
    const mine = (await owner.request('GET', '/api/me/privacy')).json() as PrivacyOverview;
    expect(mine.disclosures).toEqual([
      {
        id: open.json().id,
        recipient: 'Belastingdienst',
        legalBasis: 'legal-obligation',
        categories: 'Factuuradres en facturen 2025',
        disclosedOn: '2026-01-15',
      },
    ]);
    expect((await member.request('GET', '/api/me/privacy')).json().disclosures).toEqual([]);
    // Once the hold has ended, it shows.
    await t.sql(t.alpha, `UPDATE privacy_disclosure SET notice_delayed_until = $2 WHERE id = $1`, [
      held.json().id,
      today,
    ]);
    const after = (await owner.request('GET', '/api/me/privacy')).json() as PrivacyOverview;
    expect(after.disclosures.map((d) => d.recipient).sort()).toEqual(['Belastingdienst', 'Politie']);
    // The job's day comes: the worker writes the held disclosure into the access log, by the admin.
    await t.sql(t.alpha, `UPDATE pgboss.job SET start_after = now() WHERE name = 'privacy-disclosure-notices'`);
    const until = Date.now() + 30_000;
    while ((await count()) === events.length && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
    expect(await count()).toBe(events.length + 1);
    // The admin's register lists both; the other tenant's is empty.
    expect((await admin.request('GET', '/api/admin/privacy/disclosures')).json()).toHaveLength(2);
    expect((await betaAdmin.request('GET', '/api/admin/privacy/disclosures')).json()).toEqual([]);
  });

  it('ends a hold on the tenant’s own day, west of UTC too: the job at its local midnight, the page and the export alike', async () => {
    const person = t.beta.accounts[0].owner;
    const zone = (timeZone: string) =>
      t.sql(
        t.beta,
        `INSERT INTO invoicing_settings (tenant_id, time_zone) VALUES (app_current_tenant(), $1)
         ON CONFLICT (tenant_id) DO UPDATE SET time_zone = EXCLUDED.time_zone`,
        [timeZone],
      );
    // Saskatchewan: UTC−6 all year (no daylight saving to reckon with in 2099).
    await zone('America/Regina');
    const held = await betaAdmin.request('POST', '/api/admin/privacy/disclosures', {
      body: {
        email: person.email,
        recipient: 'Politie',
        legalBasis: 'legal-obligation',
        categories: 'Adres',
        disclosedOn: '2026-01-15',
        noticeDelayedUntil: '2099-01-15',
      },
    });
    expect(held.statusCode).toBe(201);
    // Midnight in Regina, not midnight UTC, which is 18:00 the day before there.
    const [job] = await t.sql<{ start_after: Date }>(
      t.beta,
      `SELECT start_after FROM pgboss.job WHERE name = 'privacy-disclosure-notices' AND data->>'disclosureId' = $1`,
      [held.json().id],
    );
    expect(job.start_after.toISOString()).toBe('2099-01-15T06:00:00.000Z');

    // The tenant moves to another time zone (as the runtime role, like the finance page): the
    // queued notice moves with it, to midnight in Amsterdam.
    const notices = (state: string) =>
      t.sql<{ start_after: Date }>(
        t.beta,
        `SELECT start_after FROM pgboss.job WHERE name = 'privacy-disclosure-notices' AND data->>'disclosureId' = $1 AND state = $2`,
        [held.json().id, state],
      );
    await t.appSql(t.beta, `UPDATE invoicing_settings SET time_zone = 'Europe/Amsterdam'`);
    expect((await notices('created')).map((j) => j.start_after.toISOString())).toEqual(['2099-01-14T23:00:00.000Z']);
    // A notice that runs before the hold has ended on the tenant's day (an early start, or a zone
    // changed behind the trigger's back) writes nothing and waits again for that day's midnight.
    await t.sql(
      t.beta,
      `UPDATE pgboss.job SET start_after = now() WHERE name = 'privacy-disclosure-notices' AND data->>'disclosureId' = $1`,
      [held.json().id],
    );
    const until = Date.now() + 30_000;
    while ((await notices('completed')).length === 0 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 250));
    expect(await notices('completed')).toHaveLength(1);
    expect((await notices('created')).map((j) => j.start_after.toISOString())).toEqual(['2099-01-14T23:00:00.000Z']);
    expect(
      await t.sql(t.beta, `SELECT 1 FROM audit_event WHERE account_id = $1 AND action = 'disclose'`, [
        t.beta.accounts[0].id,
      ]),
    ).toEqual([]);
    await zone('America/Regina');
    expect((await notices('created')).map((j) => j.start_after.toISOString())).toEqual(['2099-01-15T06:00:00.000Z']);

    // A zone whose calendar day differs from the database's right now: 12 hours west of UTC before
    // noon UTC, 14 hours east after. West, a hold ending on the database's date has not ended yet
    // for the tenant; east, one ending on the tenant's date has.
    const [now] = await t.sql<{ db: string; west: string; east: string }>(
      t.beta,
      `SELECT current_date::text AS db, to_char(now() AT TIME ZONE 'Etc/GMT+12', 'YYYY-MM-DD') AS west,
              to_char(now() AT TIME ZONE 'Pacific/Kiritimati', 'YYYY-MM-DD') AS east`,
    );
    const west = now.west !== now.db;
    await zone(west ? 'Etc/GMT+12' : 'Pacific/Kiritimati');
    await t.sql(t.beta, `UPDATE privacy_disclosure SET notice_delayed_until = $2 WHERE id = $1`, [
      held.json().id,
      west ? now.db : now.east,
    ]);
    const shown = west ? [] : ['Politie'];
    const client = t.client(t.beta);
    await client.signIn(person.email);
    const page = (await client.request('GET', '/api/me/privacy')).json() as PrivacyOverview;
    expect(page.disclosures.map((d) => d.recipient)).toEqual(shown);
    expect((await client.request('POST', '/api/privacy/exports')).statusCode).toBe(202);
    const mail = await t.mail.waitFor(person.email, (m) => /staan klaar|is ready/.test(m.subject), 60_000);
    const link = new URL(/(http\S+\/privacy\/export\?download=\S+)/.exec(mail.text)?.[1] as string);
    const got = await client.request(
      'GET',
      `/api/privacy/exports/${link.searchParams.get('download')}/download?token=${encodeURIComponent(link.searchParams.get('token') as string)}`,
    );
    expect(got.statusCode).toBe(200);
    const data = JSON.parse((unzip(got.rawPayload).get('data.json') as Buffer).toString());
    expect(data.disclosures.map((d: { recipient: string }) => d.recipient)).toEqual(shown);
    await t.sql(t.beta, `DELETE FROM invoicing_settings`);
  });

  it('asks the age the tenant requires at sign-up, refuses without it, and records it in the consent ledger', async () => {
    const saved = await admin.request('PUT', '/api/admin/privacy/settings', {
      headers: { 'if-match': settingsEtag },
      body: {
        contactEmail: 'privacy@alpha.example',
        contactPhone: null,
        authorityName: null,
        authorityUrl: null,
        erasureGraceDays: 14,
        minimumAge: 18,
        parentalConsentAllowed: false,
      },
    });
    expect(saved.statusCode).toBe(200);
    // The ledger names the tenant's statement in force (as newsletter opt-ins do), not the configured default.
    const [{ version }] = await t.sql<{ version: string }>(
      t.alpha,
      `INSERT INTO privacy_statement (tenant_id, version, effective_on, summary_nl, summary_en, body_nl, body_en, published_at)
       SELECT app_current_tenant(), COALESCE(max(version), 0) + 7, current_date, 'Nieuw', 'New', 'Tekst', 'Text', now()
         FROM privacy_statement RETURNING version::text`,
    );
    await t.sql(t.alpha, `UPDATE tenant_sign_in_settings SET self_sign_up = true`);
    const visitor = t.client(t.alpha);
    await visitor.request('GET', '/api/tenant');
    const options = (await visitor.request('GET', '/api/session/options')).json();
    expect(options.ageRequirement).toEqual({ minimumAge: 18, parentalConsentAllowed: false });

    const email = 'young.newcomer@example.com';
    const base = { email, password: 'a sentence as a password', displayName: 'Nora', accountName: 'Nora BV' };
    const without = await visitor.request('POST', '/api/sign-up', { body: base });
    expect(without.statusCode).toBe(422);
    expect(without.json().errors).toEqual([expect.objectContaining({ field: 'ageConfirmation', code: 'ageRequired' })]);
    const parental = await visitor.request('POST', '/api/sign-up', {
      body: { ...base, ageConfirmation: 'parental-consent' },
    });
    expect(parental.statusCode).toBe(422);
    expect(parental.json().errors[0].code).toBe('parentalConsentNotAllowed');

    const ok = await visitor.request('POST', '/api/sign-up', {
      headers: { 'accept-language': 'nl' },
      body: { ...base, ageConfirmation: 'of-age' },
    });
    expect(ok.statusCode).toBe(202);
    const mail = await t.mail.waitFor(email, () => true, 30_000);
    const link = /token=([^\s&"]+)/.exec(mail.text)?.[1];
    expect(link).toBeTruthy();
    const verified = await visitor.request('POST', '/api/sign-up/verify', { body: { token: link } });
    expect(verified.statusCode).toBe(204);
    const ledger = await t.sql<{ purpose: string; action: string; method: string; wording: string; list_id: null }>(
      t.alpha,
      `SELECT c.purpose, c.action, c.method, c.wording, c.list_id, c.privacy_version FROM consent_record c
         JOIN app_user u ON u.tenant_id = c.tenant_id AND u.id = c.user_id WHERE u.email = $1`,
      [email],
    );
    expect(ledger).toEqual([
      {
        purpose: 'age',
        action: 'given',
        method: 'sign-up',
        wording: 'Ik ben 18 jaar of ouder.',
        list_id: null,
        privacy_version: version,
      },
    ]);
  });
});
