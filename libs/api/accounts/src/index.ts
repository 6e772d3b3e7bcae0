export * from './lib/accounts.module';
export * from './lib/billing.service';
export { withEtag as billingWithEtag } from './lib/billing.controller';
export { BillingDto } from './lib/dto/billing.dto';
export * from './lib/profile.service';
export * from './lib/change-history.service';
export * from './lib/entities';
