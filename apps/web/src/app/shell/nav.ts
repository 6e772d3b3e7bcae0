import type { MeResponse } from '@mijn-account/shared-contracts';
import { PAGE_RULES, type PageRule, allows } from '@mijn-account/web-core';

export interface NavLink {
  path: string;
  testId: string;
  /** Translation key of the link's text (the page's title). */
  title: string;
  /** Marked current only on this exact path (the home), not on the pages below it. */
  exact?: boolean;
  /** Who gets the link: the rule the page's route guard applies too (and the API behind it). */
  rule: PageRule;
}

export interface NavSection {
  /** Translation key of the section's label. */
  label: string;
  links: NavLink[];
}

/** Every page of the portal, in menu order, grouped as the side navigation shows them. */
const SECTIONS: NavSection[] = [
  {
    label: 'nav.mine',
    links: [
      { path: '/account', testId: 'nav-home', title: 'nav.home', exact: true, rule: PAGE_RULES.everyone },
      { path: '/account/profile', testId: 'nav-profile', title: 'profile.title', rule: PAGE_RULES.everyone },
      { path: '/account/billing', testId: 'nav-billing', title: 'billing.title', rule: PAGE_RULES.account },
      {
        path: '/account/subscription',
        testId: 'nav-subscription',
        title: 'subscription.title',
        rule: PAGE_RULES.account,
      },
      { path: '/account/invoices', testId: 'nav-invoices', title: 'myInvoices.title', rule: PAGE_RULES.account },
      { path: '/account/newsletters', testId: 'nav-newsletters', title: 'newsletters.title', rule: PAGE_RULES.account },
      { path: '/account/helpdesk-access', testId: 'nav-helpdesk', title: 'helpdesk.title', rule: PAGE_RULES.account },
      {
        path: '/account/members',
        testId: 'nav-members',
        title: 'members.title',
        rule: PAGE_RULES.owner,
      },
      { path: '/security', testId: 'nav-security', title: 'security.title', rule: PAGE_RULES.everyone },
      { path: '/privacy', testId: 'nav-privacy', title: 'privacy.title', rule: PAGE_RULES.everyone },
    ],
  },
  {
    label: 'nav.helpdesk',
    links: [
      {
        path: '/support',
        testId: 'nav-support',
        title: 'support.title',
        rule: PAGE_RULES.helpdesk,
      },
    ],
  },
  {
    label: 'nav.finance',
    links: [
      {
        path: '/finance',
        testId: 'nav-finance',
        title: 'finance.dashboard.title',
        exact: true,
        rule: PAGE_RULES.finance,
      },
      { path: '/finance/runs', testId: 'nav-billing-runs', title: 'finance.runs.title', rule: PAGE_RULES.finance },
      {
        path: '/finance/invoices',
        testId: 'nav-finance-invoices',
        title: 'finance.invoices.title',
        rule: PAGE_RULES.finance,
      },
      {
        path: '/finance/accounts',
        testId: 'nav-finance-accounts',
        title: 'finance.accounts.title',
        rule: PAGE_RULES.finance,
      },
      { path: '/finance/plans', testId: 'nav-plans', title: 'finance.plans.title', rule: PAGE_RULES.plans },
    ],
  },
  {
    label: 'nav.admin',
    links: [
      { path: '/admin/staff', testId: 'nav-staff', title: 'admin.staff.title', rule: PAGE_RULES.admin },
      {
        path: '/admin/sign-in',
        testId: 'nav-sign-in-settings',
        title: 'admin.signIn.title',
        rule: PAGE_RULES.admin,
      },
      {
        path: '/admin/newsletters',
        testId: 'nav-admin-newsletters',
        title: 'admin.newsletters.title',
        rule: PAGE_RULES.admin,
      },
      {
        path: '/admin/invoicing',
        testId: 'nav-invoicing-settings',
        title: 'admin.invoicing.title',
        rule: PAGE_RULES.admin,
      },
      {
        path: '/admin/helpdesk-access',
        testId: 'nav-access-settings',
        title: 'admin.access.title',
        rule: PAGE_RULES.admin,
      },
      { path: '/admin/statistics', testId: 'nav-statistics', title: 'admin.statistics.title', rule: PAGE_RULES.admin },
    ],
  },
  {
    label: 'nav.privacyAdmin',
    links: [
      {
        path: '/admin/privacy/requests',
        testId: 'nav-privacy-requests',
        title: 'admin.privacy.requests.title',
        rule: PAGE_RULES.admin,
      },
      {
        path: '/admin/privacy/processing',
        testId: 'nav-privacy-processing',
        title: 'admin.privacy.processing.title',
        rule: PAGE_RULES.admin,
      },
      {
        path: '/admin/privacy/disclosures',
        testId: 'nav-privacy-disclosures',
        title: 'admin.privacy.disclosures.title',
        rule: PAGE_RULES.admin,
      },
      {
        path: '/admin/privacy/statements',
        testId: 'nav-privacy-statements',
        title: 'admin.privacy.statements.title',
        rule: PAGE_RULES.admin,
      },
    ],
  },
];

/** The navigation this user gets: only the pages of their role, and no empty sections. */
export function navFor(me: MeResponse | null): NavSection[] {
  if (!me) return [];
  return SECTIONS.map((section) => ({
    ...section,
    links: section.links.filter((link) => allows(me, link.rule)),
  })).filter((section) => section.links.length > 0);
}
