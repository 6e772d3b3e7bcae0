import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@mijn-account/api-core';
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
      // Plain SQL on the hot path: this runs on every page load (see tools/bench).
      const rows: { id: string; customer_number: string; name: string }[] = await db.query(
        `SELECT id, customer_number, name FROM subscriber_account WHERE tenant_id = $1 AND id = $2`,
        [ctx.tenant.id, user.accountId],
      );
      const row = rows[0];
      if (!row) throw new Error(`AccountsService.me: account ${user.accountId} of a signed-in user is missing`);
      account = { id: row.id, customerNumber: row.customer_number, name: row.name, role: user.accountRole };
    }
    return {
      user: {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        kind: user.kind,
        preferredLanguage: user.preferredLanguage,
        timeZone: user.timeZone,
        twoFactorEnabled: user.twoFactorEnabled,
      },
      account,
      staffRoles: user.staffRoles,
      session: { expiresAt: session.expiresAt.toISOString(), idleExpiresAt: session.idleExpiresAt.toISOString() },
    };
  }
}
