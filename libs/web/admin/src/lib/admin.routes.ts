import type { Routes } from '@angular/router';
import { signedInGuard } from '@mijn-account/web-core';
import { AccessSettingsPageComponent } from './access-settings-page.component';
import { NewslettersAdminPageComponent } from './newsletters-admin-page.component';
import { SignInSettingsPageComponent } from './sign-in-settings-page.component';
import { StaffPageComponent } from './staff-page.component';
import { SupportConsolePageComponent } from './support-console-page.component';

/** The helpdesk console, at /support. */
export const supportRoutes: Routes = [
  { path: '', component: SupportConsolePageComponent, canActivate: [signedInGuard], title: 'support.title' },
];

export const adminRoutes: Routes = [
  { path: 'staff', component: StaffPageComponent, canActivate: [signedInGuard], title: 'admin.staff.title' },
  {
    path: 'newsletters',
    component: NewslettersAdminPageComponent,
    canActivate: [signedInGuard],
    title: 'admin.newsletters.title',
  },
  {
    path: 'sign-in',
    component: SignInSettingsPageComponent,
    canActivate: [signedInGuard],
    title: 'admin.signIn.title',
  },
  {
    path: 'helpdesk-access',
    component: AccessSettingsPageComponent,
    canActivate: [signedInGuard],
    title: 'admin.access.title',
  },
];
