import type { MigrationInterface, QueryRunner } from 'typeorm';
import { QUEUE_SCHEMA } from './1795480000000-AddSignInSecurity';
import { PRIVACY_DISCLOSURE_NOTICE_QUEUE } from './1795710000000-AddProcessingRecordAndDisclosures';

/**
 * Issue 18 §9: a held disclosure's notice job is queued for local midnight of the day its hold
 * ends, in the tenant's time zone (invoicing settings). When the tenant changes that zone, the
 * queued jobs move with it, in the same transaction as the change: whoever writes the settings
 * (the finance page, a seed, an operator) cannot leave a notice at the old zone's midnight. The
 * job checks the day again when it runs (ADR 0015), so this keeps it on time rather than correct.
 */
export class RescheduleHeldNoticesWithTimeZone1795940000000 implements MigrationInterface {
  name = 'RescheduleHeldNoticesWithTimeZone1795940000000';

  async up(q: QueryRunner): Promise<void> {
    // Invoker's rights: the runtime role changes settings under RLS and may move its own queue's jobs.
    await q.query(`
      CREATE FUNCTION privacy_reschedule_held_notices() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        zone text := CASE WHEN TG_OP = 'DELETE' THEN 'UTC' ELSE NEW.time_zone END;
        tenant uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END;
      BEGIN
        UPDATE ${QUEUE_SCHEMA}.job j
           SET start_after = d.notice_delayed_until::timestamp AT TIME ZONE zone
          FROM privacy_disclosure d
         WHERE j.name = '${PRIVACY_DISCLOSURE_NOTICE_QUEUE}' AND j.state IN ('created', 'retry')
           AND j.data ->> 'tenantId' = tenant::text
           AND d.tenant_id = tenant AND d.id::text = j.data ->> 'disclosureId'
           AND d.notice_delayed_until IS NOT NULL;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER invoicing_settings_reschedule_held_notices
        AFTER INSERT OR DELETE OR UPDATE OF time_zone ON invoicing_settings
        FOR EACH ROW EXECUTE FUNCTION privacy_reschedule_held_notices()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER invoicing_settings_reschedule_held_notices ON invoicing_settings`);
    await q.query(`DROP FUNCTION privacy_reschedule_held_notices()`);
  }
}
