export * from './lib/newsletters.module';
export * from './lib/newsletters.service';
export * from './lib/newsletter-tokens';
export * from './lib/entities';
