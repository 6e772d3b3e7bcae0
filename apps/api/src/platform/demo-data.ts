import type { DataSource } from 'typeorm';
import { PasswordHasher } from '@mijn-account/api-auth';
import { SubscriberAccount, Tenant, User, withTenant } from '@mijn-account/api-database';
import { createTenant } from '@mijn-account/api-tenants';
import type { AccountRole, StaffRole } from '@mijn-account/shared-contracts';

/** Every demo user signs in with this password (README, "Demo sign-ins"). */
export const DEMO_PASSWORD = 'MijnAccount-demo-2026';

interface DemoTenant {
  slug: string;
  displayName: string;
  defaultLanguage: 'nl' | 'en';
  currency: string;
  brandColor: string;
  domain: string;
  /** Anyone may create an account (ContactMonkey), or only by invitation (CallMonkey). */
  selfSignUp: boolean;
  accounts: { customerNumber: string; name: string; users: { name: string; email: string; role: AccountRole }[] }[];
}

export const DEMO_TENANTS: DemoTenant[] = [
  {
    slug: 'callmonkey',
    displayName: 'CallMonkey',
    defaultLanguage: 'nl',
    currency: 'EUR',
    brandColor: '#0b5394',
    domain: 'callmonkey.example',
    selfSignUp: false,
    accounts: [
      {
        customerNumber: 'CM-10001',
        name: 'Bakkerij De Vries',
        users: [
          { name: 'Eva de Vries', email: 'eva@bakkerijdevries.example', role: 'owner' },
          { name: 'Joris de Vries', email: 'joris@bakkerijdevries.example', role: 'member' },
        ],
      },
      {
        customerNumber: 'CM-10002',
        name: 'Jansen Installatietechniek',
        users: [
          { name: 'Pieter Jansen', email: 'pieter@jansen-installatie.example', role: 'owner' },
          { name: 'Sanne Bakker', email: 'sanne@jansen-installatie.example', role: 'member' },
        ],
      },
    ],
  },
  {
    slug: 'contactmonkey',
    displayName: 'ContactMonkey',
    defaultLanguage: 'en',
    currency: 'CAD',
    brandColor: '#6a1b9a',
    domain: 'contactmonkey.example',
    selfSignUp: true,
    accounts: [
      {
        customerNumber: 'CT-20001',
        name: 'Maple Leaf Logistics',
        users: [
          { name: 'Olivia Tremblay', email: 'olivia@mapleleaf.example', role: 'owner' },
          { name: 'Liam Roy', email: 'liam@mapleleaf.example', role: 'member' },
        ],
      },
      {
        customerNumber: 'CT-20002',
        name: 'Northern Lights Studio',
        users: [
          { name: 'Emma Gagnon', email: 'emma@northernlights.example', role: 'owner' },
          { name: 'Noah Wilson', email: 'noah@northernlights.example', role: 'member' },
        ],
      },
    ],
  },
];

const STAFF: { role: StaffRole; local: string; name: string }[] = [
  { role: 'helpdesk-agent', local: 'agent', name: 'Helpdesk Agent' },
  { role: 'helpdesk-supervisor', local: 'supervisor', name: 'Helpdesk Supervisor' },
  { role: 'finance', local: 'finance', name: 'Finance' },
  { role: 'tenant-admin', local: 'admin', name: 'Tenant Admin' },
];

/** `agent@callmonkey.example` and so on: one staff user per role per tenant. */
export function demoStaffEmail(tenant: DemoTenant, role: StaffRole): string {
  const staff = STAFF.find((s) => s.role === role);
  if (!staff) throw new Error(`no demo staff for ${role}`);
  return `${staff.local}@${tenant.domain}`;
}

/**
 * Seeds both demo tenants once (skipped when they exist). Runs as the owner role, through the same
 * tenant-transaction helper as the API, so row-level security applies to the seed too.
 */
export async function seedDemoData(ownerDataSource: DataSource): Promise<boolean> {
  const existing = await ownerDataSource.getRepository(Tenant).countBy({ slug: DEMO_TENANTS[0].slug });
  if (existing > 0) return false;
  const passwordHash = await new PasswordHasher().hash(DEMO_PASSWORD);
  for (const demo of DEMO_TENANTS) {
    const tenant = await createTenant(ownerDataSource, {
      slug: demo.slug,
      displayName: demo.displayName,
      defaultLanguage: demo.defaultLanguage,
      currency: demo.currency,
      brandColor: demo.brandColor,
    });
    await withTenant(ownerDataSource, tenant.id, async (db) => {
      await db.query(`UPDATE tenant_sign_in_settings SET self_sign_up = $1`, [demo.selfSignUp]);
      await db.query(
        `INSERT INTO newsletter_list (tenant_id, name_nl, name_en, description_nl, description_en)
         VALUES ($1, 'Productnieuws', 'Product news', 'Nieuwe functies en tips, eens per maand.', 'New features and tips, once a month.')`,
        [tenant.id],
      );
      for (const account of demo.accounts) {
        const saved = await db.save(SubscriberAccount, {
          tenantId: tenant.id,
          customerNumber: account.customerNumber,
          name: account.name,
        });
        for (const user of account.users) {
          await db.insert(User, {
            tenantId: tenant.id,
            email: user.email,
            displayName: user.name,
            passwordHash,
            emailVerifiedAt: new Date(),
            kind: 'subscriber',
            accountId: saved.id,
            accountRole: user.role,
            staffRoles: [],
          });
        }
      }
      for (const staff of STAFF) {
        await db.insert(User, {
          tenantId: tenant.id,
          email: demoStaffEmail(demo, staff.role),
          displayName: `${staff.name} (${demo.displayName})`,
          passwordHash,
          emailVerifiedAt: new Date(),
          kind: 'staff',
          accountId: null,
          accountRole: null,
          staffRoles: [staff.role],
        });
      }
    });
  }
  return true;
}
