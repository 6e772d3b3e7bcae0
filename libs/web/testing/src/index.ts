export * from './lib/settle';
export * from './lib/transloco';
