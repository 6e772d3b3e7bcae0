import type { Routes } from '@angular/router';
import { PAGE_RULES, pageAccess } from '@mijn-account/web-core';
import { AccessSettingsPageComponent } from './access-settings-page.component';
import { InvoicingSettingsPageComponent } from './invoicing-settings-page.component';
import { NewslettersAdminPageComponent } from './newsletters-admin-page.component';
import { SignInSettingsPageComponent } from './sign-in-settings-page.component';
import { StaffPageComponent } from './staff-page.component';
import { SupportConsolePageComponent } from './support-console-page.component';

/** The helpdesk console, at /support (agents and supervisors, with two-factor on). */
export const supportRoutes: Routes = [
  {
    path: '',
    component: SupportConsolePageComponent,
    canActivate: [pageAccess(PAGE_RULES.helpdesk)],
    title: 'support.title',
  },
];

/** Tenant admins only (with two-factor on); anyone else gets the "not available for your role" page. */
const admin = [pageAccess(PAGE_RULES.admin)];

export const adminRoutes: Routes = [
  { path: 'staff', component: StaffPageComponent, canActivate: admin, title: 'admin.staff.title' },
  {
    path: 'newsletters',
    component: NewslettersAdminPageComponent,
    canActivate: admin,
    title: 'admin.newsletters.title',
  },
  {
    path: 'sign-in',
    component: SignInSettingsPageComponent,
    canActivate: admin,
    title: 'admin.signIn.title',
  },
  {
    path: 'invoicing',
    component: InvoicingSettingsPageComponent,
    canActivate: admin,
    title: 'admin.invoicing.title',
  },
  {
    path: 'helpdesk-access',
    component: AccessSettingsPageComponent,
    canActivate: admin,
    title: 'admin.access.title',
  },
];
