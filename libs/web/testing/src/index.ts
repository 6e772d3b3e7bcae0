export * from './lib/settle';
