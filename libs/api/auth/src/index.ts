export * from './lib/auth.module';
export * from './lib/password-hasher';
export * from './lib/session.service';
export * from './lib/csrf';
