export * from './lib/accounts.module';
