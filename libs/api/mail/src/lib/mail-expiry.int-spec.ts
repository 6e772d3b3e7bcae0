import { setTimeout } from 'node:timers/promises';
import { type TestApp, startTestApp } from '@mijn-account/api-testing';
import { MAIL_QUEUE, QUEUE_SCHEMA } from '@mijn-account/api-database';
import { MAIL_LEASE_SECONDS } from './mail.queue';

/** pg-boss's default expiry (and maintenance interval): what a crash cost a mail before issue 19. */
const PG_BOSS_DEFAULT_EXPIRY_S = 120;

/**
 * Issue 19 §1: a mail whose worker died mid-send is retried within seconds, not after pg-boss's
 * default 120 s. The death is staged as the database sees it: the delivery's transaction never
 * committed (the message is unsent) and its job stays active, started just now, with the expiry the
 * queue gives its jobs. The running portal's maintenance must find it expired and deliver it again.
 */
describe('a mail job whose worker died', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function untilSent(id: string, failure: string): Promise<void> {
    for (let i = 0; ; i++) {
      const [row] = await t.sql<{ sent: boolean }>(
        t.alpha,
        `SELECT sent_at IS NOT NULL AS sent FROM mail_message WHERE id = $1`,
        [id],
      );
      if (row.sent) return;
      if (i > 100) throw new Error(failure);
      await setTimeout(100);
    }
  }

  it('is sized to one delivery and retried within seconds', async () => {
    const [queue] = await t.sql<{ expire_seconds: number; retry_delay: number }>(
      t.alpha,
      `SELECT expire_seconds, retry_delay FROM ${QUEUE_SCHEMA}.queue WHERE name = $1`,
      [MAIL_QUEUE],
    );
    expect(queue.expire_seconds).toBeLessThanOrEqual(30);

    // A reset mail, delivered once as usual.
    const email = t.alpha.accounts[0].member.email;
    const client = t.client(t.alpha);
    await client.request('GET', '/api/tenant');
    expect((await client.request('POST', '/api/password-reset', { body: { email } })).statusCode).toBe(202);
    const first = await t.mail.waitFor(email, (m) => m.subject.includes('Nieuw wachtwoord'));
    const [message] = await t.sql<{ id: string }>(
      t.alpha,
      `SELECT id FROM mail_message WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1`,
      [email],
    );
    // The delivery marks the message sent after the SMTP server's answer: staging the death before
    // that commit would let it mark the message sent again, and the retry would rightly skip it.
    await untilSent(message.id, 'the first delivery was never marked sent');

    // Its worker "dies" mid-send: the commit that marked it sent is lost, its lease is left to run
    // out (as the claim set it), and its job stays active.
    await t.sql(
      t.alpha,
      `UPDATE mail_message SET sent_at = NULL, sending_until = now() + make_interval(secs => $2) WHERE id = $1`,
      [message.id, MAIL_LEASE_SECONDS],
    );
    const [job] = await t.sql<{ id: string }>(
      t.alpha,
      `INSERT INTO ${QUEUE_SCHEMA}.job (name, data, state, started_on, expire_in, retry_limit, retry_delay, retry_backoff)
       SELECT name, $2::jsonb, 'active', now(), make_interval(secs => expire_seconds), retry_limit, retry_delay, retry_backoff
         FROM ${QUEUE_SCHEMA}.queue WHERE name = $1
       RETURNING id`,
      [MAIL_QUEUE, JSON.stringify({ tenantId: t.alpha.id, id: message.id })],
    );
    const died = Date.now();

    // Retried and delivered again (the documented at-least-once window: the same Message-ID).
    const again = await t.mail.waitFor(
      email,
      (m) => m !== first && m.messageId === first.messageId,
      (PG_BOSS_DEFAULT_EXPIRY_S - 30) * 1000,
    );
    expect(again.subject).toBe(first.subject);
    expect(Date.now() - died).toBeLessThan(PG_BOSS_DEFAULT_EXPIRY_S * 1000);
    const [retried] = await t.sql<{ retry_count: number; state: string }>(
      t.alpha,
      `SELECT retry_count, state FROM ${QUEUE_SCHEMA}.job WHERE id = $1
       UNION ALL SELECT retry_count, state FROM ${QUEUE_SCHEMA}.archive WHERE id = $1`,
      [job.id],
    );
    expect(retried.retry_count).toBe(1);
    // Marked sent by the retry's commit, which follows the SMTP server's answer.
    await untilSent(message.id, 'the retried mail was never marked sent');
  }, 150_000);
});
