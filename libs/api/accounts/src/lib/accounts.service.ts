import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@mijn-account/api-core';
import { SubscriberAccount } from '@mijn-account/api-database';
import type { MeResponse } from '@mijn-account/shared-contracts';

@Injectable()
export class AccountsService {
  async me(ctx: RequestContext): Promise<MeResponse> {
    const user = ctx.requireUser();
    const session = ctx.session;
    if (!session) throw new Error('AccountsService.me: signed-in user without a session');
    const db = await ctx.db();
    let account: MeResponse['account'] = null;
    if (user.accountId && user.accountRole) {
      const row = await db.findOneByOrFail(SubscriberAccount, { tenantId: ctx.tenant.id, id: user.accountId });
      account = { id: row.id, customerNumber: row.customerNumber, name: row.name, role: user.accountRole };
    }
    return {
      user: { id: user.id, email: user.email, displayName: user.displayName, kind: user.kind, preferredLanguage: user.preferredLanguage },
      account,
      staffRoles: user.staffRoles,
      session: { expiresAt: session.expiresAt.toISOString(), idleExpiresAt: session.idleExpiresAt.toISOString() },
    };
  }
}
