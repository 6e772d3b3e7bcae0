import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, type Socket, createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { PROBLEM_TYPES, TENANT_SCRIPT_ID } from '@mijn-account/shared-contracts';
import { type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';

/**
 * A TCP hop between the API and its PostgreSQL that the test can cut (every connection dropped,
 * new ones refused), make silent, and restore on the same port: the database going away, as the API sees it.
 */
class CuttableLink {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  /** `silent`: connections are accepted and never answered — a database host dropping packets. */
  async open(silent = false): Promise<void> {
    const server = createServer((client) => {
      if (silent) {
        this.sockets.add(client);
        client.on('close', () => this.sockets.delete(client));
        client.on('error', () => client.destroy());
        return;
      }
      const upstream = connect(this.targetPort, this.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
  }
}

describe('the database away: 503 with Retry-After, and back without a restart', () => {
  let t: TestApp;
  let link: CuttableLink;
  let owner: PortalClient;
  let webRoot: string;

  beforeAll(async () => {
    // The web app's files, as the build leaves them: a page and a translation file.
    webRoot = mkdtempSync(join(tmpdir(), 'ma-web-'));
    mkdirSync(join(webRoot, 'i18n'));
    writeFileSync(
      join(webRoot, 'index.html'),
      '<!doctype html><html lang="nl"><head></head><body><ma-root></ma-root></body></html>',
    );
    writeFileSync(join(webRoot, 'i18n', 'nl.json'), JSON.stringify({ unavailable: { title: 'Even niet bereikbaar' } }));
    t = await startTestApp(
      // A one-second tenant cache, so an outage outlives it; one second for a statement or a connection.
      {
        WEB_DIST: webRoot,
        TENANT_CACHE_SECONDS: '1',
        DB_STATEMENT_TIMEOUT_SECONDS: '1',
        DB_CONNECT_TIMEOUT_SECONDS: '1',
      },
      {
        appUrl: async (url) => {
          const target = new URL(url);
          link = new CuttableLink(target.hostname, Number(target.port));
          await link.open();
          target.port = String(link.port);
          return target.toString();
        },
      },
    );
    owner = t.client(t.alpha);
    expect((await owner.signIn(t.alpha.accounts[0].owner.email)).statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await link.cut();
    rmSync(webRoot, { recursive: true, force: true });
  });

  const untilBack = async () => {
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await owner.request('GET', '/api/me')).statusCode;
      if (status !== 200) await sleep(100);
    }
    expect(status).toBe(200);
  };

  it('answers 503 problem details with Retry-After while the database is unreachable, then recovers', async () => {
    expect((await owner.request('GET', '/api/me')).statusCode).toBe(200);
    await link.cut();

    // A read and a write: both say the service is unavailable, and when to try again.
    for (const [method, path] of [
      ['GET', '/api/me'],
      ['PUT', '/api/me/profile'],
    ] as const) {
      const res = await owner.request(method, path, {
        body:
          method === 'PUT' ? { displayName: 'Away', phone: null, preferredLanguage: 'nl', timeZone: null } : undefined,
        headers: { 'if-match': '"v1"' },
      });
      expect({ path, status: res.statusCode, type: res.json().type }).toEqual({
        path,
        status: 503,
        type: PROBLEM_TYPES.unavailable,
      });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.json().requestId).toBeTruthy();
    }

    // Back on the same address: the pool reconnects on its own, no restart.
    await link.open();
    await untilBack();
  });

  it('serves the web app while the database is away: a known tenant with its branding, another without, its API 503', async () => {
    const alphaPage = await t.client(t.alpha).request('GET', '/account/profile');
    expect(alphaPage.body).toContain(`<script id="${TENANT_SCRIPT_ID}"`);
    await link.cut();
    await sleep(1_100); // the tenant cache has run out

    // The tenant this process served keeps its page, branding and all (its last answer, kept).
    const known = await t.client(t.alpha).request('GET', '/account/profile');
    expect(known.statusCode).toBe(200);
    expect(known.body).toContain(`<script id="${TENANT_SCRIPT_ID}"`);
    expect(known.body).toContain(t.alpha.slug);
    // One it has not seen gets the page without a tenant, and its files; the app then asks
    // /api/tenant, which says the service is away — the app shows its neutral page with a retry.
    const beta = t.client(t.beta);
    const page = await beta.request('GET', '/account/profile');
    expect({ status: page.statusCode, type: page.headers['content-type'] }).toEqual({
      status: 200,
      type: 'text/html; charset=utf-8',
    });
    expect(page.body).toContain('<ma-root></ma-root>');
    expect(page.body).not.toContain(TENANT_SCRIPT_ID);
    expect((await beta.request('GET', '/i18n/nl.json')).statusCode).toBe(200);
    const tenant = await beta.request('GET', '/api/tenant');
    expect({ status: tenant.statusCode, type: tenant.json().type }).toEqual({
      status: 503,
      type: PROBLEM_TYPES.unavailable,
    });
    expect(Number(tenant.headers['retry-after'])).toBeGreaterThan(0);
    // Readiness says so (a load balancer stops sending here); liveness does not (no restart).
    expect((await beta.request('GET', '/api/health/ready')).statusCode).toBe(503);
    expect((await beta.request('GET', '/api/health/live')).statusCode).toBe(200);

    await link.open();
    await untilBack();
    await sleep(1_100);
    expect((await beta.request('GET', '/account/profile')).body).toContain(`<script id="${TENANT_SCRIPT_ID}"`);
  });

  it('answers a statement that outlasts its timeout (here: waiting for a lock) with 503, and saves the edit once the lock is gone', async () => {
    const read = await owner.request('GET', '/api/me/profile');
    expect(read.statusCode).toBe(200);
    const edit = () =>
      owner.request('PUT', '/api/me/profile', {
        body: { displayName: 'Geduldig', phone: null, preferredLanguage: 'nl', timeZone: null },
        headers: { 'if-match': String(read.headers['etag']) },
      });
    // Another transaction holds the user's row.
    const holder = new Client({ connectionString: t.db.ownerUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT set_config('app.tenant_id', $1, true)`, [t.alpha.id]);
      await holder.query(`SELECT 1 FROM app_user WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [
        t.alpha.id,
        t.alpha.accounts[0].owner.id,
      ]);
      const started = Date.now();
      const waited = await edit();
      expect({ status: waited.statusCode, type: waited.json().type }).toEqual({
        status: 503,
        type: PROBLEM_TYPES.unavailable,
      });
      expect(waited.headers['retry-after']).toBe('2');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    // Nothing of the refused edit was written: the same version is still the one to edit.
    const saved = await edit();
    expect(saved.statusCode).toBe(200);
    expect(saved.json().displayName).toBe('Geduldig');
  });

  it('answers 503 when the database does not answer at all (packets dropped), once the connection wait runs out', async () => {
    expect((await owner.request('GET', '/api/me')).statusCode).toBe(200);
    await link.cut();
    await link.open(true);
    // The pool's connections from before the cut fail at once, each once; then a request needs a new
    // connection, which the silent host never completes: it is the one the connection wait bounds.
    let waited: { status: number; type: unknown; retryAfter: unknown; ms: number } | null = null;
    for (let i = 0; i < 20 && !waited; i++) {
      const started = Date.now();
      const res = await owner.request('GET', '/api/me');
      const ms = Date.now() - started;
      expect(res.statusCode).toBe(503);
      if (ms >= 900)
        waited = { status: res.statusCode, type: res.json().type, retryAfter: res.headers['retry-after'], ms };
    }
    expect(waited).toMatchObject({ status: 503, type: PROBLEM_TYPES.unavailable, retryAfter: '5' });
    expect(waited?.ms).toBeLessThan(5_000);
    await link.cut();
    await link.open();
    await untilBack();
  });
});
