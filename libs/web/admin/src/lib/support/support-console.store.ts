import { DestroyRef, Injectable, InjectionToken, computed, inject, signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import type {
  AccessGrantView,
  AccessReason,
  AccessScope,
  BillingDetails,
  MyInvoiceView,
} from '@mijn-account/shared-contracts';
import {
  ActionRunner,
  LoadState,
  SessionStore,
  type StepUpGate,
  type SupervisorDecision,
  SupportStore,
  type SupportProfile,
  type SupportSubscription,
} from '@mijn-account/web-core';
import { Notifier } from '@mijn-account/web-ui';

/** What the support view shows of one active grant: only what its read scopes cover (null = not covered). */
export interface SupportView {
  grant: AccessGrantView;
  billing: BillingDetails | null;
  profiles: SupportProfile[] | null;
  newsletters: SupportSubscription[] | null;
  invoices: MyInvoiceView[] | null;
}

/** An account found by the agent's search: customer number and name, nothing more. */
export interface AccountHit {
  id: string;
  customerNumber: string;
  name: string;
}

/** An access request as the agent writes it. */
export interface SupportRequest {
  accountId: string;
  reason: AccessReason;
  ticket: string;
  justification: string;
  scopes: AccessScope[];
  minutes: number;
}

/** A grant to change billing (with reading it) opens the billing form instead of the read-only details. */
export function editsBilling(grant: AccessGrantView): boolean {
  return grant.scopes.includes('billing:write') && grant.scopes.includes('billing:read');
}

/** How often (ms) the agent's list is read again while one of their requests waits for a decision. */
export const PENDING_POLL_MS = new InjectionToken<number>('PENDING_POLL_MS', { factory: () => 3000 });

/**
 * The state the parts of the helpdesk console share, provided by the console page (one per page):
 * the agent's grants, the open support view, the supervisor's queue, and one action runner whose
 * problem the page shows in one alert. After a failure the lists are loaded again (a grant may
 * have ended meanwhile). While one of the agent's requests waits, their list is read again every
 * few seconds, so a decision shows without reloading; the reading stops when none waits.
 */
@Injectable()
export class SupportConsoleStore {
  private readonly support = inject(SupportStore);
  private readonly session = inject(SessionStore);
  private readonly notifier = inject(Notifier);
  readonly isAgent = computed(() => this.session.me()?.staffRoles.includes('helpdesk-agent') ?? false);
  readonly isSupervisor = computed(() => this.session.me()?.staffRoles.includes('helpdesk-supervisor') ?? false);
  readonly mine = signal<AccessGrantView[]>([]);
  readonly queue = signal<AccessGrantView[]>([]);
  /** The technical requests decided lately: the supervisors' history. */
  readonly decided = signal<AccessGrantView[]>([]);
  readonly view = signal<SupportView | null>(null);
  readonly runner = new ActionRunner({ recover: () => this.reload() });
  /** The first load of the lists: a failure says the lists did not load (with a retry), never "no requests". */
  readonly lists = new LoadState();
  private readonly pollMs = inject(PENDING_POLL_MS);
  private poll: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      clearTimeout(this.poll);
    });
  }

  async load(): Promise<void> {
    await this.lists.track(() => this.reload());
  }

  /** Finds accounts by customer number or name; null when the search failed (the problem is shown). */
  async search(query: string): Promise<AccountHit[] | null> {
    let found: AccountHit[] | null = null;
    await this.runner.run(async () => (found = await this.support.search(query)));
    return found;
  }

  /** True when the request was sent; the server's field errors show on `form`. */
  async request(request: SupportRequest, form?: AbstractControl): Promise<boolean> {
    return this.succeeds(() => this.support.request(request), form);
  }

  /** Loads what the grant's read scopes cover; every load is an access in the subscriber's log. */
  async open(grant: AccessGrantView): Promise<void> {
    const has = (scope: AccessScope) => grant.scopes.includes(scope);
    await this.runner.run(
      async () => {
        this.view.set({ grant, billing: null, profiles: null, newsletters: null, invoices: null });
        const [billing, profiles, newsletters, invoices] = await Promise.all([
          has('billing:read') && !editsBilling(grant) ? this.support.billing(grant.accountId) : null,
          has('profile:read') ? this.support.profiles(grant.accountId) : null,
          has('newsletters:read') ? this.support.newsletters(grant.accountId) : null,
          has('invoices:read') ? this.support.invoices(grant.accountId) : null,
        ]);
        this.view.set({ grant, billing, profiles, newsletters, invoices });
      },
      { failed: () => this.view.set(null) },
    );
  }

  /** Closes a grant with the agent's note (the subscriber reads it); true when closed. */
  async close(id: string, note: string): Promise<boolean> {
    return this.succeeds(async () => {
      await this.support.close(id, note);
      this.view.set(null);
    });
  }

  /**
   * Approving a technical request (optionally shorter, fewer scopes) needs a code from the
   * supervisor's app in the last minutes; a denial needs a reason. The form shows the server's
   * field errors; true when decided.
   */
  async decide(
    grant: AccessGrantView,
    approve: boolean,
    decision: SupervisorDecision,
    options: { stepUp: StepUpGate; form?: AbstractControl },
  ): Promise<boolean> {
    let done = false;
    await this.runner.run(async () => {
      // As asked: no body; otherwise only what differs (less time, fewer scopes, the reason).
      await (Object.keys(decision).length > 0
        ? this.support.decide(grant.id, approve, decision)
        : this.support.decide(grant.id, approve));
      done = true;
      this.notifier.success(approve ? 'notices.support.approved' : 'notices.support.denied');
      await this.reload();
    }, options);
    return done;
  }

  /** Runs a change, then loads the lists again; true when the change was made (even if the reload failed). */
  private async succeeds(change: () => Promise<unknown>, form?: AbstractControl): Promise<boolean> {
    let done = false;
    await this.runner.run(
      async () => {
        await change();
        done = true;
        await this.reload();
      },
      { form },
    );
    return done;
  }

  private async reload(): Promise<void> {
    await this.session.ensureLoaded();
    if (this.isAgent()) this.setMine(await this.support.mine());
    if (this.isSupervisor()) {
      const [queue, decided] = await Promise.all([this.support.queue(), this.support.decided()]);
      this.queue.set(queue);
      this.decided.set(decided);
    }
  }

  /** Keeps the agent's list and reads it again later while a request of theirs waits. */
  private setMine(grants: AccessGrantView[]): void {
    this.mine.set(grants);
    clearTimeout(this.poll);
    this.poll = undefined;
    if (this.destroyed || !grants.some((g) => g.status === 'pending')) return;
    this.poll = setTimeout(() => {
      // A failed poll is not the user's action: no alert; the next reload or poll tries again.
      this.support.mine().then(
        (next) => this.setMine(next),
        () => this.setMine(this.mine()),
      );
    }, this.pollMs);
  }
}
