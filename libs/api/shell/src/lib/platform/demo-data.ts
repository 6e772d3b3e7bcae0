import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { BillingService, ChangeHistoryService, ProfileService, SubscriberAccount } from '@mijn-account/api-accounts';
import { AuditSealerService, AuditSigner, AuditWriterService } from '@mijn-account/api-audit';
import { PasswordHasher, User } from '@mijn-account/api-auth';
import {
  BillingEngine,
  BillingQueue,
  BillingRunsService,
  InvoiceRenderer,
  InvoicesService,
  InvoicingSettingsService,
  PlansService,
  SubscriptionsService,
} from '@mijn-account/api-billing';
import { todayIn } from '@mijn-account/shared-billing-periods';
import {
  type AppConfig,
  type AuthUser,
  type GrantRule,
  JobQueue,
  RequestContext,
  tenantContextOf,
} from '@mijn-account/api-core';
import { withTenant } from '@mijn-account/api-database';
import { MailService } from '@mijn-account/api-mail';
import { ErasureService, PrivacyQueue, PrivacyRequests, seedDemoPrivacy } from '@mijn-account/api-privacy';
import { NewsletterTokens, NewslettersService } from '@mijn-account/api-newsletters';
import { UsageCounter } from '@mijn-account/api-statistics';
import { GrantGateService, GrantsService } from '@mijn-account/api-support';
import { createTenant } from '@mijn-account/api-tenants';
import type {
  AccessReason,
  AccessScope,
  AccountRole,
  BillingUpdate,
  InvoicingSettingsUpdate,
  PlanCreate,
  StaffRole,
} from '@mijn-account/shared-contracts';
import { seedDemoStatement } from './demo-statements';

/** Every demo user signs in with this password (README, "Demo sign-ins"). */
export const DEMO_PASSWORD = 'MijnAccount-demo-2026';

type DemoList = 'product' | 'webinars';

interface DemoUser {
  name: string;
  email: string;
  role: AccountRole;
  /** Saved by the user through the profile service (a change-history entry). */
  profile?: { phone: string; timeZone: string };
  /** Subscribed in the portal and confirmed from the mail; `left`: unsubscribed again later. */
  newsletters?: { list: DemoList; left?: boolean }[];
}

interface DemoAccount {
  customerNumber: string;
  name: string;
  users: DemoUser[];
  /** Saved by the owner through the billing service; `billingEmail` in a second, later edit (two history entries). */
  billing?: Omit<BillingUpdate, 'billingEmail'> & { billingEmail: string | null; laterBillingEmail?: string };
}

/** The helpdesk access of the past: requested, decided, a few reads, closed with a note. */
interface DemoPastGrant {
  customerNumber: string;
  reason: AccessReason;
  ticket: string;
  justification: string;
  scopes: AccessScope[];
  /** What the owner (service) allowed; a supervisor approves a technical request as asked. */
  minutes: number;
  reads: ('billing' | 'profiles')[];
  closeNote: string;
}

/**
 * Finance: the tenant's invoicing settings (saved by its admin), plans (by finance), subscriptions
 * per account, and what was paid on last month's invoices. Months are counted back from today.
 */
interface DemoInvoicing {
  settings: InvoicingSettingsUpdate;
  plans: Record<string, PlanCreate>;
  subscriptions: {
    customerNumber: string;
    plan: string;
    quantity: number;
    /** Started on the first day of the month this many months ago (0: this month, not billed last month). */
    monthsAgo: number;
    /** Paid on last month's invoice: all of it, a part (cents), or nothing yet (overdue). */
    paid?: 'all' | number;
  }[];
}

interface DemoTenant {
  slug: string;
  displayName: string;
  defaultLanguage: 'nl' | 'en';
  currency: string;
  brandColor: string;
  domain: string;
  /** Anyone may create an account (ContactMonkey), or only by invitation (CallMonkey). */
  selfSignUp: boolean;
  lists: Record<DemoList, { nameNl: string; nameEn: string; descriptionNl: string; descriptionEn: string }>;
  accounts: DemoAccount[];
  pastGrant: DemoPastGrant;
  invoicing: DemoInvoicing;
}

const LISTS: DemoTenant['lists'] = {
  product: {
    nameNl: 'Productnieuws',
    nameEn: 'Product news',
    descriptionNl: 'Nieuwe functies en tips, eens per maand.',
    descriptionEn: 'New features and tips, once a month.',
  },
  webinars: {
    nameNl: 'Webinars',
    nameEn: 'Webinars',
    descriptionNl: 'Uitnodigingen voor onze webinars, een paar keer per jaar.',
    descriptionEn: 'Invitations to our webinars, a few times a year.',
  },
};

