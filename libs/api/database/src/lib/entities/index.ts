import { SubscriberAccount } from './subscriber-account.entity';
import { TenantHost } from './tenant-host.entity';
import { Tenant } from './tenant.entity';
import { UserSession } from './user-session.entity';
import { User } from './user.entity';

export { SubscriberAccount, Tenant, TenantHost, User, UserSession };
export const ENTITIES = [Tenant, TenantHost, SubscriberAccount, User, UserSession];
