import { type PortalClient, type TestApp, TestMailbox, startTestApp } from '@mijn-account/api-testing';

describe('staff and member invitations', () => {
  let t: TestApp;
  let admin: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
  });
  afterAll(() => t.close());

  async function accept(email: string, password: string): Promise<void> {
    const mail = await t.mail.waitFor(email, (m) => m.subject.startsWith('Uitnodiging'));
    const token = TestMailbox.link(mail, '/invitation').searchParams.get('token');
    const anonymous = t.client(t.alpha);
    await anonymous.request('GET', '/api/tenant');
    expect((await anonymous.request('POST', '/api/invitations/accept', { body: { token, password } })).statusCode).toBe(
      204,
    );
  }

  it('invites staff, who can sign in only after accepting; roles change; disabling ends their open session', async () => {
    const invited = await admin.request('POST', '/api/admin/staff', {
      body: { email: 'New.Agent@Alpha.example', displayName: 'New Agent', roles: ['helpdesk-agent'] },
    });
    expect(invited.statusCode).toBe(201);
    const id = invited.json().id;
    expect((await t.client(t.alpha).signIn('new.agent@alpha.example', '')).statusCode).toBe(422);
    const list = (await admin.request('GET', '/api/admin/staff')).json();
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id, status: 'invited', roles: ['helpdesk-agent'], twoFactor: false }),
      ]),
    );

    await accept('new.agent@alpha.example', 'agent password 123');
    const agent = t.client(t.alpha);
    expect((await agent.signIn('new.agent@alpha.example', 'agent password 123')).json()).toEqual({
      status: 'signed-in',
    });
    expect((await agent.request('GET', '/api/me')).json().staffRoles).toEqual(['helpdesk-agent']);

    const bad = await admin.request('PUT', `/api/admin/staff/${id}/roles`, { body: { roles: ['janitor'] } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('roles');
    expect(
      (await admin.request('PUT', `/api/admin/staff/${id}/roles`, { body: { roles: ['helpdesk-agent', 'finance'] } }))
        .statusCode,
    ).toBe(204);
    expect((await agent.request('GET', '/api/me')).json().staffRoles).toEqual(['helpdesk-agent', 'finance']);

    expect((await admin.request('POST', `/api/admin/staff/${id}/disable`)).statusCode).toBe(204);
    expect((await agent.request('GET', '/api/me')).statusCode).toBe(401);
    expect((await t.client(t.alpha).signIn('new.agent@alpha.example', 'agent password 123')).statusCode).toBe(401);
  });

  it('answers an invitation to a registered address like any other, and refuses another tenant’s staff ids', async () => {
    // No 409 that would tell who has an account: the address's owner gets a notice (address-probing.int-spec).
    const dup = await admin.request('POST', '/api/admin/staff', {
      body: { email: t.alpha.staff.finance.email, displayName: 'X', roles: ['finance'] },
    });
    expect(dup.statusCode).toBe(201);
    const foreign = await admin.request('POST', `/api/admin/staff/${t.beta.staff.finance.id}/disable`);
    expect(foreign.statusCode).toBe(404);
    const rows = await t.sql(t.beta, `SELECT disabled_at FROM app_user WHERE id = $1`, [t.beta.staff.finance.id]);
    expect(rows[0]).toEqual({ disabled_at: null });
    // Disabling oneself is refused as unprocessable, naming the reason (staff-decisions.int-spec).
    expect(
      (await admin.request('POST', `/api/admin/staff/${t.alpha.staff['tenant-admin'].id}/disable`)).statusCode,
    ).toBe(422);
  });

  it('lets an owner invite and remove members, never the last owner', async () => {
    const owner = t.client(t.alpha);
    await owner.signIn(t.alpha.accounts[0].owner.email);
    const member = t.client(t.alpha);
    await member.signIn(t.alpha.accounts[0].member.email);
    expect((await member.request('GET', '/api/account/members')).statusCode).toBe(403);

    const invited = await owner.request('POST', '/api/account/members', {
      body: { email: 'colleague@example.com', displayName: 'Colleague', role: 'member' },
    });
    expect(invited.statusCode).toBe(201);
    await accept('colleague@example.com', 'colleague password 1');
    const colleague = t.client(t.alpha);
    expect((await colleague.signIn('colleague@example.com', 'colleague password 1')).json()).toEqual({
      status: 'signed-in',
    });
    expect((await colleague.request('GET', '/api/me')).json().account).toMatchObject({
      id: t.alpha.accounts[0].id,
      role: 'member',
    });

    const list = (await owner.request('GET', '/api/account/members')).json() as { id: string; email: string }[];
    expect(list.map((m) => m.email).sort()).toEqual(
      ['colleague@example.com', t.alpha.accounts[0].member.email, t.alpha.accounts[0].owner.email].sort(),
    );
    // Another account's member is not found.
    expect((await owner.request('DELETE', `/api/account/members/${t.alpha.accounts[1].member.id}`)).statusCode).toBe(
      404,
    );
    expect((await owner.request('DELETE', `/api/account/members/${invited.json().id}`)).statusCode).toBe(204);
    expect((await colleague.request('GET', '/api/me')).statusCode).toBe(401);
    const last = await owner.request('DELETE', `/api/account/members/${t.alpha.accounts[0].owner.id}`);
    expect(last.statusCode).toBe(409);
  });
});
