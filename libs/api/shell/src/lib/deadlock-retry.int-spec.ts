import { setTimeout as sleep } from 'node:timers/promises';
import { type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';

/**
 * A real deadlock in PostgreSQL, made by the test against a profile save: the request's unit of work
 * is chosen as the victim (40P01), and is run once more from its start instead of answering 503.
 */
describe('a deadlock: the unit of work is run once more', () => {
  let t: TestApp;
  let owner: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    owner = t.client(t.alpha);
    expect((await owner.signIn(t.alpha.accounts[0].owner.email)).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  /** Waits until some transaction waits for a row lock (pg_locks is visible to every role). */
  async function someoneWaits(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const [row] = await t.owner.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype IN ('transactionid', 'tuple')`,
      );
      if (row.n > 0) return;
      await sleep(25);
    }
    throw new Error('nobody waited for a lock');
  }

  it('answers the save after its transaction was the deadlock victim, saved once', async () => {
    const user = t.alpha.accounts[0].owner;
    const read = await owner.request('GET', '/api/me/profile');
    const etag = String(read.headers['etag']);
    // The session was last seen long enough ago that the access guard touches it: the request holds
    // the session row, then the profile save asks for the user row, which the test holds.
    await t.sql(t.alpha, `UPDATE user_session SET last_seen_at = now() - interval '5 minutes' WHERE user_id = $1`, [
      user.id,
    ]);
    const holder = t.owner.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      await holder.query(`SELECT set_config('app.tenant_id', $1, true)`, [t.alpha.id]);
      await holder.query(`SELECT 1 FROM app_user WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [t.alpha.id, user.id]);

      const saving = owner.request('PUT', '/api/me/profile', {
        body: {
          ...(read.json() as Record<string, unknown>),
          email: undefined,
          phoneCountry: undefined,
          displayName: 'Deadlock Survivor',
        },
        headers: { 'if-match': etag },
      });
      await someoneWaits();
      // Now the test asks for the session row the request holds: a cycle. The request has waited
      // longer, so its backend finds the deadlock first and aborts its own transaction (40P01);
      // this statement then gets the row.
      await holder.query(`UPDATE user_session SET last_seen_at = last_seen_at WHERE tenant_id = $1 AND user_id = $2`, [
        t.alpha.id,
        user.id,
      ]);
      await holder.commitTransaction();

      const saved = await saving;
      expect({ status: saved.statusCode, name: saved.json().displayName }).toEqual({
        status: 200,
        name: 'Deadlock Survivor',
      });
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
    // Saved once: one version step and one history entry.
    const [row] = await t.sql<{ version: number; display_name: string }>(
      t.alpha,
      `SELECT version, display_name FROM app_user WHERE tenant_id = $1 AND id = $2`,
      [t.alpha.id, user.id],
    );
    expect({ etagBefore: `"v${row.version - 1}"`, name: row.display_name }).toEqual({
      etagBefore: etag,
      name: 'Deadlock Survivor',
    });
    const history = (await owner.request('GET', '/api/me/profile/history')).json();
    expect(
      history.filter((h: { changes: { to: unknown }[] }) => h.changes.some((c) => c.to === 'Deadlock Survivor')),
    ).toHaveLength(1);
  });
});
