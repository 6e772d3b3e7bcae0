export * from './lib/entities';
export { MIGRATIONS } from './lib/migrations';
export * from './lib/tenant-transaction';
export * from './lib/data-source';
export * from './lib/roles';
export * from './lib/embedded-postgres';
export * from './lib/database.module';
