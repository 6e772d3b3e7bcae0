export * from './lib/test-database';
export * from './lib/fixtures';
export * from './lib/http-client';
export * from './lib/routes';
export * from './lib/mailbox';
export * from './lib/oidc-provider';
export * from './lib/dto-arbitraries';
