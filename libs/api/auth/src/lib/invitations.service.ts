import { Injectable } from '@nestjs/common';
import { Raw } from 'typeorm';
import { type RequestContext, problems } from '@mijn-account/api-core';
import { MailService } from '@mijn-account/api-mail';
import { type AccountRole, type InvitationPreview, PAGES, type StaffRole } from '@mijn-account/shared-contracts';
import { ActionTokens } from './action-tokens';
import { Invitation } from './entities/invitation.entity';
import { User } from './entities/user.entity';
import { MailThrottle } from './mail-throttle.service';
import { SessionService } from './session.service';

const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

/** An invitation still open, by the database clock. */
const unexpired = () => Raw<Date>((at) => `${at} > now()`);

export type Invitee =
  | { kind: 'staff'; email: string; displayName: string; staffRoles: StaffRole[] }
  | { kind: 'subscriber'; email: string; displayName: string; accountId: string; accountRole: AccountRole };

/** What an invitation link's token carries: the invitation, and who sent it (links before issue 16 name neither). */
export interface InvitationLink {
  invitationId?: string;
  invitedBy?: string;
}

/** A pending invitation, as the lists of members and staff show it until it is accepted. */
export interface PendingInvitation {
  id: string;
  email: string;
  displayName: string;
  accountRole: AccountRole | null;
  staffRoles: StaffRole[];
}

