import { type PortalClient, type TestApp, startTestApp, problemFields } from '@mijn-account/api-testing';
import type { FinanceAccountPage, FinanceAccountView } from '@mijn-account/shared-contracts';
import { NL_SETTINGS, PLAN, calendar } from './billing-fixtures.testing';

describe('finance customers: list with search and keyset pages, one customer’s billing details (logged)', () => {
  let t: TestApp;
  let finance: PortalClient;
  let admin: PortalClient;
  let account: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    expect(
      (
        await admin.request('PUT', '/api/admin/invoicing-settings', {
          headers: { 'if-match': '"v1"' },
          body: NL_SETTINGS,
        })
      ).statusCode,
    ).toBe(200);
    finance = t.client(t.alpha);
    await finance.signIn(t.alpha.staff.finance.email);
    await finance.enrolTwoFactor();
    account = t.alpha.accounts[0].id;
    const plan = (await finance.request('POST', '/api/finance/plans', { body: PLAN })).json<{ id: string }>();
    const { today } = calendar();
    for (const startDate of [today, '2099-01-01'])
      expect(
        (
          await finance.request('POST', `/api/finance/accounts/${account}/subscriptions`, {
            body: { planId: plan.id, quantity: 1, startDate },
          })
        ).statusCode,
      ).toBe(201);
    await t.sql(
      t.alpha,
      `UPDATE subscriber_account SET street = 'Dam', house_number = '1', postal_code = '1012 JS', city = 'Amsterdam',
              country = 'NL', company_name = 'Alpha Eén B.V.', vat_id = 'NL004495445B01' WHERE id = $1`,
      [account],
    );
  });
  afterAll(() => t.close());

  const list = async (query = '') => {
    const res = await finance.request('GET', `/api/finance/accounts${query}`);
    expect(res.statusCode).toBe(200);
    return res.json<FinanceAccountPage>();
  };

  it('lists the tenant’s customers by number, with country and the subscriptions running today', async () => {
    const page = await list();
    expect(page).toEqual({
      items: [
        {
          id: account,
          customerNumber: 'ALPHA-1',
          name: 'alpha account 1',
          country: 'NL',
          activeSubscriptions: 1,
          restricted: null, // not erased (the retention purge's test shows an erased one)
        },
        {
          id: t.alpha.accounts[1].id,
          customerNumber: 'ALPHA-2',
          name: 'alpha account 2',
          country: null,
          activeSubscriptions: 0,
          restricted: null,
        },
      ],
      next: null,
    });
  });

  it('searches by customer number (from its start) or by name (any part), wildcards taken literally', async () => {
    expect((await list('?q=alpha-2')).items.map((i) => i.customerNumber)).toEqual(['ALPHA-2']);
    expect((await list('?q=ACCOUNT%201')).items.map((i) => i.customerNumber)).toEqual(['ALPHA-1']);
    expect((await list('?q=%25')).items).toEqual([]);
    expect((await list('?q=beta')).items).toEqual([]);
  });

  it('pages by customer number: `next` is the cursor, the last page has none', async () => {
    const first = await list('?limit=1');
    expect(first.items.map((i) => i.customerNumber)).toEqual(['ALPHA-1']);
    expect(first.next).toBe('ALPHA-1');
    const second = await list(`?limit=1&after=${first.next}`);
    expect(second).toMatchObject({ items: [{ customerNumber: 'ALPHA-2' }], next: null });
  });

  it('refuses a bad query naming the parameter', async () => {
    for (const [query, field] of [
      ['?limit=0', 'limit'],
      ['?limit=abc', 'limit'],
      ['?limit=101', 'limit'],
      ['?sort=name', 'sort'],
    ]) {
      const res = await finance.request('GET', `/api/finance/accounts${query}`);
      expect({ query, status: res.statusCode }).toEqual({ query, status: 422 });
      expect([...new Set(problemFields(res))]).toEqual([field]);
    }
  });

  it('shows one customer with its billing details and logs the read in that account’s access log', async () => {
    const before = await t.sql<{ n: number }>(t.alpha, `SELECT count(*)::int AS n FROM audit_event`);
    const res = await finance.request('GET', `/api/finance/accounts/${account}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<FinanceAccountView>()).toMatchObject({
      id: account,
      customerNumber: 'ALPHA-1',
      name: 'alpha account 1',
      billing: {
        companyName: 'Alpha Eén B.V.',
        vatId: 'NL004495445B01',
        address: { street: 'Dam', houseNumber: '1', postalCode: '1012 JS', city: 'Amsterdam', country: 'NL' },
      },
    });
    const events = await t.sql(
      t.alpha,
      `SELECT actor_kind::text, actor_id, action, resource, outcome::text, fields FROM audit_event
        WHERE account_id = $1 AND resource = 'billing'`,
      [account],
    );
    expect(events).toEqual([
      {
        actor_kind: 'staff',
        actor_id: t.alpha.staff.finance.id,
        action: 'read',
        resource: 'billing',
        outcome: 'allowed',
        fields: ['companyName', 'cocNumber', 'vatId', 'billingEmail', 'address'],
      },
    ]);
    const after = await t.sql<{ n: number }>(t.alpha, `SELECT count(*)::int AS n FROM audit_event`);
    expect(after[0].n).toBe(before[0].n + 1);
  });

  it('answers 404 for another tenant’s account, an unknown one and a malformed id, logging nothing', async () => {
    const before = await t.sql<{ n: number }>(t.alpha, `SELECT count(*)::int AS n FROM audit_event`);
    for (const id of [t.beta.accounts[0].id, '00000000-0000-4000-8000-000000000000', 'not-an-id'])
      expect((await finance.request('GET', `/api/finance/accounts/${id}`)).statusCode).toBe(404);
    const after = await t.sql<{ n: number }>(t.alpha, `SELECT count(*)::int AS n FROM audit_event`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses staff without the finance role (the tenant admin, a helpdesk agent) and subscribers', async () => {
    const agent = t.client(t.alpha);
    await agent.signIn(t.alpha.staff['helpdesk-agent'].email);
    await agent.enrolTwoFactor();
    const owner = t.client(t.alpha);
    await owner.signIn(t.alpha.accounts[0].owner.email);
    for (const client of [admin, agent, owner])
      for (const url of ['/api/finance/accounts', `/api/finance/accounts/${account}`])
        expect((await client.request('GET', url)).statusCode).toBe(403);
  });
});
