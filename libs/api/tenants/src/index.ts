export * from './lib/tenants.module';
export * from './lib/create-tenant';
