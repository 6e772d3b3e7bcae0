export * from './lib/audit.module';
export * from './lib/audit-log.service';
export * from './lib/audit-jobs';
export * from './lib/audit-hash';
export * from './lib/audit-verify';
export * from './lib/audit-signer';
