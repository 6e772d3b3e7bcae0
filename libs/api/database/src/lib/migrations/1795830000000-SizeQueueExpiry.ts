import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BILLING_DRAFT_QUEUE, BILLING_FINALISE_QUEUE } from './1795602000000-AddBillingRunsAndInvoices';
import { MAIL_QUEUE, QUEUE_SCHEMA } from './1795480000000-AddSignInSecurity';

/**
 * Issue 19: a job whose worker died is retried once it expires, so a queue's expiry is the delay a
 * crash adds. Sized to the work (ADR 0016): a mail delivery is one SMTP conversation, bounded by the
 * transport's timeouts (about 20 s at worst), so 30 s instead of 120 s; a billing step works batches
 * for 10 s before it hands over, so 120 s instead of 300 s. The other queues keep theirs (exports,
 * erasures and cron jobs may run for minutes). Jobs already queued keep the expiry they were given.
 */
export class SizeQueueExpiry1795830000000 implements MigrationInterface {
  name = 'SizeQueueExpiry1795830000000';

  async up(q: QueryRunner): Promise<void> {
    await this.expire(q, MAIL_QUEUE, 30);
    for (const queue of [BILLING_DRAFT_QUEUE, BILLING_FINALISE_QUEUE]) await this.expire(q, queue, 120);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.expire(q, MAIL_QUEUE, 120);
    for (const queue of [BILLING_DRAFT_QUEUE, BILLING_FINALISE_QUEUE]) await this.expire(q, queue, 300);
  }

  private async expire(q: QueryRunner, queue: string, seconds: number): Promise<void> {
    const [{ n }]: { n: number }[] = await q.query(
      `WITH updated AS (UPDATE ${QUEUE_SCHEMA}.queue SET expire_seconds = $2, updated_on = now() WHERE name = $1 RETURNING 1)
       SELECT count(*)::int AS n FROM updated`,
      [queue, seconds],
    );
    if (n !== 1) throw new Error(`queue ${queue} not found`);
  }
}
