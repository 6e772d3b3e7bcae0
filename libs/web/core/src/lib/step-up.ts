import { signal } from '@angular/core';
import { PROBLEM_TYPES, type StepUpRequest } from '@mijn-account/shared-contracts';
import { problemOf } from './problem';
import type { SessionStore } from './session.store';

/**
 * The "confirm it is you" turn of a sensitive action: when the API answers step-up-required, the
 * action waits here until the user proves it is them (password or code), then runs again.
 */
export class StepUpGate {
  /** The action waiting for a proof, if any. */
  readonly waiting = signal<(() => Promise<unknown>) | null>(null);
  /** The last proof was refused. */
  readonly wrong = signal(false);

  constructor(private readonly session: SessionStore) {}

  /** True when `error` asks for a step-up: `retry` then waits for `confirm()`. */
  hold(error: unknown, retry: () => Promise<unknown>): boolean {
    if (problemOf(error).type !== PROBLEM_TYPES.stepUpRequired) return false;
    this.wrong.set(false);
    this.waiting.set(retry);
    return true;
  }

  async confirm(proof: StepUpRequest): Promise<void> {
    const retry = this.waiting();
    try {
      await this.session.stepUp(proof);
    } catch {
      this.wrong.set(true);
      return;
    }
    this.waiting.set(null);
    this.wrong.set(false);
    await retry?.();
  }

  cancel(): void {
    this.waiting.set(null);
    this.wrong.set(false);
  }
}
