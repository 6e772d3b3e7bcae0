import type { DataSource } from 'typeorm';
import { SubscriberAccount } from '@mijn-account/api-accounts';
import { PasswordHasher, User } from '@mijn-account/api-auth';
import { withTenant } from '@mijn-account/api-database';
import { createTenant } from '@mijn-account/api-tenants';
import { STAFF_ROLES, type AccountRole, type StaffRole } from '@mijn-account/shared-contracts';

export const FIXTURE_PASSWORD = 'correct horse battery staple';

export interface FixtureTenant {
  id: string;
  slug: string;
  host: string;
  accounts: { id: string; customerNumber: string; owner: FixtureUser; member: FixtureUser }[];
  staff: Record<StaffRole, FixtureUser>;
}

export interface FixtureUser {
  id: string;
  email: string;
  role: AccountRole | StaffRole;
}

/**
 * Two tenants, `alpha` (nl) and `beta` (en), each with two subscriber accounts (owner + member)
 * and one user per staff role. The same e-mail address exists in both tenants as two users.
 */
export async function seedTwoTenants(owner: DataSource): Promise<{ alpha: FixtureTenant; beta: FixtureTenant }> {
  const passwordHash = await new PasswordHasher().hash(FIXTURE_PASSWORD);
  const make = async (slug: string, language: 'nl' | 'en'): Promise<FixtureTenant> => {
    const tenant = await createTenant(owner, {
      slug,
      displayName: slug.toUpperCase(),
      defaultLanguage: language,
      currency: 'EUR',
      brandColor: '#123456',
    });
    return withTenant(owner, tenant.id, async (db) => {
      const addUser = async (email: string, fields: Partial<User>) => {
        const saved = await db.save(User, {
          tenantId: tenant.id,
          email,
          displayName: email.split('@')[0],
          passwordHash,
          emailVerifiedAt: new Date(),
          ...fields,
        });
        return saved.id;
      };
      const accounts: FixtureTenant['accounts'] = [];
      for (const n of [1, 2]) {
        const account = await db.save(SubscriberAccount, {
          tenantId: tenant.id,
          customerNumber: `${slug.toUpperCase()}-${n}`,
          name: `${slug} account ${n}`,
        });
        const user = async (role: AccountRole): Promise<FixtureUser> => {
          // Account 1's owner uses the same address in both tenants.
          const email = n === 1 && role === 'owner' ? 'shared@example.com' : `${role}${n}@${slug}.example`;
          const id = await addUser(email, {
            kind: 'subscriber',
            accountId: account.id,
            accountRole: role,
            staffRoles: [],
          });
          return { id, email, role };
        };
        accounts.push({
          id: account.id,
          customerNumber: account.customerNumber,
          owner: await user('owner'),
          member: await user('member'),
        });
      }
      const staff = {} as Record<StaffRole, FixtureUser>;
      for (const role of STAFF_ROLES) {
        const email = `${role}@${slug}.example`;
        staff[role] = {
          id: await addUser(email, { kind: 'staff', accountId: null, accountRole: null, staffRoles: [role] }),
          email,
          role,
        };
      }
      return { id: tenant.id, slug, host: `${slug}.localhost`, accounts, staff };
    });
  };
  return { alpha: await make('alpha', 'nl'), beta: await make('beta', 'en') };
}
