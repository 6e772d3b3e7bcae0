export * from './lib/audit.module';
export * from './lib/audit-writer.service';
export * from './lib/audit-sealer.service';
export * from './lib/audit-reader.service';
export * from './lib/audit-jobs';
export * from './lib/audit-hash';
export * from './lib/audit-signer';
export * from './lib/entities';
