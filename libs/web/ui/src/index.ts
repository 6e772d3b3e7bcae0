export * from './lib/language-switch.component';
