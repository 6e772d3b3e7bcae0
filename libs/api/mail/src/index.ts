export * from './lib/mail.module';
export * from './lib/mail.service';
export * from './lib/templates';
export * from './lib/entities';
