import { computed, signal } from '@angular/core';
import type { ProblemDetails } from '@mijn-account/shared-contracts';
import { pageTakeover } from './page-takeover';
import { problemOf } from './problem';

/** Where data a page shows stands: on its way, here, or not loaded (which is never "nothing there"). */
export type LoadStatus = 'loading' | 'loaded' | 'failed';

/**
 * The state of one thing a page loads (a list, a form's data, a log). It starts `loading`; a load
 * that fails is `failed` with its problem (the page says so and offers `retry`), never an empty
 * list. Reloading what is already shown (after an action) keeps it shown until the answer is in.
 * While the app takes over a page the server rendered, `loading` is false: the server's page stays
 * until the answer (already in the page) is in (`PageTakeover`).
 */
export class LoadState {
  private readonly takeover = pageTakeover();
  readonly status = signal<LoadStatus>('loading');
  readonly problem = signal<ProblemDetails | null>(null);
  readonly loading = computed(() => this.status() === 'loading' && !this.takeover?.active());
  readonly loaded = computed(() => this.status() === 'loaded');
  readonly failed = computed(() => this.status() === 'failed');
  private last: (() => Promise<unknown>) | null = null;

  /** Runs `load`; true when it succeeded. Failures are kept here, not thrown. */
  async track(load: () => Promise<unknown>): Promise<boolean> {
    this.last = load;
    if (this.status() !== 'loaded') this.status.set('loading');
    try {
      await load();
      this.problem.set(null);
      this.status.set('loaded');
      return true;
    } catch (error) {
      this.problem.set(problemOf(error));
      this.status.set('failed');
      return false;
    }
  }

  /** Loads again what was last loaded (the "try again" of a failed load), from the loading state. */
  async retry(): Promise<boolean> {
    if (!this.last) return false;
    this.status.set('loading');
    return this.track(this.last);
  }
}
