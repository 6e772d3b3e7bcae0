import { Injectable, computed, inject, signal } from '@angular/core';
import type { AccessGrantView, AccessReason, AccessScope, BillingDetails } from '@mijn-account/shared-contracts';
import {
  ActionRunner,
  SessionStore,
  type StepUpGate,
  SupportStore,
  type SupportProfile,
  type SupportSubscription,
} from '@mijn-account/web-core';

/** What the support view shows of one active grant: only what its read scopes cover (null = not covered). */
export interface SupportView {
  grant: AccessGrantView;
  billing: BillingDetails | null;
  profiles: SupportProfile[] | null;
  newsletters: SupportSubscription[] | null;
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

/**
 * The state the parts of the helpdesk console share, provided by the console page (one per page):
 * the agent's grants, the open support view, the supervisor's queue, and one action runner whose
 * problem the page shows in one alert. After a failure the lists are loaded again (a grant may
 * have ended meanwhile).
 */
@Injectable()
export class SupportConsoleStore {
  private readonly support = inject(SupportStore);
  private readonly session = inject(SessionStore);
  readonly isAgent = computed(() => this.session.me()?.staffRoles.includes('helpdesk-agent') ?? false);
  readonly isSupervisor = computed(() => this.session.me()?.staffRoles.includes('helpdesk-supervisor') ?? false);
  readonly mine = signal<AccessGrantView[]>([]);
  readonly queue = signal<AccessGrantView[]>([]);
  readonly view = signal<SupportView | null>(null);
  readonly runner = new ActionRunner({ recover: () => this.reload() });

  async load(): Promise<void> {
    await this.runner.run(() => this.reload());
  }

  /** Finds accounts by customer number or name; null when the search failed (the problem is shown). */
  async search(query: string): Promise<AccountHit[] | null> {
    let found: AccountHit[] | null = null;
    await this.runner.run(async () => (found = await this.support.search(query)));
    return found;
  }

  /** True when the request was sent. */
  async request(request: SupportRequest): Promise<boolean> {
    return this.succeeds(() => this.support.request(request));
  }

  /** Loads what the grant's read scopes cover; every load is an access in the subscriber's log. */
  async open(grant: AccessGrantView): Promise<void> {
    const has = (scope: AccessScope) => grant.scopes.includes(scope);
    await this.runner.run(
      async () => {
        this.view.set({ grant, billing: null, profiles: null, newsletters: null });
        const [billing, profiles, newsletters] = await Promise.all([
          has('billing:read') && !editsBilling(grant) ? this.support.billing(grant.accountId) : null,
          has('profile:read') ? this.support.profiles(grant.accountId) : null,
          has('newsletters:read') ? this.support.newsletters(grant.accountId) : null,
        ]);
        this.view.set({ grant, billing, profiles, newsletters });
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

  /** Approving a technical request needs a code from the supervisor's app in the last minutes. */
  async decide(grant: AccessGrantView, approve: boolean, stepUp: StepUpGate): Promise<void> {
    await this.runner.run(
      async () => {
        await this.support.decide(grant.id, approve);
        await this.reload();
      },
      { stepUp },
    );
  }

  /** Runs a change, then loads the lists again; true when the change was made (even if the reload failed). */
  private async succeeds(change: () => Promise<unknown>): Promise<boolean> {
    let done = false;
    await this.runner.run(async () => {
      await change();
      done = true;
      await this.reload();
    });
    return done;
  }

  private async reload(): Promise<void> {
    await this.session.ensureLoaded();
    if (this.isAgent()) this.mine.set(await this.support.mine());
    if (this.isSupervisor()) this.queue.set(await this.support.queue());
  }
}
