import type { Routes } from '@angular/router';
import { signedInGuard } from '@mijn-account/web-core';
import { AccountHomePageComponent } from './account-home-page.component';
import { MembersPageComponent } from './members-page.component';
import { SecurityPageComponent } from './security-page.component';

export const accountRoutes: Routes = [
  { path: '', component: AccountHomePageComponent, canActivate: [signedInGuard], title: 'account.title' },
  { path: 'members', component: MembersPageComponent, canActivate: [signedInGuard], title: 'members.title' },
];

/** Every signed-in user's security page, at /security (the path e-mails link to). */
export const securityRoutes: Routes = [{ path: '', component: SecurityPageComponent, canActivate: [signedInGuard], title: 'security.title' }];