/*
 * What the browser tests (e2e/web) rely on, so the demo content keeps clear of it: Jansen
 * Installatietechniek's billing details and Pieter's and Sanne's phone numbers are empty (a test fills
 * them and reads "— →" in the history); Olivia and Noah are on no list and ContactMonkey's "Product
 * news" has no subscriber (tests subscribe them and count one); the past grants are on the accounts
 * the helpdesk tests do not use (CM-10002, CT-20002), closed, not revoked; no user has a session or a
 * known device (a test counts sessions; a new-device alert needs a known one).
 */
export const DEMO_TENANTS: DemoTenant[] = [
  {
    slug: 'callmonkey',
    displayName: 'CallMonkey',
    defaultLanguage: 'nl',
    currency: 'EUR',
    brandColor: '#0b5394',
    domain: 'callmonkey.example',
    selfSignUp: false,
    lists: LISTS,
    accounts: [
      {
        customerNumber: 'CM-10001',
        name: 'Bakkerij De Vries',
        billing: {
          companyName: 'Bakkerij De Vries V.O.F.',
          cocNumber: '12345678',
          vatId: 'NL123456782B01',
          billingEmail: null,
          laterBillingEmail: 'administratie@bakkerijdevries.example',
          address: {
            street: 'Lange Nieuwstraat',
            houseNumber: '42',
            houseNumberAddition: null,
            postalCode: '3512 PH',
            city: 'Utrecht',
            region: null,
            country: 'NL',
          },
        },
        users: [
          {
            name: 'Eva de Vries',
            email: 'eva@bakkerijdevries.example',
            role: 'owner',
            profile: { phone: '+31 6 23456789', timeZone: 'Europe/Amsterdam' },
            newsletters: [{ list: 'product' }, { list: 'webinars' }],
          },
          {
            name: 'Joris de Vries',
            email: 'joris@bakkerijdevries.example',
            role: 'member',
            newsletters: [{ list: 'product', left: true }],
          },
        ],
      },
      {
        customerNumber: 'CM-10002',
        name: 'Jansen Installatietechniek',
        users: [
          { name: 'Pieter Jansen', email: 'pieter@jansen-installatie.example', role: 'owner' },
          {
            name: 'Sanne Bakker',
            email: 'sanne@jansen-installatie.example',
            role: 'member',
            newsletters: [{ list: 'webinars' }],
          },
        ],
      },
    ],
    pastGrant: {
      customerNumber: 'CM-10002',
      reason: 'service',
      ticket: 'T-17',
      justification: 'U belde omdat uw factuur niet aankwam; we kijken welke factuurgegevens we van u hebben.',
      scopes: ['billing:read', 'profile:read'],
      minutes: 30,
      reads: ['billing', 'profiles', 'billing'],
      closeNote: 'Er stond nog geen factuuradres. We hebben u gevraagd het zelf in te vullen onder Factuurgegevens.',
    },
    invoicing: {
      settings: {
        legalName: 'CallMonkey B.V.',
        address: {
          streetLine: 'Stationsplein 45',
          postalCode: '3013 AK',
          city: 'Rotterdam',
          region: null,
          country: 'NL',
        },
        vatId: 'NL004495445B01',
        cocNumber: '24356789',
        iban: 'NL81RABO0312345678',
        bic: 'RABONL2U',
        invoiceEmail: 'facturen@callmonkey.example',
        numberPrefix: 'CM',
        paymentTermDays: 14,
        reviewWindowHours: 24,
        footerNl: 'Vragen over uw factuur? Mail facturen@callmonkey.example of bel 010 123 45 67.',
        footerEn: 'Questions about your invoice? Mail facturen@callmonkey.example or call +31 10 123 45 67.',
        timeZone: 'Europe/Amsterdam',
        taxCategories: [
          { code: 'hoog', category: 'S', rateBasisPoints: 2100, textNl: 'Btw 21%', textEn: 'VAT 21%' },
          { code: 'laag', category: 'S', rateBasisPoints: 900, textNl: 'Btw 9%', textEn: 'VAT 9%' },
          { code: 'nul', category: 'Z', rateBasisPoints: 0, textNl: 'Btw 0%', textEn: 'VAT 0%' },
        ],
      },
      plans: {
        basis: {
          nameNl: 'Basis telefonie',
          nameEn: 'Basic telephony',
          descriptionNl: 'Eén telefoonlijn met vast nummer, voicemail en doorschakelen.',
          descriptionEn: 'One phone line with a fixed number, voicemail and call forwarding.',
          priceMinor: 1950,
          currency: 'EUR',
          interval: 'month',
          taxCategory: 'hoog',
        },
        zakelijk: {
          nameNl: 'Zakelijk Plus',
          nameEn: 'Business Plus',
          descriptionNl: 'Per lijn: belmenu, wachtrij, gespreksopname en een app voor onderweg.',
          descriptionEn: 'Per line: call menu, queue, call recording and an app on the go.',
          priceMinor: 3495,
          currency: 'EUR',
          interval: 'month',
          taxCategory: 'hoog',
        },
        vakblad: {
          nameNl: 'Vakblad Bereikbaar (jaarabonnement)',
          nameEn: 'Bereikbaar trade magazine (yearly)',
          descriptionNl: 'Zes gedrukte nummers per jaar over klantcontact.',
          descriptionEn: 'Six printed issues a year about customer contact.',
          priceMinor: 5900,
          currency: 'EUR',
          interval: 'year',
          taxCategory: 'laag',
        },
      },
      subscriptions: [
        { customerNumber: 'CM-10001', plan: 'basis', quantity: 2, monthsAgo: 5, paid: 'all' },
        { customerNumber: 'CM-10001', plan: 'vakblad', quantity: 1, monthsAgo: 1 },
        // Jansen is new this month (and has no billing address yet: the browser tests fill it in).
        { customerNumber: 'CM-10002', plan: 'zakelijk', quantity: 4, monthsAgo: 0 },
      ],
    },
  },
  {
    slug: 'contactmonkey',
    displayName: 'ContactMonkey',
    defaultLanguage: 'en',
    currency: 'CAD',
    brandColor: '#6a1b9a',
    domain: 'contactmonkey.example',
    selfSignUp: true,
    lists: LISTS,
    accounts: [
      {
        customerNumber: 'CT-20001',
        name: 'Maple Leaf Logistics',
        billing: {
          companyName: 'Maple Leaf Logistics Inc.',
          cocNumber: '123456782',
          vatId: '123456782RT0001',
          billingEmail: 'accounts@mapleleaf.example',
          address: {
            street: '1200 Bay Street',
            houseNumber: null,
            houseNumberAddition: null,
            postalCode: 'M5R 2A5',
            city: 'Toronto',
            region: 'ON',
            country: 'CA',
          },
        },
        users: [
          {
            name: 'Olivia Tremblay',
            email: 'olivia@mapleleaf.example',
            role: 'owner',
            profile: { phone: '+1 416 555 0133', timeZone: 'America/Toronto' },
          },
          { name: 'Liam Roy', email: 'liam@mapleleaf.example', role: 'member', newsletters: [{ list: 'webinars' }] },
        ],
      },
      {
        customerNumber: 'CT-20002',
        name: 'Northern Lights Studio',
        billing: {
          companyName: 'Northern Lights Studio Ltd.',
          cocNumber: null,
          vatId: null,
          billingEmail: null,
          laterBillingEmail: 'billing@northernlights.example',
          // In Ontario, like ContactMonkey: the tenant's HST 13 % is then the right tax (in British
          // Columbia it would be GST 5 % plus the province's PST 7 %, which the demo has no category for).
          address: {
            street: '150 Elgin Street',
            houseNumber: null,
            houseNumberAddition: null,
            postalCode: 'K2P 1L4',
            city: 'Ottawa',
            region: 'ON',
            country: 'CA',
          },
        },
        users: [
          {
            name: 'Emma Gagnon',
            email: 'emma@northernlights.example',
            role: 'owner',
            profile: { phone: '+1 613 555 0188', timeZone: 'America/Toronto' },
            newsletters: [{ list: 'webinars' }],
          },
          { name: 'Noah Wilson', email: 'noah@northernlights.example', role: 'member' },
        ],
      },
    ],
    pastGrant: {
      customerNumber: 'CT-20002',
      reason: 'availability',
      ticket: 'INC-3',
      justification: 'Your invoices did not reach you: we check the billing details we hold and who receives them.',
      scopes: ['billing:read', 'profile:read'],
      minutes: 60,
      reads: ['billing', 'profiles'],
      closeNote:
        'Your billing details were complete; the invoice mails had been held by your spam filter. Nothing changed.',
    },
    invoicing: {
      settings: {
        legalName: 'ContactMonkey Inc.',
        address: {
          streetLine: '120 Adelaide Street West',
          postalCode: 'M5H 1T1',
          city: 'Toronto',
          region: 'ON',
          country: 'CA',
        },
        vatId: '876543216RT0001',
        cocNumber: '876543216',
        // Canada is outside SEPA: customers pay by transfer to a Canadian account (institution, transit, account).
        iban: null,
        bic: null,
        bankAccount: {
          bankName: 'Royal Bank of Canada',
          institutionNumber: '003',
          transitNumber: '00012',
          accountNumber: '1234567',
        },
        // Canada has no KvK/VAT electronic address scheme: this e-mail is the seller's address (ADR 0021).
        invoiceEmail: 'billing@contactmonkey.example',
        numberPrefix: 'CT',
        paymentTermDays: 30,
        reviewWindowHours: 48,
        footerNl: 'Vragen over uw factuur? Mail billing@contactmonkey.example.',
        footerEn: 'Questions about your invoice? Mail billing@contactmonkey.example.',
        timeZone: 'America/Toronto',
        taxCategories: [
          { code: 'hst', category: 'S', rateBasisPoints: 1300, textNl: 'HST 13%', textEn: 'HST 13%' },
          { code: 'gst', category: 'S', rateBasisPoints: 500, textNl: 'GST 5%', textEn: 'GST 5%' },
          { code: 'zero', category: 'Z', rateBasisPoints: 0, textNl: 'Nultarief', textEn: 'Zero-rated' },
        ],
      },
      plans: {
        starter: {
          nameNl: 'Starter',
          nameEn: 'Starter',
          descriptionNl: 'Een gedeelde inbox en telefoonlijn voor kleine teams.',
          descriptionEn: 'A shared inbox and phone line for small teams.',
          priceMinor: 2500,
          currency: 'CAD',
          interval: 'month',
          taxCategory: 'hst',
        },
        team: {
          nameNl: 'Team',
          nameEn: 'Team',
          descriptionNl: 'Per gebruiker: wachtrijen, rapportages en integraties.',
          descriptionEn: 'Per user: queues, reports and integrations.',
          priceMinor: 6000,
          currency: 'CAD',
          interval: 'month',
          taxCategory: 'hst',
        },
        recording: {
          nameNl: 'Gespreksopname',
          nameEn: 'Call recording',
          descriptionNl: 'Per gebruiker: opnames twaalf maanden bewaard.',
          descriptionEn: 'Per user: recordings kept for twelve months.',
          priceMinor: 1200,
          currency: 'CAD',
          interval: 'month',
          taxCategory: 'hst',
        },
      },
      subscriptions: [
        { customerNumber: 'CT-20001', plan: 'team', quantity: 4, monthsAgo: 8, paid: 'all' },
        { customerNumber: 'CT-20001', plan: 'recording', quantity: 4, monthsAgo: 3, paid: 2500 },
        { customerNumber: 'CT-20002', plan: 'starter', quantity: 2, monthsAgo: 2 },
      ],
    },
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

/** The support routes' rules (support.controller.ts) for the reads of the past grants. */
const READS: Record<DemoPastGrant['reads'][number], GrantRule> = {
  billing: { scope: 'billing:read', action: 'read', resource: 'billing' },
  profiles: {
    scope: 'profile:read',
    action: 'read',
    resource: 'profiles',
    fields: ['name', 'email', 'phone', 'language', 'timeZone'],
  },
};

/** Where the demo's people were (documentation address ranges, RFC 5737), and with what. */
const SUBSCRIBER_IP = '198.51.100.24';
const HELPDESK_IP = '192.0.2.10';
const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
];

/**
 * The demo's past is not announced: mail about it (a helpdesk request, a subscription to confirm)
 * would reach the mailbox on first start, long after the fact — and the browser tests read that
 * mailbox. Everything else goes through the real services.
 */
class UnsentMail extends MailService {
  constructor() {
    super(undefined as never);
  }

  override async send(): Promise<string> {
    return 'not sent: demo data';
  }

  /** The mails of jobs, such as the demo invoices' "issued" mails. */
  override async queueFor(): Promise<string> {
    return 'not sent: demo data';
  }
}

/**
 * Seeds both demo tenants once (skipped when they exist). Runs as the owner role, through the same
 * tenant-transaction helper and the same services as the API, so row-level security, the change
 * history, the consent ledger and the access log's chain apply to the seed too: accounts and people,
 * billing details and profiles saved by their owners, newsletter subscriptions confirmed, a few past
 * sign-ins, and one closed helpdesk grant per tenant whose events are sealed and signed.
 */
export async function seedDemoData(ownerDataSource: DataSource, config: AppConfig): Promise<boolean> {
  const existing = await ownerDataSource.query(`SELECT 1 FROM tenant WHERE slug = $1`, [DEMO_TENANTS[0].slug]);
  if (existing.length > 0) return false;
  const passwordHash = await new PasswordHasher().hash(DEMO_PASSWORD);
  for (const demo of DEMO_TENANTS) await seedTenant(ownerDataSource, config, demo, passwordHash);
  return true;
}

async function seedTenant(owner: DataSource, config: AppConfig, demo: DemoTenant, passwordHash: string): Promise<void> {
  const tenant = await createTenant(owner, {
    slug: demo.slug,
    displayName: demo.displayName,
    defaultLanguage: demo.defaultLanguage,
    currency: demo.currency,
    brandColor: demo.brandColor,
  });
  await seedDemoStatement(owner, tenant.id, demo.slug);
  const users = new Map<string, AuthUser>();
  const accounts = new Map<string, string>();
  await withTenant(owner, tenant.id, async (db) => {
    await db.query(`UPDATE tenant_sign_in_settings SET self_sign_up = $1`, [demo.selfSignUp]);
    for (const account of demo.accounts) {
      const saved = await db.save(SubscriberAccount, {
        tenantId: tenant.id,
        customerNumber: account.customerNumber,
        name: account.name,
      });
      accounts.set(account.customerNumber, saved.id);
      for (const user of account.users) {
        const row = await db.save(User, {
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
        users.set(user.email, authUser(row));
      }
    }
    for (const staff of STAFF) {
      const row = await db.save(User, {
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
      users.set(row.email, authUser(row));
    }
    // A few sign-ins of the past days, as the sign-in service records them (no session, no known device).
    for (const [i, user] of [...users.values()].filter((u) => u.kind === 'subscriber').entries()) {
      for (const [n, daysAgo] of [9, 4, 1].entries()) {
        await db.query(
          `INSERT INTO sign_in_event (tenant_id, user_id, email, method, outcome, ip, user_agent, new_device, at)
           VALUES ($1, $2, $3, 'password', 'success', $4, $5, $6, now() - make_interval(days => $7, mins => $8))`,
          [
            tenant.id,
            user.id,
            user.email,
            SUBSCRIBER_IP,
            BROWSERS[(i + n) % BROWSERS.length],
            n === 0,
            daysAgo,
            37 * i + 11 * n,
          ],
        );
      }
    }
  });

  const services = demoServices(config);
  const context = tenantContextOf(tenant, demo.invoicing.settings.timeZone);
  const origin =
    config.portalDomain === 'localhost'
      ? `http://${demo.slug}.localhost:${config.port}`
      : `https://${demo.slug}.${config.portalDomain}`;
  /** Work done by `user` in a transaction of its own, committed like a request's. */
  const as = async <T>(user: AuthUser, ip: string, work: (ctx: RequestContext) => Promise<T>): Promise<T> => {
    const ctx = new RequestContext(`demo-${randomUUID()}`, context, ip, BROWSERS[0], origin, owner);
    ctx.user = user;
    try {
      const result = await work(ctx);
      await ctx.commit();
      return result;
    } catch (error) {
      await ctx.rollback();
      throw error;
    }
  };
  const person = (email: string): AuthUser => {
    const user = users.get(email);
    if (!user) throw new Error(`demo data: no user ${email}`);
    return user;
  };
  const admin = person(demoStaffEmail(demo, 'tenant-admin'));

  // Newsletter lists, one transaction each so that they keep their order.
  const lists = new Map<DemoList, string>();
  for (const key of ['product', 'webinars'] as const)
    lists.set(
      key,
      await as(admin, HELPDESK_IP, (ctx) =>
        services.newsletters.saveList(ctx, null, { ...demo.lists[key], visible: true }),
      ),
    );

  for (const account of demo.accounts) {
    const accountId = accounts.get(account.customerNumber) as string;
    const accountOwner = person(account.users.find((u) => u.role === 'owner')?.email ?? '');
    // Billing details saved by the owner, and the billing e-mail added in a later edit.
    if (account.billing) {
      const { laterBillingEmail, ...billing } = account.billing;
      const first = await as(accountOwner, SUBSCRIBER_IP, async (ctx) =>
        services.billing.update(ctx, accountId, (await services.billing.get(ctx, accountId)).version, billing),
      );
      if (laterBillingEmail)
        await as(accountOwner, SUBSCRIBER_IP, (ctx) =>
          services.billing.update(ctx, accountId, first.version, { ...billing, billingEmail: laterBillingEmail }),
        );
    }
    for (const demoUser of account.users) {
      const user = person(demoUser.email);
      if (demoUser.profile) {
        const profile = demoUser.profile;
        await as(user, SUBSCRIBER_IP, async (ctx) => {
          const current = await services.profile.get(ctx);
          return services.profile.update(ctx, current.version, { ...current, ...profile });
        });
      }
      // Opted in on the newsletter page, confirmed from the mail's link; some left again.
      const subscriber = { id: user.id, email: user.email, preferredLanguage: null };
      for (const { list, left } of demoUser.newsletters ?? []) {
        const listId = lists.get(list) as string;
        const token = await as(user, SUBSCRIBER_IP, async (ctx) => {
          await services.newsletters.set(ctx, subscriber, listId, true, 'portal');
          return services.tokens.sign(ctx, { purpose: 'confirm', userId: user.id, listId });
        });
        await as(user, SUBSCRIBER_IP, (ctx) => services.newsletters.confirm(ctx, token));
        if (left)
          await as(user, SUBSCRIBER_IP, (ctx) => services.newsletters.set(ctx, subscriber, listId, false, 'portal'));
      }
    }
  }

  await seedPastGrant(demo, accounts, person, as, services);
  await seedInvoicing(owner, tenant.id, demo, accounts, person, as, services);
  await withTenant(owner, tenant.id, (db) => seedUsageCounts(db, tenant.id));

  // Privacy (issue 18 §1): what this portal processes and why, the privacy contact and authority, the sign-up age.
  const privacyCountry = demo.invoicing.settings.address?.country === 'CA' ? 'CA' : 'NL';
  await withTenant(owner, tenant.id, (db) => seedDemoPrivacy(db, tenant.id, privacyCountry, `privacy@${demo.domain}`));
  await seedErasedAccount(owner, tenant.id, demo, passwordHash, as, services);

  // Chained and signed now, so the log verifies intact from the first look.
  await withTenant(owner, tenant.id, (db) => services.sealer.checkpoint(db, tenant.id));
}

type DemoServices = ReturnType<typeof demoServices>;

/** The services the API wires with Nest, wired by hand (mail left unsent, see UnsentMail). */
function demoServices(config: AppConfig) {
  const history = new ChangeHistoryService();
  const mail = new UnsentMail();
  const log = new AuditWriterService();
  const usage = new UsageCounter();
  const grants = new GrantsService(log, mail, usage);
  const tokens = new NewsletterTokens(config);
  const invoicingSettings = new InvoicingSettingsService();
  return {
    mail,
    invoicingSettings,
    plans: new PlansService(invoicingSettings),
    subscriptions: new SubscriptionsService(invoicingSettings, history, log),
    engine: new BillingEngine(invoicingSettings, config),
    invoices: new InvoicesService(log, invoicingSettings),
    billing: new BillingService(history),
    profile: new ProfileService(history),
    tokens,
    newsletters: new NewslettersService(mail, tokens, config, usage),
    sealer: new AuditSealerService(new AuditSigner(config)),
    config,
    grants,
    gate: new GrantGateService(log, grants),
  };
}

/**
 * The helpdesk agent asked, the owner (service) or a supervisor (technical) approved, the agent read
 * what the grant covers — each read logged by the access guard's own SQL, which finds the grant and
 * writes the event in one statement — and closed the grant with a note for the subscriber.
 */
async function seedPastGrant(
  demo: DemoTenant,
  accounts: Map<string, string>,
  person: (email: string) => AuthUser,
  as: <T>(user: AuthUser, ip: string, work: (ctx: RequestContext) => Promise<T>) => Promise<T>,
  services: DemoServices,
): Promise<void> {
  const past = demo.pastGrant;
  const accountId = accounts.get(past.customerNumber) as string;
  const agent = person(demoStaffEmail(demo, 'helpdesk-agent'));
  const { grants, gate } = services;
  const requested = await as(agent, HELPDESK_IP, (ctx) =>
    grants.request(ctx, {
      accountId,
      reason: past.reason,
      ticket: past.ticket,
      justification: past.justification,
      scopes: past.scopes,
    }),
  );
  if (past.reason === 'service') {
    const ownerEmail =
      demo.accounts.find((a) => a.customerNumber === past.customerNumber)?.users.find((u) => u.role === 'owner')
        ?.email ?? '';
    await as(person(ownerEmail), SUBSCRIBER_IP, (ctx) =>
      grants.decideAsOwner(ctx, requested.id, true, { minutes: past.minutes }),
    );
  } else {
    await as(person(demoStaffEmail(demo, 'helpdesk-supervisor')), HELPDESK_IP, (ctx) =>
      grants.decideAsSupervisor(ctx, requested.id, true),
    );
  }
  for (const read of past.reads) {
    await as(agent, HELPDESK_IP, async (ctx) => {
      const rule = READS[read];
      const params: unknown[] = [];
      const param = (value: unknown) => `$${params.push(value)}`;
      const agentRow = `SELECT id AS user_id, display_name FROM app_user WHERE tenant_id = ${param(ctx.tenant.id)}::uuid AND id = ${param(agent.id)}::uuid`;
      const logged = gate
        .check(ctx, rule, { accountId, fields: rule.fields ?? [] })
        .sql({ from: 'agent', userId: 'agent.user_id', displayName: 'agent.display_name' }, param);
      const rows: unknown[] = await (await ctx.db()).query(`WITH agent AS (${agentRow}) ${logged}`, params);
      if (rows.length !== 1) throw new Error(`demo data: the grant did not allow reading ${read}`);
    });
  }
  await as(agent, HELPDESK_IP, (ctx) => grants.close(ctx, requested.id, past.closeNote));
}

/**
 * The seed works its billing run itself, in this process (like UnsentMail, a queue that queues
 * nothing): no job is left behind for the app's worker, which would issue the drafts today.
 */
class InProcessQueue extends BillingQueue {
  override async enqueue(): Promise<void> {
    // Nothing queued: seedInvoicing runs the steps.
  }
}

/**
 * Finance of the demo, through the real services and engine: the admin completes the invoicing
 * settings, finance adds plans and subscriptions, and last month's billing run is drafted,
 * confirmed and finalised as issued on that month's first day (so its due dates have passed), with
 * each invoice's PDF and UBL rendered and stored. Then finance registers what was paid: one invoice
 * in full, one in part, the rest stays open and overdue.
 */
async function seedInvoicing(
  owner: DataSource,
  tenantId: string,
  demo: DemoTenant,
  accounts: Map<string, string>,
  person: (email: string) => AuthUser,
  as: <T>(user: AuthUser, ip: string, work: (ctx: RequestContext) => Promise<T>) => Promise<T>,
  services: DemoServices,
): Promise<void> {
  const { invoicing } = demo;
  const admin = person(demoStaffEmail(demo, 'tenant-admin'));
  const finance = person(demoStaffEmail(demo, 'finance'));
  await as(admin, HELPDESK_IP, async (ctx) =>
    services.invoicingSettings.update(ctx, (await services.invoicingSettings.get(ctx)).version, invoicing.settings),
  );
  const plans = new Map<string, string>();
  for (const [key, plan] of Object.entries(invoicing.plans))
    plans.set(key, (await as(finance, HELPDESK_IP, (ctx) => services.plans.create(ctx, plan))).id);

  const today = todayIn(invoicing.settings.timeZone);
  const firstOfMonth = (monthsAgo: number): string => {
    const [y, m] = today.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1 - monthsAgo, 1)).toISOString().slice(0, 10);
  };
  const subscriptions = new Map<number, string>();
  for (const [i, s] of invoicing.subscriptions.entries()) {
    const accountId = accounts.get(s.customerNumber) as string;
    const start = firstOfMonth(s.monthsAgo);
    const created = await as(finance, HELPDESK_IP, (ctx) =>
      services.subscriptions.create(ctx, accountId, {
        planId: plans.get(s.plan) as string,
        quantity: s.quantity,
        startDate: start,
        billingAnchor: start,
      }),
    );
    subscriptions.set(i, created.id);
  }

  // Last month's run: started by finance, drafted, confirmed, finalised as of its first day.
  const periodStart = firstOfMonth(1);
  const periodEnd = addDaysIso(firstOfMonth(0), -1);
  const queue = new InProcessQueue(
    owner,
    services.engine,
    new InvoiceRenderer(),
    services.mail,
    services.config,
    // Never started: nothing is queued through it (enqueue is overridden) and its workers never run.
    new JobQueue(owner, services.config),
  );
  const runs = new BillingRunsService(services.invoicingSettings, queue);
  const run = await as(finance, HELPDESK_IP, (ctx) => runs.start(ctx, { periodStart, periodEnd }));
  const runId = run.body.id;
  for (;;) {
    const next = await withTenant(owner, tenantId, (db) => services.engine.draftBatch(db, tenantId, runId));
    if (next?.step !== 'draft') break;
  }
  await as(finance, HELPDESK_IP, (ctx) => runs.finalise(ctx, runId));
  const issued: string[] = [];
  for (let after: string | undefined; ;) {
    const next = await withTenant(owner, tenantId, (db) =>
      services.engine.finaliseBatch(db, tenantId, runId, { after, issueDate: periodStart }),
    );
    if (!next) break;
    issued.push(...(next.issued ?? []));
    after = next.after;
  }
  await queue.render({ tenantId, invoiceIds: issued });

  // What came in, a few days after the due date or before it.
  for (const [i, s] of invoicing.subscriptions.entries()) {
    if (!s.paid) continue;
    const [invoice] = (await withTenant(owner, tenantId, (db) =>
      db.query(
        `SELECT id, number, gross_minor::int AS gross, due_date::text AS due FROM invoice
          WHERE tenant_id = $1 AND run_id = $2 AND subscription_id = $3`,
        [tenantId, runId, subscriptions.get(i)],
      ),
    )) as { id: string; number: string; gross: number; due: string }[];
    await as(finance, HELPDESK_IP, (ctx) =>
      services.invoices.pay(ctx, invoice.id, {
        amountMinor: s.paid === 'all' ? invoice.gross : (s.paid as number),
        paidOn: addDaysIso(invoice.due, -3),
        reference: invoice.number,
      }),
    );
  }
}

function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function authUser(u: User): AuthUser {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    kind: u.kind,
    accountId: u.accountId,
    accountRole: u.accountRole,
    staffRoles: u.staffRoles,
    preferredLanguage: null,
    timeZone: null,
    twoFactorEnabled: false,
  };
}

/**
 * Usage statistics (issue 18 §8) for the last 30 days before today, so the admin's dashboard has
 * figures on a first look: made-up daily counts per feature, some of them always below 5 (shown as
 * "< 5"). Added to what the seeding itself counted (sign-ups, a helpdesk request).
 */
async function seedUsageCounts(db: EntityManager, tenantId: string): Promise<void> {
  // SQL: per day and event a count that varies with the day of the year; small events stay below 5.
  await db.query(
    `INSERT INTO usage_count (tenant_id, day, feature, event, count)
     SELECT $1, d::date, f.feature, f.event, f.base + (extract(doy FROM d)::int * f.step) % f.spread
       FROM generate_series(current_date - 30, current_date - 1, interval '1 day') d
      CROSS JOIN (VALUES ('sign-in', 'password', 18, 7, 14), ('sign-in', 'google', 5, 3, 6),
                         ('sign-in', 'microsoft', 1, 1, 3), ('page-view', 'account', 30, 11, 25),
                         ('page-view', 'security', 5, 5, 7), ('page-view', 'newsletters', 6, 3, 8),
                         ('page-view', 'privacy', 5, 2, 6), ('page-view', 'finance', 8, 5, 9),
                         ('page-view', 'admin', 5, 3, 5), ('page-view', 'support', 5, 1, 4),
                         ('newsletters', 'subscribed', 1, 1, 3), ('invoices', 'pdf-downloaded', 4, 3, 6),
                         ('helpdesk', 'access-requested', 1, 1, 2))
                  AS f (feature, event, base, step, spread)
     ON CONFLICT (tenant_id, day, feature, event) DO UPDATE SET count = usage_count.count + EXCLUDED.count`,
    [tenantId],
  );
}

/** One customer of ContactMonkey that had itself erased: finance's lists show its kept records as restricted. */
const ERASED_DEMO: Record<string, { customerNumber: string; name: string; email: string; plan: string }> = {
  contactmonkey: {
    customerNumber: 'CT-20009',
    name: 'Northern Pixel Studio',
    email: 'jo@northernpixel.example',
    plan: 'Starter',
  },
};

/** The erasure's jobs are worked by the seed itself: nothing queued, no worker. */
class SeedPrivacyQueue extends PrivacyQueue {
  constructor(config: AppConfig) {
    super(undefined as never, config);
  }

  override handle(): void {
    return;
  }

  override async enqueue(): Promise<void> {
    return;
  }
}

/** The erasure's final mail is not sent either; the erasure keeps the one id it is given. */
class SeedErasureMail extends UnsentMail {
  override async queueFor(): Promise<string> {
    return randomUUID();
  }
}

/**
 * A person who was their account's only one asked for erasure on the privacy page three weeks ago;
 * the grace period ended and the erasure ran — through `ErasureService`, as the job does, so the
 * account is what a real erasure leaves (name "Erased", no address, `erased_at`, its subscription
 * ended) and finance's customer list marks it restricted.
 */
async function seedErasedAccount(
  owner: DataSource,
  tenantId: string,
  demo: DemoTenant,
  passwordHash: string,
  as: <T>(user: AuthUser, ip: string, work: (ctx: RequestContext) => Promise<T>) => Promise<T>,
  services: DemoServices,
): Promise<void> {
  const erased = ERASED_DEMO[demo.slug];
  if (!erased) return;
  const person = await withTenant(owner, tenantId, async (db) => {
    const account = await db.save(SubscriberAccount, {
      tenantId,
      customerNumber: erased.customerNumber,
      name: erased.name,
    });
    const row = await db.save(User, {
      tenantId,
      email: erased.email,
      displayName: erased.name,
      passwordHash,
      emailVerifiedAt: new Date(),
      kind: 'subscriber',
      accountId: account.id,
      accountRole: 'owner',
      staffRoles: [],
    });
    return authUser(row);
  });
  const finance = (await withTenant(owner, tenantId, (db) =>
    db.query(`SELECT id FROM app_user WHERE email = $1`, [demoStaffEmail(demo, 'finance')]),
  )) as { id: string }[];
  const plan = (await withTenant(owner, tenantId, (db) =>
    db.query(`SELECT id FROM plan WHERE name_nl = $1`, [erased.plan]),
  )) as { id: string }[];
  // A customer like the others (a subscription from finance), until the owner asked for erasure.
  if (finance[0] && plan[0]) {
    const financeUser = await withTenant(owner, tenantId, (db) => db.findOneByOrFail(User, { id: finance[0].id }));
    const start = `${todayIn(demo.invoicing.settings.timeZone).slice(0, 7)}-01`;
    await as(authUser(financeUser), HELPDESK_IP, (ctx) =>
      services.subscriptions.create(ctx, person.accountId as string, {
        planId: plan[0].id,
        quantity: 1,
        startDate: start,
        billingAnchor: start,
      }),
    );
  }
  const erasure = new ErasureService(
    owner,
    new SeedPrivacyQueue(services.config),
    new PrivacyRequests(),
    new SeedErasureMail(),
    services.sealer,
    services.config,
  );
  await as(person, SUBSCRIBER_IP, (ctx) => erasure.request(ctx));
  // The grace period is over: asked three weeks ago.
  const [request] = (await withTenant(owner, tenantId, (db) =>
    db.query(
      `UPDATE erasure_request SET requested_at = now() - interval '21 days', erase_after = now() - interval '7 days'
        WHERE user_id = $1 RETURNING id`,
      [person.id],
    ),
  )) as [{ id: string }[], number];
  await erasure.erase(tenantId, request[0].id);
}
