import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What a payment reminder keeps of an erased recipient (the column's CHECK wants 3 to 320 characters). */
export const ERASED_RECIPIENT = 'erased';

/**
 * Erasure, after review (issue 18 §3, ADR 0015 "Erasure and the access log"):
 *
 * - Throttles by the exact key `MailThrottle` builds (`'to:' || address`), not `LIKE '%address%'`:
 *   `_` and `%` in an address were wildcards and any address containing the person's (aa@x.nl for
 *   a@x.nl) had its throttle reset.
 * - Mails with an attachment (an invoice or credit note) are no longer kept whole: the row stays as
 *   proof the document was sent (which one, when — `mail_attachment`, the subject), its recipient,
 *   bodies and headers are emptied (an unsent one is not sent any more: the outbox skips an empty
 *   recipient). The invoice itself is what tax law keeps.
 * - The account's billing e-mail, when the account goes with the person: mails to it (payment
 *   reminders) are erased like the person's own, unless the address is still someone else's (a
 *   user of the tenant, or another account's billing e-mail).
 * - `payment_reminder.recipient` (the account's billing address or its owner's) becomes
 *   'erased' for the person's addresses and, when the account goes, for the account's invoices:
 *   the one update the table allows (a trigger that refuses every other change, as the access
 *   log's); the reminder itself (invoice, number, day) stays as long as the invoice.
 * - `privacy_request.details` (the person's own words) is emptied; type, dates, status and the
 *   outcome stay as proof the request was handled.
 */
export class EraseByExactAddress1795800000000 implements MigrationInterface {
  name = 'EraseByExactAddress1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER payment_reminder_insert_only ON payment_reminder`);
    await q.query(
      `CREATE TRIGGER payment_reminder_insert_only BEFORE DELETE ON payment_reminder FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    await q.query(`
      CREATE TRIGGER payment_reminder_erasure_only BEFORE UPDATE ON payment_reminder FOR EACH ROW
        WHEN (NOT (
          NEW.recipient = '${ERASED_RECIPIENT}'
          AND (NEW.tenant_id, NEW.invoice_id, NEW.reminder_no, NEW.language, NEW.sent_at)
              IS NOT DISTINCT FROM (OLD.tenant_id, OLD.invoice_id, OLD.reminder_no, OLD.language, OLD.sent_at)))
        EXECUTE FUNCTION refuse_change()`);

    await q.query(`
      CREATE OR REPLACE FUNCTION erase_person_records(p_tenant uuid, p_user uuid, p_email text, p_keep_mail uuid, p_account uuid) RETURNS void
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
      DECLARE
        v_addresses text[] := ARRAY[lower(p_email)];
        v_billing text;
      BEGIN
        IF p_tenant IS DISTINCT FROM app_current_tenant() THEN RAISE EXCEPTION 'erase_person_records: not this tenant'; END IF;
        IF p_account IS NOT NULL THEN
          SELECT lower(billing_email) INTO v_billing FROM subscriber_account WHERE tenant_id = p_tenant AND id = p_account;
          -- Still someone else's address: left alone.
          IF v_billing IS NOT NULL AND v_billing <> lower(p_email)
             AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.tenant_id = p_tenant AND u.id <> p_user AND lower(u.email) = v_billing)
             AND NOT EXISTS (SELECT 1 FROM subscriber_account a WHERE a.tenant_id = p_tenant AND a.id <> p_account
                                                              AND lower(a.billing_email) = v_billing) THEN
            v_addresses := v_addresses || v_billing;
          END IF;
        END IF;
        DELETE FROM change_history WHERE tenant_id = p_tenant AND subject_type = 'profile' AND subject_id = p_user;
        DELETE FROM change_history WHERE tenant_id = p_tenant AND subject_type = 'billing' AND subject_id = p_account;
        UPDATE change_history SET changed_by = NULL, changed_by_name = ''
         WHERE tenant_id = p_tenant AND changed_by = p_user;
        DELETE FROM sign_in_event WHERE tenant_id = p_tenant AND (user_id = p_user OR email = p_email);
        DELETE FROM sign_in_throttle WHERE tenant_id = p_tenant AND key = 'email:' || p_email;
        -- Exactly the keys MailThrottle builds ('to:' and the trimmed, lower-cased address).
        DELETE FROM mail_send_throttle WHERE tenant_id = p_tenant
           AND key = ANY (SELECT 'to:' || a FROM unnest(v_addresses) a);
        -- Mails to them, but the final one; those with an invoice attached are kept without address or text.
        DELETE FROM mail_message m WHERE m.tenant_id = p_tenant AND lower(m.recipient) = ANY (v_addresses)
           AND m.id IS DISTINCT FROM p_keep_mail
           AND NOT EXISTS (SELECT 1 FROM mail_attachment a WHERE a.tenant_id = m.tenant_id AND a.mail_id = m.id);
        UPDATE mail_message m SET recipient = '', text_body = '', html_body = '', headers = '{}',
               last_error = CASE WHEN m.sent_at IS NULL THEN 'Not sent: the recipient was erased' ELSE m.last_error END
         WHERE m.tenant_id = p_tenant AND m.recipient <> ''
           AND EXISTS (SELECT 1 FROM mail_attachment a WHERE a.tenant_id = m.tenant_id AND a.mail_id = m.id
                        AND (lower(m.recipient) = ANY (v_addresses)
                             OR a.invoice_id IN (SELECT i.id FROM invoice i WHERE i.tenant_id = p_tenant AND i.account_id = p_account)));
        UPDATE payment_reminder r SET recipient = '${ERASED_RECIPIENT}'
         WHERE r.tenant_id = p_tenant AND r.recipient <> '${ERASED_RECIPIENT}'
           AND (lower(r.recipient) = ANY (v_addresses)
                OR r.invoice_id IN (SELECT i.id FROM invoice i WHERE i.tenant_id = p_tenant AND i.account_id = p_account));
        UPDATE privacy_request SET details = NULL WHERE tenant_id = p_tenant AND user_id = p_user AND details IS NOT NULL;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION erase_person_records(p_tenant uuid, p_user uuid, p_email text, p_keep_mail uuid, p_account uuid) RETURNS void
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
      BEGIN
        IF p_tenant IS DISTINCT FROM app_current_tenant() THEN RAISE EXCEPTION 'erase_person_records: not this tenant'; END IF;
        DELETE FROM change_history WHERE tenant_id = p_tenant AND subject_type = 'profile' AND subject_id = p_user;
        DELETE FROM change_history WHERE tenant_id = p_tenant AND subject_type = 'billing' AND subject_id = p_account;
        UPDATE change_history SET changed_by = NULL, changed_by_name = ''
         WHERE tenant_id = p_tenant AND changed_by = p_user;
        DELETE FROM sign_in_event WHERE tenant_id = p_tenant AND (user_id = p_user OR email = p_email);
        DELETE FROM sign_in_throttle WHERE tenant_id = p_tenant AND key = 'email:' || p_email;
        DELETE FROM mail_send_throttle WHERE tenant_id = p_tenant AND key LIKE '%' || p_email || '%';
        DELETE FROM mail_message m WHERE m.tenant_id = p_tenant AND m.recipient = p_email
           AND m.id IS DISTINCT FROM p_keep_mail
           AND NOT EXISTS (SELECT 1 FROM mail_attachment a WHERE a.tenant_id = m.tenant_id AND a.mail_id = m.id);
      END
      $fn$`);
    await q.query(`DROP TRIGGER payment_reminder_erasure_only ON payment_reminder`);
    await q.query(`DROP TRIGGER payment_reminder_insert_only ON payment_reminder`);
    await q.query(
      `CREATE TRIGGER payment_reminder_insert_only BEFORE UPDATE OR DELETE ON payment_reminder FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
  }
}