/**
 * Invitations for staff (by a tenant admin) and for members of a subscriber account (by its owner).
 * An invitation waits in `invitation` until the invitee chooses a password through the mailed
 * link; the user is created then, with the invitation's id. Inviting answers the same whether or
 * not the address already has an account here (anything else would let an owner probe who has
 * one): such an address's owner gets a notice instead of a link, and the invitation stays pending
 * until it expires or is withdrawn. Disabling ends every session immediately.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly tokens: ActionTokens,
    private readonly mail: MailService,
    private readonly sessions: SessionService,
    private readonly mailLimit: MailThrottle,
  ) {}

  async invite(ctx: RequestContext, invitee: Invitee): Promise<string> {
    const inviter = ctx.requireUser();
    const email = invitee.email.trim().toLowerCase();
    await this.mailLimit.allow(ctx, email);
    const db = await ctx.db();
    // SQL: the expiry comes from the database clock (now()), as every `expires_at > now()` check reads it.
    const rows: { id: string }[] = await db.query(
      `INSERT INTO invitation (tenant_id, email, display_name, kind, account_id, account_role, staff_roles, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8)) RETURNING id`,
      [
        ctx.tenant.id,
        email,
        invitee.displayName.trim(),
        invitee.kind,
        invitee.kind === 'subscriber' ? invitee.accountId : null,
        invitee.kind === 'subscriber' ? invitee.accountRole : null,
        invitee.kind === 'staff' ? invitee.staffRoles : [],
        INVITATION_TTL_MS / 1000,
      ],
    );
    const id = rows[0].id;
    const as = invitee.kind === 'staff' ? invitee.staffRoles : invitee.accountRole;
    // The id is selected too: TypeORM hydrates no entity when every selected column is NULL.
    const owner = await db.findOne(User, {
      select: { id: true, preferredLanguage: true },
      where: { tenantId: ctx.tenant.id, email },
    });
    if (owner) {
      await this.mail.send(ctx, {
        to: email,
        template: 'invitation-exists',
        language: owner.preferredLanguage,
        params: { invitedBy: inviter.displayName, as, signInLink: `${ctx.origin}${PAGES.signIn}` },
      });
      return id;
    }
    const token = await this.tokens.issue(ctx, 'invitation', {
      data: { invitationId: id, invitedBy: inviter.displayName } satisfies InvitationLink,
      ttlMs: INVITATION_TTL_MS,
    });
    await this.mail.send(ctx, {
      to: email,
      template: 'invitation',
      params: { link: `${ctx.origin}${PAGES.invitation}?token=${token}`, invitedBy: inviter.displayName, as },
    });
    return id;
  }

  /**
   * What the link's invitation is for, as its page shows it before the password is chosen: the
   * invitee, who invited them, the account and role (or the staff roles). `link` is the token's
   * data; a link sent before invitations waited in their own table names its user instead. An
   * invitation withdrawn, expired or accepted meanwhile is refused like a link that is not valid.
   */
  async preview(
    ctx: RequestContext,
    link: { userId: string | null; data: InvitationLink },
  ): Promise<InvitationPreview> {
    const db = await ctx.db();
    const byInvitation = Boolean(link.data.invitationId);
    // SQL: the account's name is in the accounts library's table, which this library does not map.
    const rows: {
      email: string;
      display_name: string;
      account_role: AccountRole | null;
      staff_roles: StaffRole[];
      account_name: string | null;
    }[] = await db.query(
      `SELECT p.email, p.display_name, p.account_role, p.staff_roles, a.name AS account_name
         FROM ${byInvitation ? 'invitation' : 'app_user'} p
         LEFT JOIN subscriber_account a ON a.tenant_id = p.tenant_id AND a.id = p.account_id
        WHERE p.tenant_id = $1 AND p.id = $2 ${byInvitation ? 'AND p.expires_at > now()' : ''}`,
      [ctx.tenant.id, link.data.invitationId ?? link.userId],
    );
    const row = rows[0];
    if (!row) throw problems.linkInvalid();
    return {
      email: row.email,
      displayName: row.display_name,
      invitedBy: link.data.invitedBy ?? null,
      accountName: row.account_name,
      accountRole: row.account_role,
      staffRoles: row.staff_roles,
    };
  }

  /**
   * The link's invitation becomes a user with this password (and the invitation's id); answers
   * its address. 409 when the address has an account by now: only the holder of the mailbox gets this far.
   */
  async accept(ctx: RequestContext, invitationId: string, passwordHash: string): Promise<string> {
    const db = await ctx.db();
    // SQL: take the invitation and create its user in one statement (CTEs, ON CONFLICT on the address).
    const created: { outcome: 'created' | 'taken' | null; email: string | null }[] = await db.query(
      `WITH taken AS (
         DELETE FROM invitation WHERE tenant_id = $1 AND id = $2 AND expires_at > now() RETURNING *),
       created AS (
         INSERT INTO app_user (tenant_id, id, email, display_name, password_hash, kind, account_id, account_role, staff_roles,
                               invited_at, email_verified_at, password_changed_at)
         SELECT tenant_id, id, email, display_name, $3, kind, account_id, account_role, staff_roles, created_at, now(), now() FROM taken
         ON CONFLICT (tenant_id, email) DO NOTHING RETURNING email)
       SELECT CASE WHEN EXISTS (SELECT 1 FROM created) THEN 'created' WHEN EXISTS (SELECT 1 FROM taken) THEN 'taken' END AS outcome,
              (SELECT email FROM created) AS email`,
      [ctx.tenant.id, invitationId, passwordHash],
    );
    const outcome = created[0]?.outcome ?? null;
    if (outcome === null) throw problems.linkInvalid();
    if (outcome === 'taken')
      throw problems.conflict('This e-mail address already has an account here; sign in with it instead');
    return created[0].email as string;
  }

  /** The pending invitations of a subscriber account, or (null) of staff. */
  async pending(ctx: RequestContext, accountId: string | null): Promise<PendingInvitation[]> {
    const db = await ctx.db();
    const rows = await db.find(Invitation, {
      select: { id: true, email: true, displayName: true, accountRole: true, staffRoles: true },
      where: {
        tenantId: ctx.tenant.id,
        expiresAt: unexpired(),
        ...(accountId ? { accountId } : { kind: 'staff' as const }),
      },
      order: { createdAt: 'ASC' },
    });
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      displayName: r.displayName,
      accountRole: r.accountRole,
      staffRoles: r.staffRoles,
    }));
  }

  /** Changes the role(s) of a pending invitation of this account (or staff); false when `id` is none. */
  async changePending(
    ctx: RequestContext,
    id: string,
    change: { accountId: string; accountRole: AccountRole } | { staffRoles: StaffRole[] },
  ): Promise<boolean> {
    const db = await ctx.db();
    const changed =
      'accountId' in change
        ? await db.update(
            Invitation,
            { tenantId: ctx.tenant.id, id, accountId: change.accountId, expiresAt: unexpired() },
            { accountRole: change.accountRole },
          )
        : await db.update(
            Invitation,
            { tenantId: ctx.tenant.id, id, kind: 'staff', expiresAt: unexpired() },
            { staffRoles: change.staffRoles },
          );
    return (changed.affected ?? 0) > 0;
  }

  /** Withdraws a pending invitation of this account (or, with null, of staff); its link stops working. False when `id` is none. */
  async withdraw(ctx: RequestContext, id: string, accountId: string | null): Promise<boolean> {
    const db = await ctx.db();
    const withdrawn = await db.delete(Invitation, {
      tenantId: ctx.tenant.id,
      id,
      ...(accountId ? { accountId } : { kind: 'staff' as const }),
    });
    return (withdrawn.affected ?? 0) > 0;
  }

  /** Disables a user and ends their sessions; their next request is refused. */
  async setDisabled(ctx: RequestContext, userId: string, disabled: boolean): Promise<void> {
    const db = await ctx.db();
    await db.update(
      User,
      { tenantId: ctx.tenant.id, id: userId },
      { disabledAt: disabled ? () => 'now()' : null, version: () => 'version + 1' },
    );
    if (disabled) await this.sessions.endAllOf(db, ctx.tenant.id, userId);
  }
}
