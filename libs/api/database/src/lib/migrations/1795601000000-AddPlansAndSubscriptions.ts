import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finance (issue 17 §2): plans with prices from an effective date, subscriptions of accounts to
 * plans, and the proration records a mid-period plan or quantity change leaves for the next
 * invoice. Subscription changes join the account's change history.
 */
export class AddPlansAndSubscriptions1795601000000 implements MigrationInterface {
  name = 'AddPlansAndSubscriptions1795601000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan (
        tenant_id      uuid NOT NULL,
        id             uuid NOT NULL DEFAULT gen_random_uuid(),
        name_nl        text NOT NULL CONSTRAINT plan_name_nl_check CHECK (length(name_nl) BETWEEN 1 AND 100),
        name_en        text NOT NULL CONSTRAINT plan_name_en_check CHECK (length(name_en) BETWEEN 1 AND 100),
        description_nl text NOT NULL DEFAULT '' CONSTRAINT plan_description_nl_check CHECK (length(description_nl) <= 500),
        description_en text NOT NULL DEFAULT '' CONSTRAINT plan_description_en_check CHECK (length(description_en) <= 500),
        currency       char(3) NOT NULL CONSTRAINT plan_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
        billing_interval text NOT NULL CONSTRAINT plan_billing_interval_check CHECK (billing_interval IN ('month', 'year')),
        tax_category   text NOT NULL,
        archived_at    timestamptz,
        created_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT plan_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT plan_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id),
        CONSTRAINT plan_tenant_id_tax_category_fkey FOREIGN KEY (tenant_id, tax_category) REFERENCES tax_category (tenant_id, code)
      )`);

    // A price applies from its date: a period is priced at the price in force on its first day.
    await q.query(`
      CREATE TABLE plan_price (
        tenant_id        uuid NOT NULL,
        plan_id          uuid NOT NULL,
        effective_from   date NOT NULL,
        unit_price_minor bigint NOT NULL CONSTRAINT plan_price_unit_price_minor_check CHECK (unit_price_minor BETWEEN 0 AND 100000000000),
        created_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT plan_price_pkey PRIMARY KEY (tenant_id, plan_id, effective_from),
        CONSTRAINT plan_price_tenant_id_plan_id_fkey FOREIGN KEY (tenant_id, plan_id) REFERENCES plan (tenant_id, id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE subscription (
        tenant_id            uuid NOT NULL,
        id                   uuid NOT NULL DEFAULT gen_random_uuid(),
        account_id           uuid NOT NULL,
        plan_id              uuid NOT NULL,
        quantity             int NOT NULL CONSTRAINT subscription_quantity_check CHECK (quantity BETWEEN 1 AND 100000),
        start_date           date NOT NULL,
        billing_anchor       date NOT NULL,
        cancel_at_period_end boolean NOT NULL DEFAULT false,
        end_date             date,
        version              int NOT NULL DEFAULT 1,
        created_at           timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT subscription_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT subscription_tenant_id_account_id_fkey FOREIGN KEY (tenant_id, account_id) REFERENCES subscriber_account (tenant_id, id),
        CONSTRAINT subscription_tenant_id_plan_id_fkey FOREIGN KEY (tenant_id, plan_id) REFERENCES plan (tenant_id, id),
        CONSTRAINT subscription_anchor_check CHECK (billing_anchor >= start_date),
        CONSTRAINT subscription_end_date_check CHECK (end_date >= start_date)
      )`);
    await q.query(`CREATE INDEX subscription_account_idx ON subscription (tenant_id, account_id)`);

    // A plan or quantity change inside a period: a credit of the old and a debit of the new for the
    // rest of the period (prorated per unit, by days), taken up by the subscription's next invoice.
    await q.query(`
      CREATE TABLE proration (
        tenant_id               uuid NOT NULL,
        id                      uuid NOT NULL DEFAULT gen_random_uuid(),
        subscription_id         uuid NOT NULL,
        change_date             date NOT NULL,
        period_start            date NOT NULL,
        period_end              date NOT NULL,
        from_plan_id            uuid NOT NULL,
        from_quantity           int NOT NULL CONSTRAINT proration_from_quantity_check CHECK (from_quantity >= 1),
        credit_unit_price_minor bigint NOT NULL CONSTRAINT proration_credit_unit_price_minor_check CHECK (credit_unit_price_minor >= 0),
        to_plan_id              uuid NOT NULL,
        to_quantity             int NOT NULL CONSTRAINT proration_to_quantity_check CHECK (to_quantity >= 1),
        debit_unit_price_minor  bigint NOT NULL CONSTRAINT proration_debit_unit_price_minor_check CHECK (debit_unit_price_minor >= 0),
        invoice_id              uuid,
        created_at              timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT proration_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT proration_tenant_id_subscription_id_fkey FOREIGN KEY (tenant_id, subscription_id) REFERENCES subscription (tenant_id, id),
        CONSTRAINT proration_tenant_id_from_plan_id_fkey FOREIGN KEY (tenant_id, from_plan_id) REFERENCES plan (tenant_id, id),
        CONSTRAINT proration_tenant_id_to_plan_id_fkey FOREIGN KEY (tenant_id, to_plan_id) REFERENCES plan (tenant_id, id),
        CONSTRAINT proration_period_check CHECK (change_date BETWEEN period_start AND period_end)
      )`);
    await q.query(`CREATE INDEX proration_subscription_idx ON proration (tenant_id, subscription_id, change_date)`);

    for (const table of ['plan', 'plan_price', 'subscription', 'proration']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = app_current_tenant())
          WITH CHECK (tenant_id = app_current_tenant())`);
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON plan, plan_price TO portal_runtime`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON subscription, proration TO portal_runtime`);

    await q.query(`ALTER TABLE change_history DROP CONSTRAINT change_history_subject_type_check`);
    await q.query(
      `ALTER TABLE change_history ADD CONSTRAINT change_history_subject_type_check CHECK (subject_type IN ('profile', 'billing', 'subscription'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // The history is append-only: its subscription rows stay, so the narrower check is not validated.
    await q.query(`ALTER TABLE change_history DROP CONSTRAINT change_history_subject_type_check`);
    await q.query(
      `ALTER TABLE change_history ADD CONSTRAINT change_history_subject_type_check CHECK (subject_type IN ('profile', 'billing')) NOT VALID`,
    );
    await q.query(`DROP TABLE proration, subscription, plan_price, plan`);
  }
}
