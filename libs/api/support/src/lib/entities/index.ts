import { AccessGrant } from './access-grant.entity';
import { TenantAccessSettings } from './tenant-access-settings.entity';

export { AccessGrant, TenantAccessSettings };
/** The entities of the support library's tables. */
export const SUPPORT_ENTITIES = [AccessGrant, TenantAccessSettings];
