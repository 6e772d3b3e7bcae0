export * from './lib/support.module';
export * from './lib/grants.service';
export * from './lib/grant-gate.service';
export * from './lib/entities';
