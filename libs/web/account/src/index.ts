export * from './lib/account.routes';
export * from './lib/billing-form.component';
export * from './lib/invoice-list.component';
