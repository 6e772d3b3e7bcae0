export * from './lib/roles';
export * from './lib/api';
export * from './lib/codes';
export * from './lib/problem-key';
export * from './lib/uuid';
export * from './lib/address';
export * from './lib/billing';
export * from './lib/second-factor';
