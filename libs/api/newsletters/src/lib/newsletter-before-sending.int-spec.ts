import { type TestApp, TestMailbox, startTestApp } from '@mijn-account/api-testing';
import { type PortalClient } from '@mijn-account/api-testing';

/** What an admin sees before sending an issue: the number it reaches, a preview per language, a test mail to themselves (issue 16 §6). */
describe('newsletters: before sending (count, preview, test send over real SMTP)', () => {
  let t: TestApp;
  let admin: PortalClient;
  let listId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    const created = await admin.request('POST', '/api/admin/newsletters', {
      body: { nameNl: 'Bakkersnieuws', nameEn: 'Bakery news', descriptionNl: '', descriptionEn: '', visible: true },
    });
    listId = created.json().id;
    // Two confirmed subscribers, through the portal and the mailed link, as subscribers do it.
    for (const n of [0, 1]) {
      const member = t.client(t.alpha);
      await member.signIn(t.alpha.accounts[n].member.email);
      await member.request('PUT', `/api/me/newsletters/${listId}`, { body: { subscribed: true } });
      const mail = await t.mail.waitFor(t.alpha.accounts[n].member.email, (m) =>
        m.subject.startsWith('Bevestig je aanmelding'),
      );
      const anonymous = t.client(t.alpha);
      await anonymous.request('GET', '/api/tenant');
      await anonymous.request('POST', '/api/newsletters/confirm', {
        body: { token: TestMailbox.link(mail, '/newsletters/confirm').searchParams.get('token') },
      });
    }
  });
  afterAll(() => t.close());

  const issue = { subject: 'Proef <b>', body: 'Alinea een.\n\nAlinea <twee>.' };
  const queued = async () => (await t.sql<{ n: number }>(t.alpha, `SELECT count(*)::int AS n FROM mail_message`))[0].n;

  it('answers the number an issue would reach: confirmed subscribers who are not disabled', async () => {
    expect((await admin.request('GET', `/api/admin/newsletters/${listId}/recipients`)).json()).toEqual({
      recipients: 2,
    });
    await t.sql(t.alpha, `UPDATE app_user SET disabled_at = now() WHERE id = $1`, [t.alpha.accounts[1].member.id]);
    try {
      expect((await admin.request('GET', `/api/admin/newsletters/${listId}/recipients`)).json()).toEqual({
        recipients: 1,
      });
    } finally {
      await t.sql(t.alpha, `UPDATE app_user SET disabled_at = NULL WHERE id = $1`, [t.alpha.accounts[1].member.id]);
    }
    const beta = t.client(t.beta);
    await beta.signIn(t.beta.staff['tenant-admin'].email);
    await beta.enrolTwoFactor();
    expect((await beta.request('GET', `/api/admin/newsletters/${listId}/recipients`)).statusCode).toBe(404);
  });

  it('previews the issue as its mail in each language of the list, escaped, and queues nothing', async () => {
    const before = await queued();
    const preview = await admin.request('POST', `/api/admin/newsletters/${listId}/issues/preview`, { body: issue });
    expect(preview.statusCode).toBe(200);
    const [nl, en] = preview.json() as { language: string; subject: string; html: string; text: string }[];
    expect([nl.language, en.language]).toEqual(['nl', 'en']);
    expect(nl.subject).toBe('Proef <b>');
    expect(nl.text).toContain('Bakkersnieuws');
    expect(en.text).toContain('Bakery news');
    expect(nl.html).toContain('Alinea &lt;twee&gt;.');
    expect(nl.html).not.toContain('<twee>');
    expect(await queued()).toBe(before);
    const bad = await admin.request('POST', `/api/admin/newsletters/${listId}/issues/preview`, {
      body: { subject: '', body: 'x' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('subject');
  });

  it('mails a test issue to the signed-in admin only, over the mail queue, and records no issue', async () => {
    const sent = await admin.request('POST', `/api/admin/newsletters/${listId}/issues/test`, {
      body: { subject: 'Proefnummer', body: 'Zo ziet het eruit.' },
    });
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toEqual({ to: t.alpha.staff['tenant-admin'].email });
    const mail = await t.mail.waitFor(t.alpha.staff['tenant-admin'].email, (m) => m.subject === 'Proefnummer');
    expect(mail.text).toContain('Zo ziet het eruit.');
    expect(mail.text).toContain('Bakkersnieuws');
    expect(mail.rawHeaders['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    // Nobody else, and no issue of the list.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(t.mail.messages.filter((m) => m.subject === 'Proefnummer').map((m) => m.to)).toEqual([
      t.alpha.staff['tenant-admin'].email,
    ]);
    expect((await t.sql<{ n: number }>(t.alpha, `SELECT count(*)::int AS n FROM newsletter_issue`))[0].n).toBe(0);
  });
});
