export * from './lib/account.routes';
export * from './lib/billing-form.component';
