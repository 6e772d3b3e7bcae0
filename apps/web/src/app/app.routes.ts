import type { Route } from '@angular/router';

/** Each feature is a lazily loaded library. */
export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'account' },
  { path: 'sign-in', loadChildren: () => import('@mijn-account/web-auth').then((m) => m.authRoutes) },
  { path: 'account', loadChildren: () => import('@mijn-account/web-account').then((m) => m.accountRoutes) },
  { path: '**', redirectTo: 'account' },
];
