export * from './lib/auth.module';
export * from './lib/password-hasher';
