import { setTimeout } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { MAIL_QUEUE, QUEUE_SCHEMA, withTenant } from '@mijn-account/api-database';
import { type TestApp, startTestApp } from '@mijn-account/api-testing';
import { MailQueue } from './mail.queue';

/**
 * The outbox's guard for erased recipients (issue 18 §3, ADR 0015): an erasure blanks the address
 * of a mail it must keep (one that carried an invoice) and marks it not sent; a delivery job for
 * it — queued before the erasure, or retried after — completes without a try: nothing goes to the
 * SMTP server, and the message stays as the erasure left it.
 */
describe('the mail outbox and an erased recipient', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('never mails a message whose recipient was erased, and does not count it as a failed try', async () => {
    // A real mail first, delivered over SMTP as usual.
    const email = t.alpha.accounts[0].member.email;
    const client = t.client(t.alpha);
    await client.request('GET', '/api/tenant');
    expect((await client.request('POST', '/api/password-reset', { body: { email } })).statusCode).toBe(202);
    await t.mail.waitFor(email, (m) => m.subject.includes('Nieuw wachtwoord'));
    // The SMTP server has the mail before the delivery commits its `sent_at` and `attempts`: wait
    // for that commit, or the count read here is the one from before the try (seen in CI).
    let message: { id: string; attempts: number } | undefined;
    for (let i = 0; i < 120 && !message; i++) {
      [message] = await t.sql<{ id: string; attempts: number }>(
        t.alpha,
        `SELECT id, attempts FROM mail_message WHERE recipient = $1 AND sent_at IS NOT NULL
          ORDER BY created_at DESC LIMIT 1`,
        [email],
      );
      if (!message) await setTimeout(100);
    }
    if (!message) throw new Error('the reset mail was never marked sent');
    // As erase_person_records leaves a kept, unsent message: no address, no bodies, marked not sent.
    await t.sql(
      t.alpha,
      `UPDATE mail_message SET recipient = '', text_body = '', html_body = '', headers = '{}', sent_at = NULL,
              last_error = 'Not sent: the recipient was erased'
        WHERE id = $1`,
      [message.id],
    );
    const before = t.mail.messages.length;
    await withTenant(t.app.get(DataSource), t.alpha.id, (db) =>
      t.app.get(MailQueue).enqueue(db, { tenantId: t.alpha.id, id: message.id }),
    );
    // The job is worked and completes (a try that failed would leave it to be retried).
    let state = '';
    for (let i = 0; i < 120 && state !== 'completed'; i++) {
      await setTimeout(250);
      const jobs = await t.sql<{ state: string }>(
        t.alpha,
        `SELECT state FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND data->>'id' = $2 ORDER BY created_on DESC LIMIT 1`,
        [MAIL_QUEUE, message.id],
      );
      state = jobs[0]?.state ?? '';
    }
    expect(state).toBe('completed');
    expect(
      await t.sql(t.alpha, `SELECT recipient, sent_at, attempts, last_error FROM mail_message WHERE id = $1`, [
        message.id,
      ]),
    ).toEqual([
      { recipient: '', sent_at: null, attempts: message.attempts, last_error: 'Not sent: the recipient was erased' },
    ]);
    expect(t.mail.messages.length).toBe(before);
  });

  it('holds no row lock while talking SMTP: a lease, and a second delivery of the same message waits for it', async () => {
    const email = t.alpha.accounts[1].member.email;
    const client = t.client(t.alpha);
    await client.request('GET', '/api/tenant');
    const held = t.mail.hold(email);
    let released = false;
    try {
      expect((await client.request('POST', '/api/password-reset', { body: { email } })).statusCode).toBe(202);
      await held.arrived;
      // Mid-delivery (the SMTP server has not answered): the row is leased, and not locked.
      const [message] = await t.sql<{ id: string }>(
        t.alpha,
        `SELECT id FROM mail_message WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1`,
        [email],
      );
      expect(
        await t.sql(
          t.alpha,
          `SELECT sent_at, sending_until > now() AS leased FROM mail_message WHERE id = $1 FOR UPDATE NOWAIT`,
          [message.id],
        ),
      ).toEqual([{ sent_at: null, leased: true }]);
      // A second delivery of it meanwhile (a duplicate or retried job, on this worker or another)
      // finds the live lease, sends nothing and fails, so pg-boss tries it again later.
      const queue = t.app.get(MailQueue) as unknown as {
        deliver(job: { tenantId: string; id: string }): Promise<void>;
      };
      await expect(queue.deliver({ tenantId: t.alpha.id, id: message.id })).rejects.toThrow(/another delivery/);
      held.release();
      released = true;
      // The first delivery marks it sent and ends its lease; the second, tried again, sends nothing.
      let row: { sent: boolean; sending_until: Date | null; attempts: number } | undefined;
      for (let i = 0; i < 120 && !row?.sent; i++) {
        await setTimeout(100);
        [row] = await t.sql<{ sent: boolean; sending_until: Date | null; attempts: number }>(
          t.alpha,
          `SELECT sent_at IS NOT NULL AS sent, sending_until, attempts FROM mail_message WHERE id = $1`,
          [message.id],
        );
      }
      expect(row).toEqual({ sent: true, sending_until: null, attempts: 1 });
      await queue.deliver({ tenantId: t.alpha.id, id: message.id });
      expect(t.mail.to(email).filter((m) => m.messageId === t.mail.to(email)[0].messageId)).toHaveLength(1);
    } finally {
      if (!released) held.release();
    }
  }, 60_000);
});
