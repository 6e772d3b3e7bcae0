import type { CanMatchFn, Route } from '@angular/router';
import { FORBIDDEN_PATH, signedInGuard } from '@mijn-account/web-core';
import { PublicLayoutComponent } from './public-layout.component';

/** First path segments of the pages anyone may open: sign-in and sign-up, and the pages mails link to. */
const PUBLIC_SECTIONS = [
  'sign-in',
  'sign-up',
  'password-reset',
  'invitation',
  'email-change',
  'newsletters',
  'cookies',
  'privacy-statement',
];
const publicPage: CanMatchFn = (_route, segments) => PUBLIC_SECTIONS.includes(segments[0]?.path ?? '');

/**
 * Each feature is a lazily loaded library. Public pages sit in the plain layout; every other path
 * is a signed-in page inside the shell (its own lazy chunk), where an unknown path is a not-found
 * page of the portal, not a silent redirect.
 */
export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'account' },
  {
    path: '',
    component: PublicLayoutComponent,
    canMatch: [publicPage],
    children: [
      {
        path: 'newsletters',
        loadChildren: () => import('@mijn-account/web-account').then((m) => m.newsletterLinkRoutes),
      },
      { path: 'cookies', loadChildren: () => import('@mijn-account/web-privacy').then((m) => m.cookiesRoutes) },
      {
        path: 'privacy-statement',
        loadChildren: () => import('@mijn-account/web-privacy').then((m) => m.privacyStatementRoutes),
      },
      { path: '', loadChildren: () => import('@mijn-account/web-auth').then((m) => m.authRoutes) },
    ],
  },
  {
    path: '',
    loadComponent: () => import('./shell/app-shell.component').then((m) => m.AppShellComponent),
    canActivate: [signedInGuard],
    children: [
      { path: 'account', loadChildren: () => import('@mijn-account/web-account').then((m) => m.accountRoutes) },
      { path: 'security', loadChildren: () => import('@mijn-account/web-account').then((m) => m.securityRoutes) },
      { path: 'support', loadChildren: () => import('@mijn-account/web-admin').then((m) => m.supportRoutes) },
      { path: 'finance', loadChildren: () => import('@mijn-account/web-finance').then((m) => m.financeRoutes) },
      { path: 'privacy', loadChildren: () => import('@mijn-account/web-privacy').then((m) => m.privacyRoutes) },
      {
        path: 'admin/privacy',
        loadChildren: () => import('@mijn-account/web-privacy').then((m) => m.privacyAdminRoutes),
      },
      {
        path: 'admin/statistics',
        loadChildren: () => import('@mijn-account/web-privacy').then((m) => m.statisticsRoutes),
      },
      { path: 'admin', loadChildren: () => import('@mijn-account/web-admin').then((m) => m.adminRoutes) },
      // Shown by the pageAccess guard in place of a page the user's role does not reach.
      {
        path: FORBIDDEN_PATH.slice(1),
        loadComponent: () => import('./forbidden-page.component').then((m) => m.ForbiddenPageComponent),
        title: 'forbidden.title',
      },
      {
        path: '**',
        loadComponent: () => import('./not-found-page.component').then((m) => m.NotFoundPageComponent),
        title: 'notFound.title',
      },
    ],
  },
];
