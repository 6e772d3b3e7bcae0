import { setTimeout } from 'node:timers/promises';
import { Client } from 'pg';
import { MAIL_QUEUE, QUEUE_SCHEMA } from '@mijn-account/api-database';
import { type TestApp, startTestApp } from '@mijn-account/api-testing';

/**
 * Shutting down while the mail worker's fetch is still running: pg-boss's graceful stop does not
 * wait for it, so the jobs it returns must still be handled and settled before the pool closes.
 */
describe('shutdown with the mail queue busy', () => {
  let t: TestApp;
  let owner: Client;

  beforeAll(async () => {
    t = await startTestApp();
    owner = new Client({ connectionString: t.db.ownerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await t.mail.close();
    await t.owner.destroy();
    await t.db.drop();
  });

  it('settles a job whose fetch was in flight when the app closed', async () => {
    // Hold the job table so the worker's next fetch waits on it; the job is inserted in the same
    // transaction, so the fetch that gets through is the one that hands it over.
    await owner.query('BEGIN');
    await owner.query(`LOCK TABLE ${QUEUE_SCHEMA}.job IN EXCLUSIVE MODE`);
    const [job] = (
      await owner.query<{ id: string }>(`INSERT INTO ${QUEUE_SCHEMA}.job (name, data) VALUES ($1, $2) RETURNING id`, [
        MAIL_QUEUE,
        { tenantId: t.alpha.id, id: '00000000-0000-4000-8000-000000000000' },
      ])
    ).rows;
    await waitFor(async () => {
      const waiting = await owner.query(
        `SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE NOT l.granted AND n.nspname = $1`,
        [QUEUE_SCHEMA],
      );
      return (waiting.rowCount ?? 0) > 0;
    });

    const closed = t.app.close();
    await setTimeout(700); // long enough for pg-boss's stop to have returned
    await owner.query('COMMIT');
    await closed;

    const state = await owner.query<{ state: string }>(`SELECT state FROM ${QUEUE_SCHEMA}.job WHERE id = $1`, [job.id]);
    expect(state.rows[0].state).toBe('completed');
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the mail worker to fetch');
    await setTimeout(50);
  }
}
