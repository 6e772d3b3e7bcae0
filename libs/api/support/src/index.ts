export * from './lib/support.module';
export * from './lib/grant-scope.decorator';
