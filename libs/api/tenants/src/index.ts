export * from './lib/tenants.module';
export * from './lib/create-tenant';
export * from './lib/entities';
