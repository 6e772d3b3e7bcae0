import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PrivacyRequest, type PrivacyRequestChannel, type PrivacyRequestType } from './privacy-request.entity';
import { requestDeadline } from './deadline';

export interface OpenRequest {
  tenantId: string;
  type: PrivacyRequestType;
  channel: PrivacyRequestChannel;
  userId: string | null;
  accountId: string | null;
  details?: string | null;
  /** Staff who registered a request that came by mail, phone or letter. */
  registeredBy?: string | null;
  /** Received on (YYYY-MM-DD); today in the tenant's time zone when not given. */
  receivedOn?: string;
}

/**
 * The one place privacy requests are opened and closed, inside the caller's transaction, so the
 * request and the work it stands for (an export job, an erasure's grace period, a restriction)
 * commit together. Every slice of the privacy page records its requests through here.
 */
@Injectable()
export class PrivacyRequests {
  async open(db: EntityManager, input: OpenRequest): Promise<PrivacyRequest> {
    const receivedOn = input.receivedOn ?? (await this.today(db, input.tenantId));
    const repo = db.getRepository(PrivacyRequest);
    return repo.save(
      repo.create({
        tenantId: input.tenantId,
        type: input.type,
        channel: input.channel,
        userId: input.userId,
        accountId: input.accountId,
        details: input.details ?? null,
        registeredBy: input.registeredBy ?? null,
        receivedOn,
        deadline: requestDeadline(receivedOn),
      }),
    );
  }

  /** Closes an open request with its outcome; a request already closed stays as it was (returns false). */
  async close(
    db: EntityManager,
    tenantId: string,
    id: string,
    status: 'done' | 'refused' | 'withdrawn',
    outcome: string | null,
  ): Promise<boolean> {
    // Only an open request closes; the version moves so an open edit form sees it changed.
    const closed = await db
      .getRepository(PrivacyRequest)
      .update(
        { tenantId, id, status: 'open' },
        { status, outcome, closedAt: () => 'now()', version: () => 'version + 1' },
      );
    return closed.affected === 1;
  }

  /** Today in the tenant's time zone (its invoicing settings' zone; UTC when it has none). */
  async today(db: EntityManager, tenantId: string): Promise<string> {
    // SQL: the tenant's calendar date.
    const rows: { today: string }[] = await db.query(
      `SELECT to_char(now() AT TIME ZONE COALESCE(
                (SELECT time_zone FROM invoicing_settings WHERE tenant_id = $1), 'UTC'), 'YYYY-MM-DD') AS today`,
      [tenantId],
    );
    return rows[0].today;
  }

  /** The moment `day` (YYYY-MM-DD) begins in the tenant's time zone — midnight there, not in UTC. */
  async startOf(db: EntityManager, tenantId: string, day: string): Promise<Date> {
    // SQL: the tenant's local midnight of that calendar date, as an instant.
    const rows: { at: Date }[] = await db.query(
      `SELECT ($2::date::timestamp AT TIME ZONE COALESCE(
                (SELECT time_zone FROM invoicing_settings WHERE tenant_id = $1), 'UTC')) AS at`,
      [tenantId, day],
    );
    return rows[0].at;
  }
}
