import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditSealerService } from '@mijn-account/api-audit';
import {
  APP_CONFIG,
  type AppConfig,
  ProblemException,
  type RequestContext,
  type TenantContext,
  problems,
  staleVersion,
  tenantById,
} from '@mijn-account/api-core';
import { PRIVACY_ERASURE_QUEUE, PRIVACY_ERASURE_REMINDER_QUEUE, withTenant } from '@mijn-account/api-database';
import { MailService } from '@mijn-account/api-mail';
import { type ErasureView, FISCAL_RETENTION_YEARS, type Language, PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { PrivacyQueue } from '../privacy.queue';
import { PrivacyRequests } from '../requests/privacy-requests.service';
import { ErasureRequest } from './erasure-request.entity';

/** The reminder goes this long before the grace period ends (at once when the period is shorter). */
const REMINDER_BEFORE_MS = 2 * 24 * 3600_000;

interface ErasureJob {
  tenantId: string;
  id: string;
}

interface Person {
  id: string;
  email: string;
  account_id: string | null;
  account_role: 'owner' | 'member' | null;
  preferred_language: Language | null;
}

/**
 * A person's erasure (issue 18 §3, ADR 0015): asked for with a fresh step-up, a grace period in
 * which it can be cancelled (mails at the start and shortly before the end), then a job that mails
 * the person what goes and what stays, and erases them: their user row (sessions, identities,
 * devices, second factor, newsletter subscriptions and tokens go with it), the records the runtime
 * role may not delete itself (through `erase_person_records`), their name and ip in the access log
 * (through `audit_erase_actor`, the chain still verifies), and their account when they were its
 * only person. Kept, restricted: invoices and credit notes, the consent ledger, the access log, the
 * privacy requests.
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger(ErasureService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: PrivacyQueue,
    private readonly requests: PrivacyRequests,
    private readonly mail: MailService,
    private readonly sealer: AuditSealerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    queue.handle<ErasureJob>(PRIVACY_ERASURE_QUEUE, (job) => this.erase(job.tenantId, job.id));
    queue.handle<ErasureJob>(PRIVACY_ERASURE_REMINDER_QUEUE, (job) => this.remind(job.tenantId, job.id));
  }

  /** The person's pending erasure and what asking would do; `version` for If-Match (0 when none is pending). */
  async view(ctx: RequestContext): Promise<ErasureView & { version: number }> {
    const user = this.subscriber(ctx);
    const db = await ctx.db();
    const pending = await this.pending(db, ctx.tenant.id, user.id);
    const [people]: { others: string; other_owners: string }[] = await db.query(
      `SELECT count(*) FILTER (WHERE id <> $2) AS others,
              count(*) FILTER (WHERE id <> $2 AND account_role = 'owner') AS other_owners
         FROM app_user WHERE tenant_id = $1 AND account_id = $3`,
      [ctx.tenant.id, user.id, user.accountId],
    );
    const others = Number(people.others);
    return {
      pending: pending
        ? {
            id: pending.id,
            requestedAt: pending.requestedAt.toISOString(),
            eraseAfter: pending.eraseAfter.toISOString(),
          }
        : null,
      graceDays: await this.graceDays(db, ctx.tenant.id),
      lastOwnerWithOthers: user.accountRole === 'owner' && others > 0 && Number(people.other_owners) === 0,
      accountGoesToo: others === 0,
      version: pending?.version ?? 0,
    };
  }

  /** Starts the grace period: the request on the register, the mail, the reminder and the erasure job, all in this transaction. */
  async request(ctx: RequestContext): Promise<ErasureView & { version: number }> {
    const user = this.subscriber(ctx);
    const db = await ctx.db();
    const tenantId = ctx.tenant.id;
    const current = await this.view(ctx);
    if (current.pending) throw problems.conflict('An erasure is already pending');
    if (current.lastOwnerWithOthers) {
      throw new ProblemException({
        type: PROBLEM_TYPES.lastOwner,
        title: 'An account needs an owner',
        status: 409,
        detail: 'Make someone else owner of your account first; then your data can be erased',
      });
    }
    const [{ now }]: { now: Date }[] = await db.query(`SELECT now() AS now`);
    const eraseAfter = new Date(now.getTime() + current.graceDays * 24 * 3600_000);
    const register = await this.requests.open(db, {
      tenantId,
      type: 'erasure',
      channel: 'portal',
      userId: user.id,
      accountId: user.accountId,
    });
    const repo = db.getRepository(ErasureRequest);
    const saved = await repo.save(
      repo.create({ tenantId, userId: user.id, accountId: user.accountId, privacyRequestId: register.id, eraseAfter }),
    );
    const job = { tenantId, id: saved.id };
    await this.queue.enqueue(db, PRIVACY_ERASURE_QUEUE, job, { startAfter: eraseAfter, singletonKey: saved.id });
    await this.queue.enqueue(db, PRIVACY_ERASURE_REMINDER_QUEUE, job, {
      startAfter: new Date(Math.max(now.getTime(), eraseAfter.getTime() - REMINDER_BEFORE_MS)),
      singletonKey: saved.id,
    });
    await this.mail.send(ctx, {
      to: user.email,
      language: user.preferredLanguage,
      template: 'erasure-requested',
      params: {
        eraseOn: this.day(eraseAfter, user.preferredLanguage ?? ctx.tenant.defaultLanguage),
        link: `${ctx.origin}/privacy/erasure`,
      },
    });
    return this.view(ctx);
  }

  /** Cancels the pending erasure (If-Match: its version); the register's request is withdrawn. */
  async cancel(ctx: RequestContext, version: number | null): Promise<void> {
    const user = this.subscriber(ctx);
    const db = await ctx.db();
    const pending = await this.pending(db, ctx.tenant.id, user.id, true);
    if (!pending) throw problems.notFound('No erasure is pending');
    if (version !== pending.version) throw staleVersion(await this.view(ctx));
    await db
      .getRepository(ErasureRequest)
      .update(
        { tenantId: ctx.tenant.id, id: pending.id },
        { status: 'cancelled', closedAt: () => 'now()', version: () => 'version + 1' },
      );
    await this.requests.close(
      db,
      ctx.tenant.id,
      pending.privacyRequestId,
      'withdrawn',
      'Cancelled by the person during the grace period',
    );
  }

  /** The reminder job: mails the person shortly before the end, if the erasure is still pending. */
  async remind(tenantId: string, id: string): Promise<void> {
    const tenant = await this.tenant(tenantId);
    await withTenant(this.dataSource, tenantId, async (db) => {
      const request = await this.lockPending(db, tenantId, id);
      if (!request || request.remindedAt) return;
      const [person] = await this.person(db, tenantId, request.userId);
      if (!person) return;
      const language = person.preferred_language ?? tenant.defaultLanguage;
      await this.mail.queueFor(
        tenant,
        {
          to: person.email,
          language,
          template: 'erasure-reminder',
          params: { eraseOn: this.day(request.eraseAfter, language), link: `${this.origin(tenant)}/privacy/erasure` },
        },
        db,
      );
      await db.getRepository(ErasureRequest).update({ tenantId, id }, { remindedAt: () => 'now()' });
    });
  }

  /**
   * The erasure job, from the end of the grace period: seals the access log first (only sealed
   * events can be erased from it without breaking the chain), then, in one transaction, queues the
   * final mail to the address that is about to go and erases. Nothing happens if the request was
   * cancelled or is not due yet.
   */
  async erase(tenantId: string, id: string): Promise<void> {
    const tenant = await this.tenant(tenantId);
    // The person's sessions end first, so no event of theirs arrives between the seal and the erasure.
    await withTenant(this.dataSource, tenantId, async (db) => {
      const request = await this.lockPending(db, tenantId, id);
      if (!request || request.eraseAfter.getTime() > Date.now()) return;
      await db.query(
        `UPDATE user_session SET ended_at = now() WHERE tenant_id = $1 AND user_id = $2 AND ended_at IS NULL`,
        [tenantId, request.userId],
      );
    });
    await withTenant(this.dataSource, tenantId, (db) => this.sealer.seal(db, tenantId));
    await withTenant(this.dataSource, tenantId, async (db) => {
      const request = await this.lockPending(db, tenantId, id);
      if (!request) return;
      if (request.eraseAfter.getTime() > Date.now()) return;
      // The register decides too: a request the privacy officer refused or closed is not carried out.
      const [tracked]: { status: string }[] = await db.query(
        `SELECT status FROM privacy_request WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
        [tenantId, request.privacyRequestId],
      );
      if (tracked && tracked.status !== 'open') {
        await db
          .getRepository(ErasureRequest)
          .update(
            { tenantId, id: request.id },
            { status: 'cancelled', closedAt: () => 'now()', version: () => 'version + 1' },
          );
        return;
      }
      const [person] = await this.person(db, tenantId, request.userId);
      if (!person) {
        await this.close(db, request, false, 'done', 'The person was already gone');
        return;
      }
      const people: { id: string; account_role: string }[] = await db.query(
        `SELECT id, account_role FROM app_user WHERE tenant_id = $1 AND account_id = $2 ORDER BY id FOR UPDATE`,
        [tenantId, person.account_id],
      );
      const others = people.filter((p) => p.id !== person.id);
      if (person.account_role === 'owner' && others.length > 0 && !others.some((p) => p.account_role === 'owner')) {
        await this.close(
          db,
          request,
          false,
          'refused',
          'The last owner of an account with other people: an owner must remain',
        );
        return;
      }
      const accountGoes = others.length === 0 && person.account_id !== null;
      const language = person.preferred_language ?? tenant.defaultLanguage;
      // Entries written before erasable entries (no salt) keep the name: the final mail says how many.
      const [{ named }]: { named: number }[] = await db.query(
        `SELECT count(*)::int AS named FROM audit_event WHERE tenant_id = $1 AND actor_id = $2 AND personal_salt IS NULL`,
        [tenantId, person.id],
      );
      const finalMail = await this.mail.queueFor(
        tenant,
        {
          to: person.email,
          language,
          template: 'erasure-done',
          params: {
            accountErased: accountGoes,
            keptUntil: this.day(retentionEnd(new Date()), language),
            namedEntries: named,
          },
        },
        db,
      );
      await db.query(`SELECT audit_erase_actor($1, $2)`, [tenantId, person.id]);
      await db.query(`SELECT erase_person_records($1, $2, $3, $4, $5)`, [
        tenantId,
        person.id,
        person.email,
        finalMail,
        accountGoes ? person.account_id : null,
      ]);
      await db.query(`DELETE FROM invitation WHERE tenant_id = $1 AND email = $2`, [tenantId, person.email]);
      // Their data exports: the ZIPs hold everything about them (the rows stay, expired, without content).
      await db.query(
        `DELETE FROM privacy_export_chunk WHERE tenant_id = $1
            AND export_id IN (SELECT id FROM privacy_export WHERE tenant_id = $1 AND user_id = $2)`,
        [tenantId, person.id],
      );
      await db.query(
        `UPDATE privacy_export SET status = CASE WHEN status IN ('ready', 'expired') THEN 'expired' ELSE 'failed' END
          WHERE tenant_id = $1 AND user_id = $2`,
        [tenantId, person.id],
      );
      // The user row; sessions, identities, devices, recovery codes, tokens, subscriptions cascade.
      await db.query(`DELETE FROM app_user WHERE tenant_id = $1 AND id = $2`, [tenantId, person.id]);
      if (accountGoes) {
        // Nobody is left to bill or to join it: its subscriptions end with the erasure (their last day
        // is the day before, in the tenant's calendar, so no read shows them running after it), its open
        // invitations go. The billing engine drafts nothing for an erased account (BillingEngine.draftMany).
        await db.query(
          `WITH today AS (
             SELECT (now() AT TIME ZONE COALESCE((SELECT time_zone FROM invoicing_settings WHERE tenant_id = $1), 'Europe/Amsterdam'))::date AS d)
           UPDATE subscription SET end_date = GREATEST(start_date, (SELECT d FROM today) - 1)
            WHERE tenant_id = $1 AND account_id = $2 AND (end_date IS NULL OR end_date >= (SELECT d FROM today))`,
          [tenantId, person.account_id],
        );
        await db.query(`DELETE FROM invitation WHERE tenant_id = $1 AND account_id = $2`, [
          tenantId,
          person.account_id,
        ]);
        await db.query(
          `UPDATE subscriber_account SET name = 'Erased', company_name = NULL, coc_number = NULL, vat_id = NULL,
                  vat_valid = NULL, vat_checked_at = NULL, billing_email = NULL, street = NULL, house_number = NULL,
                  house_number_addition = NULL, postal_code = NULL, city = NULL, region = NULL,
                  erased_at = now(), version = version + 1
            WHERE tenant_id = $1 AND id = $2`,
          [tenantId, person.account_id],
        );
      }
      await this.close(db, request, accountGoes, 'done', accountGoes ? 'Erased, with the account' : 'Erased');
    });
  }

  private async close(
    db: EntityManager,
    request: ErasureRequest,
    accountErased: boolean,
    status: 'done' | 'refused',
    outcome: string,
  ): Promise<void> {
    await db.getRepository(ErasureRequest).update(
      { tenantId: request.tenantId, id: request.id },
      {
        status: status === 'done' ? 'done' : 'cancelled',
        accountErased,
        closedAt: () => 'now()',
        version: () => 'version + 1',
      },
    );
    await this.requests.close(db, request.tenantId, request.privacyRequestId, status, outcome);
  }

  private subscriber(ctx: RequestContext) {
    const user = ctx.requireUser();
    if (user.kind !== 'subscriber') throw problems.forbidden('Only subscribers erase themselves here');
    return user;
  }

  private async pending(
    db: EntityManager,
    tenantId: string,
    userId: string,
    lock = false,
  ): Promise<ErasureRequest | null> {
    return db.getRepository(ErasureRequest).findOne({
      where: { tenantId, userId, status: 'pending' },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  private async lockPending(db: EntityManager, tenantId: string, id: string): Promise<ErasureRequest | null> {
    return db
      .getRepository(ErasureRequest)
      .findOne({ where: { tenantId, id, status: 'pending' }, lock: { mode: 'pessimistic_write' } });
  }

  private person(db: EntityManager, tenantId: string, userId: string): Promise<Person[]> {
    return db.query(
      `SELECT id, email, account_id, account_role, preferred_language FROM app_user WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tenantId, userId],
    );
  }

  private async graceDays(db: EntityManager, tenantId: string): Promise<number> {
    const [row]: { erasure_grace_days: number }[] = await db.query(
      `SELECT erasure_grace_days FROM privacy_settings WHERE tenant_id = $1`,
      [tenantId],
    );
    return row?.erasure_grace_days ?? 14;
  }

  private async tenant(tenantId: string): Promise<TenantContext> {
    const tenant = await tenantById(this.dataSource, tenantId);
    if (!tenant) throw new Error(`ErasureService: tenant ${tenantId} is missing`);
    return tenant;
  }

  private day(date: Date, language: Language): string {
    return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
      dateStyle: 'long',
      timeZone: 'UTC',
    }).format(date);
  }

  private origin(tenant: TenantContext): string {
    return this.config.portalDomain === 'localhost'
      ? `http://${tenant.slug}.localhost:${this.config.port}`
      : `https://${tenant.slug}.${this.config.portalDomain}`;
  }
}

/** The end of the fiscal retention of a record issued at `issued`: the end of its year plus seven years. */
export function retentionEnd(issued: Date): Date {
  return new Date(Date.UTC(issued.getUTCFullYear() + FISCAL_RETENTION_YEARS, 11, 31));
}
