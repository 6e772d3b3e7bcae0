export * from './lib/privacy.routes';
export * from './lib/statements/statement-banner.component';
