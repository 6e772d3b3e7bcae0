export * from './lib/language-switch.component';
export * from './lib/conflict-notice.component';
export * from './lib/step-up-prompt.component';
export * from './lib/page-styles';
export * from './lib/problem-alert.component';
export * from './lib/confirm-dialog.component';
export * from './lib/recovery-code-actions.component';
