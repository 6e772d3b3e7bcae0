import type { MeResponse } from '@mijn-account/shared-contracts';

export interface NavLink {
  path: string;
  testId: string;
  /** Translation key of the link's text (the page's title). */
  title: string;
  /** Marked current only on this exact path (the home), not on the pages below it. */
  exact?: boolean;
  /** Whether this user gets the link (the API refuses the page's data to anyone else anyway). */
  shows: (me: MeResponse) => boolean;
}

export interface NavSection {
  /** Translation key of the section's label. */
  label: string;
  links: NavLink[];
}

const everyone = () => true;
const withAccount = (me: MeResponse) => me.account !== null;
const isStaff =
  (...roles: MeResponse['staffRoles']) =>
  (me: MeResponse) =>
    roles.some((r) => me.staffRoles.includes(r));

/** Every page of the portal, in menu order, grouped as the side navigation shows them. */
const SECTIONS: NavSection[] = [
  {
    label: 'nav.mine',
    links: [
      { path: '/account', testId: 'nav-home', title: 'nav.home', exact: true, shows: everyone },
      { path: '/account/profile', testId: 'nav-profile', title: 'profile.title', shows: everyone },
      { path: '/account/billing', testId: 'nav-billing', title: 'billing.title', shows: withAccount },
      { path: '/account/newsletters', testId: 'nav-newsletters', title: 'newsletters.title', shows: withAccount },
      { path: '/account/helpdesk-access', testId: 'nav-helpdesk', title: 'helpdesk.title', shows: withAccount },
      {
        path: '/account/members',
        testId: 'nav-members',
        title: 'members.title',
        shows: (me) => me.account?.role === 'owner',
      },
      { path: '/security', testId: 'nav-security', title: 'security.title', shows: everyone },
    ],
  },
  {
    label: 'nav.helpdesk',
    links: [
      {
        path: '/support',
        testId: 'nav-support',
        title: 'support.title',
        shows: isStaff('helpdesk-agent', 'helpdesk-supervisor'),
      },
    ],
  },
  {
    label: 'nav.admin',
    links: [
      { path: '/admin/staff', testId: 'nav-staff', title: 'admin.staff.title', shows: isStaff('tenant-admin') },
      {
        path: '/admin/sign-in',
        testId: 'nav-sign-in-settings',
        title: 'admin.signIn.title',
        shows: isStaff('tenant-admin'),
      },
      {
        path: '/admin/newsletters',
        testId: 'nav-admin-newsletters',
        title: 'admin.newsletters.title',
        shows: isStaff('tenant-admin'),
      },
      {
        path: '/admin/helpdesk-access',
        testId: 'nav-access-settings',
        title: 'admin.access.title',
        shows: isStaff('tenant-admin'),
      },
    ],
  },
];

/** The navigation this user gets: only the pages of their role, and no empty sections. */
export function navFor(me: MeResponse | null): NavSection[] {
  if (!me) return [];
  return SECTIONS.map((section) => ({ ...section, links: section.links.filter((link) => link.shows(me)) })).filter(
    (section) => section.links.length > 0,
  );
}
