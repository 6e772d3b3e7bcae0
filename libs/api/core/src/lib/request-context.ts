import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { beginTenantTransaction, type TenantTransaction } from '@mijn-account/api-database';
import type { AccountRole, Language, StaffRole, UserKind } from '@mijn-account/shared-contracts';
import type { TenantContext } from './tenancy';

/** The signed-in user of a request, as loaded from the session. */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  kind: UserKind;
  accountId: string | null;
  accountRole: AccountRole | null;
  staffRoles: StaffRole[];
  preferredLanguage: Language | null;
  /** IANA time zone from the profile; null: the browser's. */
  timeZone: string | null;
  twoFactorEnabled: boolean;
}

export interface SessionRef {
  /** SHA-256 of the cookie token: the row key. */
  id: Buffer;
  /** The raw cookie token (kept in memory only, to derive the CSRF token). */
  token: string;
  expiresAt: Date;
  idleExpiresAt: Date;
  /** The id users see in their session list (the row key is secret-derived). */
  publicId: string;
  /** When this session proved a second factor; null when it has not. */
  secondFactorAt: Date | null;
  /** When a password or code was last given in this session (sign-in or step-up). */
  reauthenticatedAt: Date;
}

/** An access to one subscriber account's data under a helpdesk grant, as the access guard found and logged it. */
export interface GrantedAccess {
  grantId: string;
  accountId: string;
  /** Whether the answer may carry the account's data: a write answers with the record only under a grant that may also read it. */
  shows: boolean;
}

/**
 * Everything a request's work needs: its tenant, its user, and its one database transaction.
 * Passed explicitly as the first argument of every service method. The transaction is opened on
 * first use and bound to the tenant; the unit-of-work interceptor commits it, the error filter
 * rolls it back, and the response hook releases it whatever happened.
 */
export class RequestContext {
  user: AuthUser | null = null;
  session: SessionRef | null = null;
  /** Set by the access guard on a route under a helpdesk grant. */
  grantAccess: GrantedAccess | null = null;
  /**
   * The language the caller reads this answer in: the page's, which the web app sends as
   * `Accept-Language` (nl or en); null when the request names neither (mail programs, API clients).
   * Words a page shows and records (newsletter names, consent wording) follow it; mails follow
   * the recipient's own language instead.
   */
  readsIn: Language | null = null;
  /** The user a sign-in request signed in, once it has: for its own log line (the session's user is not loaded on it). */
  signedInAs: string | null = null;
  private tx: Promise<TenantTransaction> | null = null;
  private readonly keepers: ((status: number) => Promise<void>)[] = [];
  /** Commits made and offline work started: after either, the unit of work can no longer be re-run. */
  private settled = 0;
  /** The access guard's part of the unit of work (session lookup, logged access), re-run on a retry. */
  private prelude: (() => Promise<void>) | null = null;

  constructor(
    readonly requestId: string,
    readonly tenant: TenantContext,
    readonly ip: string,
    readonly userAgent: string | null,
    /** `http(s)://host` of this tenant as the browser reached it: the base of links in e-mails. */
    readonly origin: string,
    private readonly dataSource: DataSource,
  ) {}

  /** The entity manager of this request's tenant transaction. */
  async db(): Promise<EntityManager> {
    this.tx ??= beginTenantTransaction(this.dataSource, this.tenant.id);
    return (await this.tx).manager;
  }

  /** The signed-in user; throws when there is none, never falls back. */
  requireUser(): AuthUser {
    if (!this.user) throw new Error('RequestContext.requireUser: no signed-in user on this route');
    return this.user;
  }

  /** The language a signed-in user reads this answer in: the page's, else their own, else the tenant's. */
  readerLanguage(): Language {
    return this.readsIn ?? this.requireUser().preferredLanguage ?? this.tenant.defaultLanguage;
  }

  /**
   * Slow work that needs no database — argon2, a TOTP check, a call to another server — run
   * holding no connection (ADR 0016): the request's transaction so far is committed first, and its
   * next `db()` opens a fresh one. Use it only where what was done so far may stand on its own
   * (reads, a session touch, a counted attempt); work that must commit with its result goes after.
   */
  async offline<T>(work: () => Promise<T>): Promise<T> {
    await this.commit();
    this.settled++;
    return work();
  }

  async commit(): Promise<void> {
    const tx = this.tx;
    this.tx = null;
    if (!tx) return;
    await (await tx).commit();
    this.settled++;
  }

  /**
   * A mark that moves whenever something of this request became final (a commit) or left the
   * transaction (offline work): a unit of work is re-run only while the mark has not moved since it began.
   */
  get settledMark(): number {
    return this.settled;
  }

  /** What the guard did in this unit of work before the handler, to be done again when it is re-run. */
  beforeEachAttempt(step: () => Promise<void>): void {
    this.prelude = step;
  }

  /**
   * Starts the unit of work again from the start (after a deadlock or serialisation failure):
   * everything rolled back, nothing kept, the user, session and grant forgotten, and the guard's
   * part run again in a fresh transaction (so a session ended or a grant revoked meanwhile counts).
   */
  async restart(): Promise<void> {
    await this.rollback();
    this.keepers.length = 0;
    this.user = null;
    this.session = null;
    this.grantAccess = null;
    await this.prelude?.();
  }

  /**
   * Something that must be on record whatever becomes of the request (an access under a helpdesk
   * grant): when the request fails, `fail` runs it after the rollback, in a transaction of its own.
   */
  keepOnFailure(record: (status: number) => Promise<void>): void {
    this.keepers.push(record);
  }

  /** The request failed with `status`: rolls its work back, then writes and commits what must be kept (throws if that fails). */
  async fail(status: number): Promise<void> {
    await this.rollback();
    for (const keep of this.keepers.splice(0)) {
      try {
        await keep(status);
        await this.commit();
      } catch (error) {
        await this.rollback();
        throw error;
      }
    }
  }

  async rollback(): Promise<void> {
    const tx = this.tx;
    this.tx = null;
    if (tx) await (await tx.catch(() => null))?.rollback();
  }
}

/** Where the context lives on the (Fastify) request object. */
export const CONTEXT_KEY = 'mijnAccountContext';

export function contextOf(request: object): RequestContext | undefined {
  return (request as Record<string, RequestContext | undefined>)[CONTEXT_KEY];
}

/** Injects the request context; throws if the route has none (no tenant resolved). */
export const Ctx = createParamDecorator((_: unknown, host: ExecutionContext): RequestContext => {
  const ctx = contextOf(host.switchToHttp().getRequest<object>());
  if (!ctx) throw new Error('No request context: this route is not bound to a tenant');
  return ctx;
});
