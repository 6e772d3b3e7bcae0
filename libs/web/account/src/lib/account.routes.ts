import type { Routes } from '@angular/router';
import { signedInGuard } from '@mijn-account/web-core';
import { AccountHomePageComponent } from './account-home-page.component';
import { BillingPageComponent } from './billing-page.component';
import { HelpdeskAccessPageComponent } from './helpdesk-access-page.component';
import { MembersPageComponent } from './members-page.component';
import { NewsletterUnsubscribePageComponent } from './newsletter-unsubscribe-page.component';
import { NewslettersPageComponent } from './newsletters-page.component';
import { ProfilePageComponent } from './profile-page.component';
import { SecurityPageComponent } from './security-page.component';

export const accountRoutes: Routes = [
  { path: '', component: AccountHomePageComponent, canActivate: [signedInGuard], title: 'account.title' },
  { path: 'profile', component: ProfilePageComponent, canActivate: [signedInGuard], title: 'profile.title' },
  { path: 'billing', component: BillingPageComponent, canActivate: [signedInGuard], title: 'billing.title' },
  { path: 'helpdesk-access', component: HelpdeskAccessPageComponent, canActivate: [signedInGuard], title: 'helpdesk.title' },
  { path: 'members', component: MembersPageComponent, canActivate: [signedInGuard], title: 'members.title' },
  { path: 'newsletters', component: NewslettersPageComponent, canActivate: [signedInGuard], data: { mode: 'signed-in' }, title: 'newsletters.title' },
];

/** Every signed-in user's security page, at /security (the path e-mails link to). */
export const securityRoutes: Routes = [{ path: '', component: SecurityPageComponent, canActivate: [signedInGuard], title: 'security.title' }];

/** The newsletter pages mails link to; no sign-in needed (PAGES.newsletterManage / newsletterConfirm / newsletterUnsubscribe). */
export const newsletterLinkRoutes: Routes = [
  { path: 'manage', component: NewslettersPageComponent, data: { mode: 'link' }, title: 'newsletters.title' },
  { path: 'confirm', component: NewslettersPageComponent, data: { mode: 'confirm' }, title: 'newsletters.confirmTitle' },
  { path: 'unsubscribe', component: NewsletterUnsubscribePageComponent, title: 'newsletters.unsubscribe.title' },
];
