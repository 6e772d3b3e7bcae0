export * from './lib/finance.routes';
