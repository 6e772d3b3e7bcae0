import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { type PortalClient, PrivateServer, type TestApp, startTestApp } from '@mijn-account/api-testing';

/**
 * Issue 19 §1 with a real server stopped and started under a running portal: a PostgreSQL of the
 * test's own (`PrivateServer`), shut down with `pg_ctl stop -m fast` — every session ended with
 * 57P01, then connections refused — and started again. Meanwhile every API request answers 503 with
 * Retry-After and readiness says "not ready"; afterwards the same process answers again, with the
 * same sessions, without a restart. (database-outage.int-spec.ts cuts the network instead.)
 */
describe('PostgreSQL stopped and started under the running portal', () => {
  const root = mkdtempSync(join(tmpdir(), 'mijn-account-restart-'));
  let server: PrivateServer;
  let t: TestApp;
  let owner: PortalClient;

  beforeAll(async () => {
    server = await PrivateServer.create(join(root, 'data'));
    t = await startTestApp({}, { database: await server.portalDatabase() });
    owner = t.client(t.alpha);
    expect((await owner.signIn(t.alpha.accounts[0].owner.email)).statusCode).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await server?.stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After while it is down, and serves the same sessions once it is back', async () => {
    expect((await owner.request('GET', '/api/me')).statusCode).toBe(200);
    expect((await owner.request('GET', '/api/health/ready')).statusCode).toBe(200);

    await server.stop('fast');
    for (const [method, path] of [
      ['GET', '/api/me'],
      ['GET', '/api/account/billing'],
      ['GET', '/api/me'],
    ] as const) {
      const res = await owner.request(method, path);
      expect({ path, status: res.statusCode, type: res.json().type }).toEqual({
        path,
        status: 503,
        type: PROBLEM_TYPES.unavailable,
      });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect((await owner.request('GET', '/api/health/ready')).statusCode).toBe(503);
    expect((await owner.request('GET', '/api/health/live')).statusCode).toBe(200);

    await server.start();
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      status = (await owner.request('GET', '/api/me')).statusCode;
      if (status !== 200) await sleep(100);
    }
    // The session made before the stop: it was in the database, not in the process.
    expect(status).toBe(200);
    expect((await owner.request('GET', '/api/me')).json().user.email).toBe(t.alpha.accounts[0].owner.email);
    expect((await owner.request('GET', '/api/health/ready')).statusCode).toBe(200);
  }, 120_000);
});
