import type { Routes } from '@angular/router';
import { PAGE_RULES, pageAccess } from '@mijn-account/web-core';

// Each page is its own lazy chunk (as in web-account): finance staff open one page at a time.
const dashboard = () =>
  import('./dashboard/finance-dashboard-page.component').then((m) => m.FinanceDashboardPageComponent);
const runs = () => import('./runs/billing-runs-page.component').then((m) => m.BillingRunsPageComponent);
const run = () => import('./runs/billing-run-page.component').then((m) => m.BillingRunPageComponent);
const invoices = () => import('./invoices/invoices-page.component').then((m) => m.InvoicesPageComponent);
const invoice = () => import('./invoices/invoice-page.component').then((m) => m.InvoicePageComponent);
const plans = () => import('./plans/plans-page.component').then((m) => m.PlansPageComponent);
const accounts = () => import('./accounts/finance-accounts-page.component').then((m) => m.FinanceAccountsPageComponent);
const account = () => import('./accounts/finance-account-page.component').then((m) => m.FinanceAccountPageComponent);

/** Finance staff (with two-factor on); anyone else gets the "not available for your role" page. */
const finance = [pageAccess(PAGE_RULES.finance)];

/** The finance pages, at /finance. */
export const financeRoutes: Routes = [
  { path: '', loadComponent: dashboard, canActivate: finance, title: 'finance.dashboard.title' },
  { path: 'runs', loadComponent: runs, canActivate: finance, title: 'finance.runs.title' },
  { path: 'runs/:runId', loadComponent: run, canActivate: finance, title: 'finance.runs.runTitle' },
  { path: 'invoices', loadComponent: invoices, canActivate: finance, title: 'finance.invoices.title' },
  { path: 'invoices/:invoiceId', loadComponent: invoice, canActivate: finance, title: 'finance.invoices.invoiceTitle' },
  { path: 'plans', loadComponent: plans, canActivate: [pageAccess(PAGE_RULES.plans)], title: 'finance.plans.title' },
  { path: 'accounts', loadComponent: accounts, canActivate: finance, title: 'finance.accounts.title' },
  { path: 'accounts/:accountId', loadComponent: account, canActivate: finance, title: 'finance.accounts.accountTitle' },
];
