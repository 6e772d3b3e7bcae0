export * from './lib/api-paths';
export * from './lib/problem';
export * from './lib/tenant.store';
export * from './lib/session.store';
export * from './lib/language.service';
export * from './lib/i18n';
export * from './lib/session.guard';
