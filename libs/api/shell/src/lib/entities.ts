import { ACCOUNTS_ENTITIES } from '@mijn-account/api-accounts';
import { AUDIT_ENTITIES } from '@mijn-account/api-audit';
import { AUTH_ENTITIES } from '@mijn-account/api-auth';
import { BILLING_ENTITIES } from '@mijn-account/api-billing';
import { MAIL_ENTITIES } from '@mijn-account/api-mail';
import { NEWSLETTERS_ENTITIES } from '@mijn-account/api-newsletters';
import { PRIVACY_ENTITIES } from '@mijn-account/api-privacy';
import { STATISTICS_ENTITIES } from '@mijn-account/api-statistics';
import { SUPPORT_ENTITIES } from '@mijn-account/api-support';
import { TENANTS_ENTITIES } from '@mijn-account/api-tenants';

/**
 * Every table's entity, from the library of the domain that owns it: the runtime data source
 * (`TypeOrmModule` in `app.module.ts`), the command line and the schema-drift check
 * (`schema-drift.int-spec.ts`) map them all. Relations name their target by class name, so the
 * libraries need not import each other for a foreign key.
 */
export const ENTITIES = [
  ...TENANTS_ENTITIES,
  ...ACCOUNTS_ENTITIES,
  ...AUTH_ENTITIES,
  ...MAIL_ENTITIES,
  ...NEWSLETTERS_ENTITIES,
  ...AUDIT_ENTITIES,
  ...SUPPORT_ENTITIES,
  ...BILLING_ENTITIES,
  ...PRIVACY_ENTITIES,
  ...STATISTICS_ENTITIES,
];
