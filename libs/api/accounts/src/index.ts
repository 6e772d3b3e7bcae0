export * from './lib/accounts.module';
export * from './lib/billing.service';
export { checkRegistration, checkTaxId } from './lib/company-ids';
export { BillingDto } from './lib/dto/billing.dto';
export * from './lib/profile.service';
export * from './lib/change-history.service';
export * from './lib/entities';
