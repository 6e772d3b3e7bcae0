import type { Routes } from '@angular/router';
import { PAGE_RULES, pageAccess } from '@mijn-account/web-core';

// Each page is its own lazy chunk (as in web-account and web-finance).
const overview = () => import('./overview/privacy-page.component').then((m) => m.PrivacyPageComponent);
const exportPage = () => import('./export/privacy-export-page.component').then((m) => m.PrivacyExportPageComponent);
const erasure = () => import('./erasure/erasure-page.component').then((m) => m.ErasurePageComponent);
const restriction = () => import('./restriction/restriction-page.component').then((m) => m.RestrictionPageComponent);
const myRequests = () =>
  import('./requests/my-privacy-requests-page.component').then((m) => m.MyPrivacyRequestsPageComponent);
const adminRequests = () =>
  import('./requests/privacy-requests-admin-page.component').then((m) => m.PrivacyRequestsAdminPageComponent);
const processing = () =>
  import('./processing/processing-record-page.component').then((m) => m.ProcessingRecordPageComponent);
const disclosures = () => import('./disclosures/disclosures-page.component').then((m) => m.DisclosuresPageComponent);
const statements = () =>
  import('./statements/statements-admin-page.component').then((m) => m.StatementsAdminPageComponent);
const statement = () =>
  import('./statements/privacy-statement-page.component').then((m) => m.PrivacyStatementPageComponent);
const cookies = () => import('./cookies/cookies-page.component').then((m) => m.CookiesPageComponent);
const statistics = () => import('./statistics/statistics-page.component').then((m) => m.StatisticsPageComponent);

const admin = [pageAccess(PAGE_RULES.admin)];

/** Every signed-in user's privacy pages, at /privacy: what is held and why, and one action per right. */
export const privacyRoutes: Routes = [
  { path: '', loadComponent: overview, title: 'privacy.title' },
  { path: 'export', loadComponent: exportPage, title: 'privacy.export.title' },
  { path: 'erasure', loadComponent: erasure, title: 'privacy.erasure.title' },
  { path: 'restriction', loadComponent: restriction, title: 'privacy.restriction.title' },
  { path: 'requests', loadComponent: myRequests, title: 'privacy.requests.title' },
];

/** The tenant admin's privacy pages, at /admin/privacy. */
export const privacyAdminRoutes: Routes = [
  { path: 'requests', loadComponent: adminRequests, canActivate: admin, title: 'admin.privacy.requests.title' },
  { path: 'processing', loadComponent: processing, canActivate: admin, title: 'admin.privacy.processing.title' },
  { path: 'disclosures', loadComponent: disclosures, canActivate: admin, title: 'admin.privacy.disclosures.title' },
  { path: 'statements', loadComponent: statements, canActivate: admin, title: 'admin.privacy.statements.title' },
];

/** The tenant admin's usage statistics (no relation to any person), at /admin/statistics. */
export const statisticsRoutes: Routes = [
  { path: '', loadComponent: statistics, canActivate: admin, title: 'admin.statistics.title' },
];

/** Public pages anyone may read, signed in or not: the privacy statement and the cookie declaration. */
export const privacyStatementRoutes: Routes = [{ path: '', loadComponent: statement, title: 'privacyStatement.title' }];
export const cookiesRoutes: Routes = [{ path: '', loadComponent: cookies, title: 'cookies.title' }];
