import type { Routes } from '@angular/router';
import { PAGE_RULES, pageAccess, signedInGuard } from '@mijn-account/web-core';

// Each page is its own lazy chunk: the home does not download the forms, selects and toggles of the
// pages behind it, and a phone pays only for the page it opens.
const home = () => import('./account-home-page.component').then((m) => m.AccountHomePageComponent);
const profile = () => import('./profile-page.component').then((m) => m.ProfilePageComponent);
const billing = () => import('./billing-page.component').then((m) => m.BillingPageComponent);
const helpdeskAccess = () => import('./helpdesk-access-page.component').then((m) => m.HelpdeskAccessPageComponent);
const members = () => import('./members-page.component').then((m) => m.MembersPageComponent);
const newsletters = () => import('./newsletters-page.component').then((m) => m.NewslettersPageComponent);
const unsubscribe = () =>
  import('./newsletter-unsubscribe-page.component').then((m) => m.NewsletterUnsubscribePageComponent);
const subscription = () => import('./subscription-page.component').then((m) => m.SubscriptionPageComponent);
const invoices = () => import('./invoices-page.component').then((m) => m.MyInvoicesPageComponent);
const security = () => import('./security-page.component').then((m) => m.SecurityPageComponent);

export const accountRoutes: Routes = [
  { path: '', loadComponent: home, canActivate: [signedInGuard], title: 'account.title' },
  { path: 'profile', loadComponent: profile, canActivate: [signedInGuard], title: 'profile.title' },
  // Pages of a role: the guard shows the "not available for your role" page to anyone else.
  { path: 'billing', loadComponent: billing, canActivate: [pageAccess(PAGE_RULES.account)], title: 'billing.title' },
  {
    path: 'helpdesk-access',
    loadComponent: helpdeskAccess,
    canActivate: [pageAccess(PAGE_RULES.account)],
    title: 'helpdesk.title',
  },
  {
    path: 'subscription',
    loadComponent: subscription,
    canActivate: [pageAccess(PAGE_RULES.account)],
    title: 'subscription.title',
  },
  {
    path: 'invoices',
    loadComponent: invoices,
    canActivate: [pageAccess(PAGE_RULES.account)],
    title: 'myInvoices.title',
  },
  { path: 'members', loadComponent: members, canActivate: [pageAccess(PAGE_RULES.owner)], title: 'members.title' },
  {
    path: 'newsletters',
    loadComponent: newsletters,
    canActivate: [pageAccess(PAGE_RULES.account)],
    data: { mode: 'signed-in' },
    title: 'newsletters.title',
  },
];

/** Every signed-in user's security page, at /security (the path e-mails link to). */
export const securityRoutes: Routes = [
  { path: '', loadComponent: security, canActivate: [signedInGuard], title: 'security.title' },
];

/** The newsletter pages mails link to; no sign-in needed (PAGES.newsletterManage / newsletterConfirm / newsletterUnsubscribe). */
export const newsletterLinkRoutes: Routes = [
  { path: 'manage', loadComponent: newsletters, data: { mode: 'link' }, title: 'newsletters.title' },
  { path: 'confirm', loadComponent: newsletters, data: { mode: 'confirm' }, title: 'newsletters.confirmTitle' },
  { path: 'unsubscribe', loadComponent: unsubscribe, title: 'newsletters.unsubscribe.title' },
];
