import { FIXTURE_PASSWORD, type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';

/**
 * The client's address (sign-in history, throttling, access log, consent ledger) comes from
 * X-Forwarded-For only when the direct peer is a proxy named in TRUST_PROXY.
 */
describe('client address behind a proxy (TRUST_PROXY)', () => {
  const PROXY = '10.20.0.5';
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: '10.20.0.0/16' });
  });
  afterAll(() => t.close());
  afterEach(() => t.sql(t.alpha, `DELETE FROM sign_in_throttle`));

  async function anonymous(): Promise<PortalClient> {
    const client = t.client(t.alpha);
    await client.request('GET', '/api/tenant');
    return client;
  }

  /** A failed sign-in for `email` from `peer` with this X-Forwarded-For; returns the address the history recorded. */
  async function recordedAddress(email: string, peer: string | undefined, forwardedFor: string): Promise<string> {
    const client = await anonymous();
    const res = await client.request('POST', '/api/session', {
      body: { email, password: 'not the password' },
      headers: { 'x-forwarded-for': forwardedFor },
      remoteAddress: peer,
    });
    expect(res.statusCode).toBe(401);
    const rows = await t.sql<{ ip: string }>(
      t.alpha,
      `SELECT host(ip) AS ip FROM sign_in_event WHERE email = $1 ORDER BY id DESC LIMIT 1`,
      [email],
    );
    return rows[0].ip;
  }

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    expect(await recordedAddress('direct@example.com', undefined, '203.0.113.7')).toBe('127.0.0.1');
    expect(await recordedAddress('direct@example.com', '198.51.100.20', '203.0.113.7')).toBe('198.51.100.20');
  });

  it('takes the client address from a trusted proxy, and only the hop that proxy added', async () => {
    expect(await recordedAddress('proxied@example.com', PROXY, '203.0.113.7')).toBe('203.0.113.7');
    // A client that sends its own X-Forwarded-For through the proxy: the proxy appends the real peer.
    expect(await recordedAddress('proxied@example.com', PROXY, '192.0.2.99, 203.0.113.8')).toBe('203.0.113.8');
  });

  it('shows the real address in the sign-in history, whatever the client claims', async () => {
    const email = t.alpha.accounts[0].owner.email;
    const client = await anonymous();
    const res = await client.request('POST', '/api/session', {
      body: { email, password: FIXTURE_PASSWORD },
      headers: { 'x-forwarded-for': '203.0.113.250' },
      remoteAddress: '198.51.100.30',
    });
    expect(res.json()).toEqual({ status: 'signed-in' });
    const history = (await client.request('GET', '/api/me/security/sign-ins')).json() as {
      ip: string | null;
      outcome: string;
    }[];
    expect(history[0]).toMatchObject({ outcome: 'success', ip: '198.51.100.30' });
  });

  it('keeps counting one IP however many addresses it claims, so the per-IP lock still trips', async () => {
    await t.sql(t.alpha, `UPDATE tenant_sign_in_settings SET ip_lock_after = 10, lock_after = 10, free_attempts = 3`);
    const peer = '198.51.100.40';
    for (let i = 0; i < 10; i++) {
      const client = await anonymous();
      const res = await client.request('POST', '/api/session', {
        body: { email: `guess${i}@example.com`, password: 'wrong' },
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
        remoteAddress: peer,
      });
      expect(res.statusCode).toBe(401);
    }
    const next = await (
      await anonymous()
    ).request('POST', '/api/session', {
      body: { email: t.alpha.accounts[1].owner.email, password: FIXTURE_PASSWORD },
      headers: { 'x-forwarded-for': '203.0.113.200' },
      remoteAddress: peer,
    });
    expect(next.statusCode).toBe(429);
    const keys = await t.sql<{ key: string }>(t.alpha, `SELECT key FROM sign_in_throttle WHERE key LIKE 'ip:%'`);
    expect(keys).toEqual([{ key: `ip:${peer}` }]);
  });
});
