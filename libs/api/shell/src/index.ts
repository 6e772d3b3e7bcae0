export * from './lib/app.module';
export * from './lib/create-app';
export * from './lib/entities';
export * from './lib/platform/database-setup';
export * from './lib/platform/demo-data';
export * from './lib/platform/local-mailbox';
export * from './lib/create-worker';
