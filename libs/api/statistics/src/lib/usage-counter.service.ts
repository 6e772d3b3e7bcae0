import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { USAGE_EVENTS, type UsageEvent, type UsageFeature } from '@mijn-account/shared-contracts';

/** A feature and event outside the catalogue (`USAGE_EVENTS`): a programming error, never stored. */
export class UnknownUsageEvent extends Error {}

/**
 * Counts one use of a feature, at the moment of use, in the caller's transaction: one statement that
 * adds 1 to the tenant's count of the day (the tenant's calendar day). The user is only asked about,
 * never stored: a user whose processing is restricted (Art. 18) or who objected to statistics
 * (Art. 21) is not counted. The statistics row holds the tenant, the day, the feature, the event and
 * the count — nothing that relates to a person, and no log of events behind it.
 */
@Injectable()
export class UsageCounter {
  async count<F extends UsageFeature>(
    db: EntityManager,
    tenantId: string,
    feature: F,
    event: UsageEvent<F>,
    userId: string | null,
  ): Promise<void> {
    const events = USAGE_EVENTS[feature] as readonly string[] | undefined;
    if (!events?.includes(event)) throw new UnknownUsageEvent(`Not a usage event: ${feature}/${event}`);
    // SQL: the tenant's calendar day (its invoicing time zone; UTC without one); no row for a user
    // who is restricted or objected to statistics; otherwise one more in the day's count.
    await db.query(
      `INSERT INTO usage_count (tenant_id, day, feature, event, count)
       SELECT $1, (now() AT TIME ZONE COALESCE(
                (SELECT time_zone FROM invoicing_settings WHERE tenant_id = $1), 'UTC'))::date, $2, $3, 1
        WHERE NOT EXISTS (
          SELECT 1 FROM app_user u
           WHERE u.tenant_id = $1 AND u.id = $4
             AND (u.restricted_at IS NOT NULL OR u.statistics_objected_at IS NOT NULL))
       ON CONFLICT (tenant_id, day, feature, event) DO UPDATE SET count = usage_count.count + 1`,
      [tenantId, feature, event, userId],
    );
  }
}
