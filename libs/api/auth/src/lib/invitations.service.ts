import { Injectable } from '@nestjs/common';
import { type RequestContext, problems } from '@mijn-account/api-core';
import { MailService } from '@mijn-account/api-mail';
import { type AccountRole, PAGES, type StaffRole } from '@mijn-account/shared-contracts';
import { ActionTokens } from './action-tokens';
import { SessionService } from './session.service';

const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

export type Invitee =
  | { kind: 'staff'; email: string; displayName: string; staffRoles: StaffRole[] }
  | { kind: 'subscriber'; email: string; displayName: string; accountId: string; accountRole: AccountRole };

/**
 * Invitations for staff (by a tenant admin) and for members of a subscriber account (by its owner):
 * the user exists at once without a password, and becomes usable when the invitee chooses one
 * through the mailed link. Disabling ends every session immediately.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly tokens: ActionTokens,
    private readonly mail: MailService,
    private readonly sessions: SessionService,
  ) {}

  async invite(ctx: RequestContext, invitee: Invitee): Promise<string> {
    const inviter = ctx.requireUser();
    const email = invitee.email.trim().toLowerCase();
    const db = await ctx.db();
    const taken: unknown[] = await db.query(`SELECT 1 FROM app_user WHERE tenant_id = $1 AND email = $2`, [ctx.tenant.id, email]);
    if (taken.length > 0) {
      throw problems.conflict('Someone on this portal already uses this e-mail address', [
        { field: 'email', code: 'taken', message: 'Someone on this portal already uses this e-mail address' },
      ]);
    }
    const rows: { id: string }[] = await db.query(
      `INSERT INTO app_user (tenant_id, email, display_name, kind, account_id, account_role, staff_roles, invited_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING id`,
      [
        ctx.tenant.id,
        email,
        invitee.displayName.trim(),
        invitee.kind,
        invitee.kind === 'subscriber' ? invitee.accountId : null,
        invitee.kind === 'subscriber' ? invitee.accountRole : null,
        invitee.kind === 'staff' ? invitee.staffRoles : [],
      ],
    );
    const id = rows[0].id;
    const token = await this.tokens.issue(ctx, 'invitation', { userId: id, ttlMs: INVITATION_TTL_MS });
    await this.mail.send(ctx, {
      to: email,
      template: 'invitation',
      params: {
        link: `${ctx.origin}${PAGES.invitation}?token=${token}`,
        invitedBy: inviter.displayName,
        as: invitee.kind === 'staff' ? invitee.staffRoles.join(', ') : invitee.accountRole,
      },
    });
    return id;
  }

  /** Disables a user and ends their sessions; their next request is refused. */
  async setDisabled(ctx: RequestContext, userId: string, disabled: boolean): Promise<void> {
    const db = await ctx.db();
    await db.query(`UPDATE app_user SET disabled_at = CASE WHEN $3 THEN now() ELSE NULL END, version = version + 1 WHERE tenant_id = $1 AND id = $2`, [
      ctx.tenant.id,
      userId,
      disabled,
    ]);
    if (disabled) await this.sessions.endAllOf(db, ctx.tenant.id, userId);
  }
}
