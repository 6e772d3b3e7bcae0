import type { MeResponse } from '@mijn-account/shared-contracts';
import { navFor } from './nav';

const me = (account: MeResponse['account'], staffRoles: MeResponse['staffRoles'] = []): MeResponse => ({
  user: {
    id: 'u',
    email: 'u@example.com',
    displayName: 'U',
    kind: account ? 'subscriber' : 'staff',
    preferredLanguage: null,
  },
  account,
  staffRoles,
  session: { expiresAt: '', idleExpiresAt: '' },
});
const ids = (user: MeResponse | null) => navFor(user).flatMap((s) => s.links.map((l) => l.testId));
const account = (role: 'owner' | 'member') => ({ id: 'a', customerNumber: 'CM-1', name: 'A', role });

describe('navFor', () => {
  it('gives an owner the account pages, members included, and no staff pages', () => {
    expect(ids(me(account('owner')))).toEqual([
      'nav-home',
      'nav-profile',
      'nav-billing',
      'nav-subscription',
      'nav-invoices',
      'nav-newsletters',
      'nav-helpdesk',
      'nav-members',
      'nav-security',
      'nav-privacy',
    ]);
  });

  it('gives a member no members page', () => {
    expect(ids(me(account('member')))).not.toContain('nav-members');
  });

  it('gives staff their own sections only, and no account pages they have no account for', () => {
    expect(ids(me(null, ['helpdesk-agent']))).toEqual([
      'nav-home',
      'nav-profile',
      'nav-security',
      'nav-privacy',
      'nav-support',
    ]);
    expect(ids(me(null, ['tenant-admin']))).toEqual([
      'nav-home',
      'nav-profile',
      'nav-security',
      'nav-privacy',
      'nav-plans',
      'nav-staff',
      'nav-sign-in-settings',
      'nav-admin-newsletters',
      'nav-invoicing-settings',
      'nav-access-settings',
      'nav-statistics',
      'nav-privacy-requests',
      'nav-privacy-processing',
      'nav-privacy-disclosures',
      'nav-privacy-statements',
    ]);
    expect(navFor(me(null, ['finance'])).map((s) => s.label)).toEqual(['nav.mine', 'nav.finance']);
    expect(ids(me(null, ['finance']))).toEqual([
      'nav-home',
      'nav-profile',
      'nav-security',
      'nav-privacy',
      'nav-finance',
      'nav-billing-runs',
      'nav-finance-invoices',
      'nav-finance-accounts',
      'nav-plans',
    ]);
  });

  it('is empty when nobody is signed in', () => {
    expect(navFor(null)).toEqual([]);
  });
});
