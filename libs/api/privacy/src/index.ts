export * from './lib/privacy.module';
export * from './lib/entities';
export * from './lib/privacy.queue';
export * from './lib/requests/deadline';
export * from './lib/requests/privacy-request.entity';
export * from './lib/requests/privacy-requests.service';
export * from './lib/settings/privacy-settings.entity';
