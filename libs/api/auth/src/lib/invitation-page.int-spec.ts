import {
  type PortalClient,
  SIGNED_IN_HINT_SET,
  type TestApp,
  TestMailbox,
  problemFields,
  signedInHintOf,
  startTestApp,
} from '@mijn-account/api-testing';

/**
 * The invitation page (issue 16 §6): what a link is about, read before the password is chosen
 * (who invited, to which account as what, or to the staff with which roles), and accepting signs
 * the invitee in. The link still works once only.
 */
describe('the invitation page', () => {
  let t: TestApp;
  let owner: PortalClient;
  let admin: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    owner = t.client(t.alpha);
    await owner.signIn(t.alpha.accounts[0].owner.email);
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
  });
  afterAll(() => t.close());

  async function tokenFor(email: string): Promise<string> {
    const mail = await t.mail.waitFor(email, (m) => m.subject.startsWith('Uitnodiging'));
    return TestMailbox.link(mail, '/invitation').searchParams.get('token') ?? '';
  }

  async function anonymous(): Promise<PortalClient> {
    const client = t.client(t.alpha);
    await client.request('GET', '/api/tenant');
    return client;
  }

  it('says who invited whom to which account as what, signs in on accepting, and works once', async () => {
    const invited = await owner.request('POST', '/api/account/members', {
      body: { email: 'Nieuw.Lid@Example.com', displayName: 'Nieuw Lid', role: 'member' },
    });
    expect(invited.statusCode).toBe(201);
    const token = await tokenFor('nieuw.lid@example.com');
    const browser = await anonymous();

    const preview = await browser.request('POST', '/api/invitations/preview', { body: { token } });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toEqual({
      email: 'nieuw.lid@example.com',
      displayName: 'Nieuw Lid',
      invitedBy: 'shared',
      accountName: 'alpha account 1',
      accountRole: 'member',
      staffRoles: [],
    });
    // Reading it twice uses nothing up.
    expect((await browser.request('POST', '/api/invitations/preview', { body: { token } })).statusCode).toBe(200);

    const accepted = await browser.request('POST', '/api/invitations/accept', {
      body: { token, password: 'nieuw lid wachtwoord 1' },
    });
    expect(accepted.statusCode).toBe(204);
    expect(signedInHintOf(accepted)).toEqual(SIGNED_IN_HINT_SET);
    const me = await browser.request('GET', '/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { email: 'nieuw.lid@example.com', displayName: 'Nieuw Lid', kind: 'subscriber' },
      account: { name: 'alpha account 1', role: 'member' },
    });
    // The session is an ordinary one: it is listed on the security page, signed in with a password.
    const sessions = (await browser.request('GET', '/api/me/security/sessions')).json() as {
      current: boolean;
      method: string;
    }[];
    expect(sessions).toEqual([expect.objectContaining({ current: true, method: 'password' })]);

    // The link works once, to read as to use.
    const again = await anonymous();
    expect((await again.request('POST', '/api/invitations/preview', { body: { token } })).statusCode).toBe(410);
    const reused = await again.request('POST', '/api/invitations/accept', {
      body: { token, password: 'een ander wachtwoord 2' },
    });
    expect(reused.statusCode).toBe(410);
    expect((await again.request('GET', '/api/me')).statusCode).toBe(401);
  });

  it('names the staff roles of a staff invitation; a withdrawn one reads as not valid and signs nobody in', async () => {
    const invited = await admin.request('POST', '/api/admin/staff', {
      body: {
        email: 'nieuwe.collega@alpha.example',
        displayName: 'Nieuwe Collega',
        roles: ['helpdesk-agent', 'finance'],
      },
    });
    expect(invited.statusCode).toBe(201);
    const token = await tokenFor('nieuwe.collega@alpha.example');
    const browser = await anonymous();
    expect((await browser.request('POST', '/api/invitations/preview', { body: { token } })).json()).toEqual({
      email: 'nieuwe.collega@alpha.example',
      displayName: 'Nieuwe Collega',
      invitedBy: 'tenant-admin',
      accountName: null,
      accountRole: null,
      staffRoles: ['helpdesk-agent', 'finance'],
    });

    expect((await admin.request('POST', `/api/admin/staff/${invited.json().id}/disable`)).statusCode).toBe(204);
    const withdrawn = await browser.request('POST', '/api/invitations/preview', { body: { token } });
    expect(withdrawn.statusCode).toBe(400);
    expect(withdrawn.json().type).toMatch(/link-invalid$/);
    const refused = await browser.request('POST', '/api/invitations/accept', {
      body: { token, password: 'collega wachtwoord 1' },
    });
    expect(refused.statusCode).toBe(400);
    expect((await browser.request('GET', '/api/me')).statusCode).toBe(401);
  });

  it('refuses a malformed or foreign token with problem details naming the field, never a 500', async () => {
    const browser = await anonymous();
    const bad = await browser.request('POST', '/api/invitations/preview', { body: { token: 42 } });
    expect(bad.statusCode).toBe(422);
    expect(new Set(problemFields(bad))).toEqual(new Set(['token']));
    const unknown = await browser.request('POST', '/api/invitations/preview', { body: { token: 'x'.repeat(43) } });
    expect(unknown.statusCode).toBe(400);
  });

  it('mails an invitation in the invitee’s language when they have one here, else in the tenant’s', async () => {
    const betaOwner = t.client(t.beta);
    await betaOwner.signIn(t.beta.accounts[0].owner.email);
    await betaOwner.request('POST', '/api/account/members', {
      body: { email: 'new.colleague@example.com', displayName: 'New Colleague', role: 'member' },
    });
    const english = await t.mail.waitFor('new.colleague@example.com', (m) => m.subject.startsWith('Invitation'));
    expect(english.text).toContain('invites you as a member');

    // At Dutch alpha, someone who chose English gets the "you already have an account" notice in English.
    await t.sql(t.alpha, `UPDATE app_user SET preferred_language = 'en' WHERE email = $1`, [
      t.alpha.accounts[1].member.email,
    ]);
    await owner.request('POST', '/api/account/members', {
      body: { email: t.alpha.accounts[1].member.email, displayName: 'Someone', role: 'member' },
    });
    const notice = await t.mail.waitFor(t.alpha.accounts[1].member.email, (m) =>
      m.subject.startsWith('You were invited'),
    );
    expect(notice.text).toContain('This address already belongs to an account');
  });
});
