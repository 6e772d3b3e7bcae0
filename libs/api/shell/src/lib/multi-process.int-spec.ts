import { connect } from 'node:net';
import { setTimeout } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { QUEUE_SCHEMA, createDataSource, withTenant } from '@mijn-account/api-database';
import {
  type FixtureTenant,
  type PortalProcess,
  type TestDatabase,
  ENTITIES,
  OidcTestProvider,
  PortalClient,
  TestMailbox,
  createTestDatabase,
  ensureApiBuilt,
  freePort,
  seedTwoTenants,
  startPortalProcess,
} from '@mijn-account/api-testing';

/**
 * Issue 19 §2: two web processes and two workers (PROCESS_ROLE), real OS processes of the built API
 * (`ensureApiBuilt`: built here when the sources are newer) on one database, act as one portal. Sessions, sign-outs, grants, the sign-in throttle
 * and a Google or Microsoft round's state live in the database, so each process sees the others' at once; background work (mail, the
 * access-log sealer, checkpoints) is the workers', each piece done once.
 */
describe('two web processes and two workers on one database', () => {
  let db: TestDatabase;
  let owner: DataSource;
  let mail: TestMailbox;
  let alpha: FixtureTenant;
  let web1: PortalProcess;
  let web2: PortalProcess;
  let workers: PortalProcess[];
  /** The local OpenID provider standing in for Google and Microsoft 365. */
  let op: OidcTestProvider;

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    withTenant(owner, alpha.id, (m) => m.query(text, params)) as Promise<T[]>;
  /** One browser that talks to web1 or web2 per request, sharing its cookies (a load balancer without stickiness). */
  const browser = () => {
    const one = new PortalClient(web1.http, alpha.host);
    const other = new PortalClient(web2.http, alpha.host);
    (other as { cookies: Map<string, string> }).cookies = one.cookies;
    return { on1: one, on2: other };
  };

  beforeAll(async () => {
    ensureApiBuilt();
    db = await createTestDatabase();
    owner = await createDataSource({ url: db.ownerUrl, poolSize: 2, entities: ENTITIES }).initialize();
    ({ alpha } = await seedTwoTenants(owner));
    mail = await TestMailbox.start();
    op = await OidcTestProvider.start(
      ['google', 'microsoft'].map((p) => `http://${alpha.host}/api/auth/${p}/callback`),
    );
    const env = async (role: string, extra: Record<string, string> = {}) => ({
      PROCESS_ROLE: role,
      PORT: String(await freePort()),
      DATABASE_URL: db.appUrl,
      MIGRATION_DATABASE_URL: db.ownerUrl,
      SMTP_URL: mail.url,
      SEED_DEMO: 'false',
      WEB_DIST: '/nonexistent',
      LOG_LEVEL: 'info',
      MAIL_POLL_SECONDS: '0.5',
      DB_POOL_SIZE: '4',
      OIDC_ALLOW_HTTP: 'true',
      ...extra,
    });
    // Checkpoints every 0.3 s in both workers: they sign the same chains at the same time.
    // Debug lines too (a job's "job done"), to follow a request from a web process into a worker.
    const worker = { AUDIT_CHECKPOINT_MINUTES: '0.005', LOG_LEVEL: 'debug' };
    // web1 drains within 2 s at most (the grace bound is tested on it); web2 has the default 10 s.
    const started = await Promise.allSettled([
      startPortalProcess(await env('web', { DRAIN_GRACE_SECONDS: '2' })),
      startPortalProcess(await env('web')),
      startPortalProcess(await env('worker', worker)),
      startPortalProcess(await env('worker', worker)),
    ]);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) {
      await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : null)));
      throw failed.reason;
    }
    [web1, web2, ...workers] = started.map((s) => (s as PromiseFulfilledResult<PortalProcess>).value);
  }, 600_000);

  afterAll(async () => {
    const codes = await Promise.all([web1, web2, ...(workers ?? [])].filter(Boolean).map((p) => p.stop()));
    expect(codes.every((code) => code === 0)).toBe(true);
    await mail?.close();
    await op?.stop();
    await owner?.destroy();
    await db?.drop();
  });

  it('answers health on a worker, and nothing else', async () => {
    const [worker] = workers;
    const ready = await worker.http.inject({ method: 'GET', url: '/api/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', database: 'ok', migrations: 'current', draining: false });
    expect((await worker.http.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
    const api = await worker.http.inject({ method: 'GET', url: '/api/tenant', headers: { host: alpha.host } });
    expect(api.statusCode).toBe(404);
  });

  it('keeps a session made on one web process on the other, and a sign-out on one ends it on both', async () => {
    const { on1, on2 } = browser();
    expect((await on1.signIn(alpha.accounts[0].owner.email)).statusCode).toBe(200);
    const me = await on2.request('GET', '/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { email: alpha.accounts[0].owner.email } });

    const cookies = new Map(on1.cookies);
    expect((await on2.request('DELETE', '/api/session')).statusCode).toBeLessThan(300);
    expect((await on1.request('GET', '/api/me')).statusCode).toBe(401);
    // Even with the cookie kept (a stolen copy), the session is gone on the other process too.
    on1.cookies.clear();
    for (const [k, v] of cookies) on1.cookies.set(k, v);
    expect((await on1.request('GET', '/api/me')).statusCode).toBe(401);
  });

  it('counts sign-in failures across both web processes', async () => {
    const email = alpha.accounts[1].member.email;
    await sql(`UPDATE tenant_sign_in_settings SET free_attempts = 2, lock_after = 4, lock_minutes = 5`);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const { on1, on2 } = browser();
      statuses.push((await (i % 2 === 0 ? on1 : on2).signIn(email, 'wrong password')).statusCode);
      // Wait out the growing delay (as the security suite does), so each attempt counts.
      await sql(`UPDATE sign_in_throttle SET last_failure_at = last_failure_at - interval '10 seconds'`);
    }
    // Locked at the fourth failure, wherever each was made.
    expect(statuses).toEqual([401, 401, 401, 401]);
    const locked = await browser().on2.signIn(email);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(200);
  });

  it('ends a revoked grant on the other process; the workers chain the access log and sign it once', async () => {
    const account = alpha.accounts[0];
    const agent = browser();
    await agent.on2.signIn(alpha.staff['helpdesk-agent'].email);
    await sql(`UPDATE user_session SET second_factor_at = now() WHERE second_factor_at IS NULL`);
    const subscriber = browser();
    await subscriber.on1.signIn(account.owner.email);

    const requested = await agent.on2.request('POST', '/api/support/requests', {
      body: {
        accountId: account.id,
        reason: 'service',
        ticket: 'T-1',
        justification: 'Customer asked about an invoice address',
        scopes: ['billing:read'],
        minutes: 60,
      },
    });
    expect(requested.statusCode).toBe(201);
    const id = requested.json().id;
    const approved = await subscriber.on1.request('POST', `/api/account/access-requests/${id}/approve`, {
      body: { minutes: 15, scopes: ['billing:read'] },
    });
    expect(approved.json()).toMatchObject({ status: 'active' });
    const billing = `/api/support/accounts/${account.id}/billing`;
    expect((await agent.on2.request('GET', billing)).statusCode).toBe(200);
    expect((await agent.on1.request('GET', billing)).statusCode).toBe(200);

    expect((await subscriber.on1.request('POST', `/api/account/access-requests/${id}/revoke`)).json().status).toBe(
      'revoked',
    );
    expect((await agent.on2.request('GET', billing)).statusCode).toBe(403);

    // The web processes seal nothing themselves: they hand their tenants to the workers, which chain
    // every event and sign the heads — two workers at once, neither failing, each head signed once.
    await waitUntil(async () => {
      const [left] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_event e
          WHERE e.account_id = $1 AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.tenant_id = e.tenant_id AND s.entry_no = e.entry_no)`,
        [account.id],
      );
      const [head] = await sql<{ signed: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM audit_checkpoint k WHERE k.tenant_id = c.tenant_id AND k.account_id = c.account_id AND k.seq = c.last_seq) AS signed
           FROM audit_chain c WHERE c.account_id = $1`,
        [account.id],
      );
      return left.n === 0 && head?.signed === true;
    });
    const log = (await subscriber.on2.request('GET', '/api/account/access-log')).json();
    expect(log.verification.intact).toBe(true);
    await setTimeout(1_000); // a few more checkpoint passes of both workers
    for (const worker of workers) expect(worker.output()).not.toMatch(/pass failed/);
    const doubles = await sql(
      `SELECT account_id, seq FROM audit_checkpoint GROUP BY account_id, seq HAVING count(*) > 1`,
    );
    expect(doubles).toEqual([]);
  });

  it('sends a mail queued by a web process once, from a worker', async () => {
    const email = alpha.accounts[1].owner.email;
    let resetId = '';
    // With both workers paused, nothing is sent: the web processes work no queue.
    for (const worker of workers) worker.child.kill('SIGSTOP');
    try {
      const { on1 } = browser();
      await on1.request('GET', '/api/tenant');
      const reset = await on1.request('POST', '/api/password-reset', { body: { email } });
      expect(reset.statusCode).toBeLessThan(300);
      resetId = String(reset.headers['x-request-id']);
      await setTimeout(2_000); // four polls of a web process, had it one
      expect(mail.to(email)).toEqual([]);
    } finally {
      for (const worker of workers) worker.child.kill('SIGCONT');
    }
    await mail.waitFor(email);
    await waitUntil(async () => {
      const [job] = await owner.query(
        `SELECT state FROM ${QUEUE_SCHEMA}.job WHERE name = 'mail' ORDER BY created_on DESC LIMIT 1`,
      );
      return job?.state === 'completed';
    });
    await setTimeout(1_000);
    expect(mail.to(email)).toHaveLength(1);
    // One request followed across processes: the worker's lines of that mail job carry the id,
    // tenant and user of the web process's request that queued it.
    const ofJob = workers
      .flatMap((w) => w.output().split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line['reqId'] === resetId && line['job'] === 'mail');
    expect(ofJob).toContainEqual(expect.objectContaining({ msg: 'job done', tenant: alpha.slug }));
  });

  describe('a Google or Microsoft sign-in', () => {
    beforeAll(async () => {
      // The tenant admin turns both providers on at web1; self sign-up makes the identity an account.
      const admin = browser().on1;
      expect((await admin.signIn(alpha.staff['tenant-admin'].email)).statusCode).toBe(200);
      await admin.enrolTwoFactor();
      await op.enableIn(admin);
      await sql(`UPDATE tenant_sign_in_settings SET self_sign_up = true`);
    });
    afterAll(() => sql(`UPDATE tenant_sign_in_settings SET self_sign_up = false`));

    /** The start on one process, the provider's login and consent; answers the callback's path and query. */
    async function startAt(client: PortalClient, provider: 'google' | 'microsoft', login: string) {
      const start = await client.request('GET', `/api/auth/${provider}/start`);
      expect(start.statusCode).toBe(303);
      const authorization = new URL(String(start.headers['location']));
      expect(authorization.origin).toBe(op.issuers[provider]);
      expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
        client_id: `portal-${provider}`,
        redirect_uri: `http://${alpha.host}/api/auth/${provider}/callback`,
        code_challenge_method: 'S256',
        state: client.cookies.get('ma_oidc'),
        ...(provider === 'microsoft' ? { nonce: expect.any(String) } : {}),
      });
      const callback = await op.signInAt(authorization.href, login);
      expect(callback.host).toBe(alpha.host);
      return `${callback.pathname}${callback.search}`;
    }

    it.each([
      ['google', 'crossing.google@example.com'],
      ['microsoft', 'crossing.microsoft@contoso.example#verified'],
    ] as const)(
      'started on one web process finishes on the other, either way, and only once (%s)',
      async (provider, login) => {
        const email = login.split('#')[0];
        const { on1, on2 } = browser();
        const callback = await startAt(on1, provider, login);
        const stateCookie = String(on1.cookies.get('ma_oidc'));

        // Another browser, without the state cookie, gets nothing from it on web2 (and uses nothing up).
        const stranger = new PortalClient(web2.http, alpha.host);
        expect((await stranger.request('GET', callback)).headers['location']).toBe('/sign-in?error=state');

        // The browser comes back to web2, which finishes what web1 started: state, PKCE verifier and
        // nonce came from the database, the client secret web1 saved is decrypted there too.
        const done = await on2.request('GET', callback);
        expect(done.statusCode).toBe(303);
        expect(done.headers['location']).toBe('/');
        for (const side of [on2, on1]) {
          expect((await side.request('GET', '/api/me')).json()).toMatchObject({ user: { email } });
        }
        const sessions = (await on1.request('GET', '/api/me/security/sessions')).json();
        expect(sessions.find((s: { current: boolean }) => s.current)).toMatchObject({ method: provider });

        // Used up for both processes: a replay on web1, even with a kept copy of the state cookie, is refused.
        const replay = new PortalClient(web1.http, alpha.host);
        replay.cookies.set('ma_oidc', stateCookie);
        expect((await replay.request('GET', callback)).headers['location']).toBe('/sign-in?error=state');
        expect((await replay.request('GET', '/api/me')).statusCode).toBe(401);

        // The other way round, now through the identity the first round linked: started on web2, finished on web1.
        const again = browser();
        const back = await startAt(again.on2, provider, login);
        expect((await again.on1.request('GET', back)).headers['location']).toBe('/');
        expect((await again.on2.request('GET', '/api/me')).json()).toMatchObject({ user: { email } });
        const [identities] = await sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM user_identity i JOIN app_user u ON u.tenant_id = i.tenant_id AND u.id = i.user_id
          WHERE u.email = $1 AND i.provider = $2`,
          [email, provider],
        );
        expect(identities.n).toBe(1);
      },
    );
  });

  // Drain (issue 19 §1). These stop processes, so they come last: a worker, then web2, then web1.

  it('drains a worker on SIGTERM: readiness 503 at once, no new job taken, the running one finished, exit 0', async () => {
    const [draining, paused] = workers;
    paused.child.kill('SIGSTOP');
    const first = alpha.accounts[0].member.email;
    const held = mail.hold(first);
    try {
      const { on1 } = browser();
      await on1.request('GET', '/api/tenant');
      expect((await on1.request('POST', '/api/password-reset', { body: { email: first } })).statusCode).toBe(202);
      await held.arrived; // the worker is in the middle of that delivery
      draining.child.kill('SIGTERM');
      await waitUntil(async () => {
        const ready = await draining.http.inject({ method: 'GET', url: '/api/health/ready' });
        return ready.statusCode === 503 && ready.json().draining === true;
      });
      const second = alpha.accounts[0].owner.email;
      expect((await on1.request('POST', '/api/password-reset', { body: { email: second } })).statusCode).toBe(202);
      await setTimeout(2_000); // four polls, had it still been fetching
      const [job] = await owner.query(
        `SELECT state FROM ${QUEUE_SCHEMA}.job WHERE name = 'mail' ORDER BY created_on DESC LIMIT 1`,
      );
      expect(job.state).toBe('created');
      held.release();
      expect(await draining.stop()).toBe(0);
      expect(mail.to(first)).toHaveLength(1);
      paused.child.kill('SIGCONT');
      await mail.waitFor(second); // the other worker takes it
    } finally {
      held.release();
      paused.child.kill('SIGCONT');
    }
  });

  /** A profile save on `web` that waits for the user row the test holds (an honestly slow request). */
  async function slowSave(web: PortalProcess) {
    const client = new PortalClient(web.http, alpha.host);
    const user = alpha.accounts[1].owner;
    expect((await client.signIn(user.email)).statusCode).toBe(200);
    const read = await client.request('GET', '/api/me/profile');
    const holder = owner.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT set_config('app.tenant_id', $1, true)`, [alpha.id]);
    await holder.query(`SELECT 1 FROM app_user WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [alpha.id, user.id]);
    const answer = client
      .request('PUT', '/api/me/profile', {
        body: {
          ...(read.json() as Record<string, unknown>),
          email: undefined,
          phoneCountry: undefined,
          displayName: 'Drained',
        },
        headers: { 'if-match': String(read.headers['etag']) },
      })
      .then((res) => res.statusCode)
      .catch((error: Error) => error.message);
    await waitUntil(async () => {
      const [row] = await owner.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype IN ('transactionid', 'tuple')`,
      );
      return row.n > 0;
    });
    const release = async () => {
      if (holder.isTransactionActive) await holder.commitTransaction();
      await holder.release();
    };
    return { answer, release };
  }

  /** Whether a new TCP connection to the port is refused. */
  const refused = (port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.on('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.on('error', () => resolve(true));
    });

  it('drains a web process on SIGTERM: new connections refused, the request in flight answered, exit 0', async () => {
    const { answer, release } = await slowSave(web2);
    try {
      web2.child.kill('SIGTERM');
      await waitUntil(() => refused(web2.port));
    } finally {
      await release();
    }
    expect(await answer).toBe(200);
    expect(await web2.stop()).toBe(0);
  });

  it('exits 0 after DRAIN_GRACE_SECONDS although a request is still in flight', async () => {
    const { answer, release } = await slowSave(web1);
    try {
      web1.child.kill('SIGTERM');
      // Exits while the test still holds the row the request waits for (web1's grace: 2 s).
      expect(await web1.stop()).toBe(0);
      expect(web1.output()).toMatch(/still busy after 2 s: exiting/);
    } finally {
      await release();
    }
    expect(await answer).not.toBe(200);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await setTimeout(100);
  }
}
