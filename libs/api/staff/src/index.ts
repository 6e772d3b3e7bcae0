export * from './lib/staff.module';
