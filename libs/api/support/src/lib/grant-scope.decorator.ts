import { SetMetadata } from '@nestjs/common';
import type { AccessScope } from '@mijn-account/shared-contracts';

export const GRANT_SCOPE_METADATA = 'mijn-account:grant-scope';

/**
 * Marks a staff route that serves subscriber data: it answers only through GrantsService.access
 * with an active grant covering `scope`. The route-table test finds every such route by this mark
 * and checks each refuses an agent without a grant.
 */
export const GrantScope = (scope: AccessScope) => SetMetadata(GRANT_SCOPE_METADATA, scope);
