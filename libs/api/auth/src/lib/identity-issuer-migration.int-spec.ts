import type { DataSource } from 'typeorm';
import { MIGRATIONS, createDataSource, withTenant } from '@mijn-account/api-database';
import {
  ENTITIES,
  type FixtureTenant,
  type TestDatabase,
  createTestDatabase,
  seedTwoTenants,
} from '@mijn-account/api-testing';

/** Migration 1795552000000: existing links take their provider's issuer, and the key becomes issuer + subject. */
describe('KeyIdentitiesByIssuer migration', () => {
  let db: TestDatabase;
  let owner: DataSource;
  let alpha: FixtureTenant;
  let beta: FixtureTenant;
  const sql = <T = Record<string, unknown>>(
    tenant: FixtureTenant,
    text: string,
    params: unknown[] = [],
  ): Promise<T[]> => withTenant(owner, tenant.id, (m) => m.query(text, params));

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await createDataSource({ url: db.ownerUrl, poolSize: 3, entities: ENTITIES }).initialize();
    ({ alpha, beta } = await seedTwoTenants(owner));
  });
  afterAll(async () => {
    await owner.destroy();
    await db.drop();
  });

  it('gives existing links the issuer their provider has now, in every tenant, and keys them by issuer and subject', async () => {
    const found = MIGRATIONS.find((m) => m.name === 'KeyIdentitiesByIssuer1795552000000');
    if (!found) throw new Error('migration not registered');
    const migration = new found();
    const runner = owner.createQueryRunner();
    try {
      await migration.down(runner);
      // Links as they were before: alpha's Google configured (with a trailing slash), beta's Microsoft
      // link left over from a provider that is no longer configured.
      await sql(
        alpha,
        `INSERT INTO tenant_identity_provider (tenant_id, provider, enabled, issuer, client_id, client_secret_enc)
         VALUES ($1, 'google', true, 'https://accounts.google.com/', 'c', 'sealed')`,
        [alpha.id],
      );
      await sql(
        alpha,
        `INSERT INTO user_identity (tenant_id, provider, subject, user_id) VALUES ($1, 'google', 'g-1', $2)`,
        [alpha.id, alpha.accounts[0].owner.id],
      );
      await sql(
        beta,
        `INSERT INTO user_identity (tenant_id, provider, subject, user_id) VALUES ($1, 'microsoft', 't:o', $2)`,
        [beta.id, beta.accounts[0].owner.id],
      );
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await sql(alpha, `SELECT provider, issuer, subject FROM user_identity`)).toEqual([
      { provider: 'google', issuer: 'https://accounts.google.com', subject: 'g-1' },
    ]);
    expect(await sql(beta, `SELECT provider, issuer, subject FROM user_identity`)).toEqual([
      { provider: 'microsoft', issuer: 'urn:mijn-account:unknown-issuer', subject: 't:o' },
    ]);
    const key = await owner.query(
      `SELECT array_agg(a.attname::text ORDER BY k.ord) AS columns
         FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
        WHERE c.conrelid = 'user_identity'::regclass AND c.contype = 'p'`,
    );
    expect(key[0].columns).toEqual(['tenant_id', 'issuer', 'subject']);
    // Row-level security is forced again after the cross-tenant backfill.
    const rls = await owner.query(
      `SELECT relname, relforcerowsecurity FROM pg_class WHERE relname IN ('user_identity', 'tenant_identity_provider') ORDER BY relname`,
    );
    expect(rls).toEqual([
      { relname: 'tenant_identity_provider', relforcerowsecurity: true },
      { relname: 'user_identity', relforcerowsecurity: true },
    ]);
  });
});
