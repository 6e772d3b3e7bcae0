import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A linked Google or Microsoft identity is keyed by the issuer that vouched for it and its subject
 * there (issue 14): until now the key was (provider, subject), so a tenant admin who pointed a
 * provider at another issuer let that issuer sign in to every existing link by naming its subject.
 * Existing links take the issuer their provider is configured with now (without a trailing slash,
 * as Google and Entra ID write it in their tokens); a link whose provider is gone gets an issuer no
 * token carries, so it can only be unlinked.
 */
export class KeyIdentitiesByIssuer1795552000000 implements MigrationInterface {
  name = 'KeyIdentitiesByIssuer1795552000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_identity ADD COLUMN issuer text`);
    // Row-level security is forced on the owner too: lift it for this one statement across tenants.
    await q.query(`ALTER TABLE user_identity NO FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE tenant_identity_provider NO FORCE ROW LEVEL SECURITY`);
    await q.query(`
      UPDATE user_identity i
         SET issuer = coalesce(
               (SELECT rtrim(p.issuer, '/') FROM tenant_identity_provider p WHERE p.tenant_id = i.tenant_id AND p.provider = i.provider),
               'urn:mijn-account:unknown-issuer')`);
    await q.query(`ALTER TABLE tenant_identity_provider FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE user_identity FORCE ROW LEVEL SECURITY`);
    await q.query(`
      ALTER TABLE user_identity
        ALTER COLUMN issuer SET NOT NULL,
        ADD CONSTRAINT user_identity_issuer_length CHECK (length(issuer) BETWEEN 1 AND 300),
        DROP CONSTRAINT user_identity_pkey,
        ADD PRIMARY KEY (tenant_id, issuer, subject)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE user_identity
        DROP CONSTRAINT user_identity_pkey,
        ADD PRIMARY KEY (tenant_id, provider, subject),
        DROP CONSTRAINT user_identity_issuer_length,
        DROP COLUMN issuer`);
  }
}
