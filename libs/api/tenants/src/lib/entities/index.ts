import { Tenant } from './tenant.entity';
import { TenantHost } from './tenant-host.entity';

export { Tenant, TenantHost };
/** The entities of the tenants library's tables. */
export const TENANTS_ENTITIES = [Tenant, TenantHost];
