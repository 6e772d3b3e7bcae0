export * from './lib/support.module';
export * from './lib/grants.service';
