import type { Route } from '@angular/router';

/** Each feature is a lazily loaded library. */
export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'account' },
  { path: 'account', loadChildren: () => import('@mijn-account/web-account').then((m) => m.accountRoutes) },
  { path: 'security', loadChildren: () => import('@mijn-account/web-account').then((m) => m.securityRoutes) },
  { path: 'newsletters', loadChildren: () => import('@mijn-account/web-account').then((m) => m.newsletterLinkRoutes) },
  { path: 'support', loadChildren: () => import('@mijn-account/web-admin').then((m) => m.supportRoutes) },
  { path: 'admin', loadChildren: () => import('@mijn-account/web-admin').then((m) => m.adminRoutes) },
  { path: '', loadChildren: () => import('@mijn-account/web-auth').then((m) => m.authRoutes) },
  { path: '**', redirectTo: 'account' },
];
