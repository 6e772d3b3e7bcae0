export * from './lib/newsletters.module';
