import { signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import type { ProblemDetails } from '@mijn-account/shared-contracts';
import { applyServerErrors, problemOf } from './problem';
import type { StepUpGate } from './step-up';

/** How a page's action reacts when it fails; given to the runner (for every action) or to one `run()`. */
export interface ActionOptions {
  /** Holds a step-up-required answer until the user confirms it is them, then runs the action again. */
  stepUp?: StepUpGate;
  /** The form whose controls show the server's field errors (`applyServerErrors`). */
  form?: AbstractControl;
  /** Runs first when the action fails, before any step-up hold (e.g. to close what the action opened). */
  failed?: () => void;
  /** Runs after the problem is shown, to reload what may have changed meanwhile; its own errors are ignored. */
  recover?: () => Promise<unknown>;
}

/**
 * The one way a page runs what the user asked for: `busy` while it runs, the previous problem
 * cleared, and a failure kept as problem details for the page to show (`ma-problem-alert`), field
 * errors put on the form, and a step-up answer held until the user confirms (then run again).
 */
export class ActionRunner {
  readonly busy = signal(false);
  readonly problem = signal<ProblemDetails | null>(null);

  constructor(private readonly defaults: ActionOptions = {}) {}

  /** Runs `work`; resolves to the problem it now shows, or null (done, or waiting for a step-up). */
  async run(work: () => Promise<unknown>, options: ActionOptions = {}): Promise<ProblemDetails | null> {
    const { stepUp, form, failed, recover } = { ...this.defaults, ...options };
    this.busy.set(true);
    this.problem.set(null);
    try {
      await work();
      return null;
    } catch (error) {
      failed?.();
      if (stepUp?.hold(error, () => this.run(work, options))) return null;
      const problem = problemOf(error);
      this.problem.set(problem);
      if (form) applyServerErrors(form, problem);
      await recover?.().catch(() => undefined);
      return problem;
    } finally {
      this.busy.set(false);
    }
  }
}
