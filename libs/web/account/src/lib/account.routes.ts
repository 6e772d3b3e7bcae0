import type { Routes } from '@angular/router';
import { signedInGuard } from '@mijn-account/web-core';
import { AccountHomePageComponent } from './account-home-page.component';

export const accountRoutes: Routes = [
  { path: '', component: AccountHomePageComponent, canActivate: [signedInGuard], title: 'account.title' },
];
