export * from './lib/language-switch.component';
export * from './lib/conflict-notice.component';
