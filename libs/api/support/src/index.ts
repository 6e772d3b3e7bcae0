export * from './lib/support.module';
