import { HttpErrorResponse } from '@angular/common/http';
import { FormControl, FormGroup } from '@angular/forms';
import { PROBLEM_TYPES, type ProblemDetails } from '@mijn-account/shared-contracts';
import { ActionRunner } from './action-runner';
import type { SessionStore } from './session.store';
import { StepUpGate } from './step-up';

const failure = (problem: ProblemDetails) => new HttpErrorResponse({ status: problem.status, error: problem });
const validation: ProblemDetails = {
  type: PROBLEM_TYPES.validation,
  title: 'The request has invalid fields',
  status: 422,
  errors: [{ field: 'email', code: 'isEmail', message: 'Enter a valid e-mail address' }],
};
const stepUpRequired: ProblemDetails = { type: PROBLEM_TYPES.stepUpRequired, title: 'Confirm', status: 403 };

describe('ActionRunner', () => {
  it('is busy while the action runs, clears the last problem, and shows none when it succeeds', async () => {
    const runner = new ActionRunner();
    runner.problem.set(validation);
    let release!: () => void;
    const running = runner.run(() => new Promise<void>((resolve) => (release = resolve)));
    expect(runner.busy()).toBe(true);
    expect(runner.problem()).toBeNull();
    release();
    await expect(running).resolves.toBeNull();
    expect(runner.busy()).toBe(false);
    expect(runner.problem()).toBeNull();
  });

  it('keeps a failure as problem details (a generic one without a body), puts field errors on the form, then recovers', async () => {
    const recover = jest.fn().mockRejectedValue(new Error('reload failed too'));
    const failed = jest.fn();
    const form = new FormGroup({ email: new FormControl('') });
    const runner = new ActionRunner({ form, recover });

    await expect(runner.run(() => Promise.reject(failure(validation)), { failed })).resolves.toEqual(validation);
    expect(runner.problem()).toEqual(validation);
    expect(form.controls.email.errors).toEqual({ server: 'Enter a valid e-mail address' });
    expect(failed).toHaveBeenCalledTimes(1);
    expect(recover).toHaveBeenCalledTimes(1);
    expect(runner.busy()).toBe(false);

    await runner.run(() => Promise.reject(new HttpErrorResponse({ status: 0 })));
    expect(runner.problem()).toEqual({ type: 'about:blank', title: 'Request failed', status: 0 });
  });

  it('holds a step-up answer without showing a problem, and runs the same action again once confirmed', async () => {
    const gate = new StepUpGate({ stepUp: jest.fn().mockResolvedValue(undefined) } as unknown as SessionStore);
    const runner = new ActionRunner({ stepUp: gate });
    const failed = jest.fn();
    const work = jest.fn().mockRejectedValueOnce(failure(stepUpRequired)).mockResolvedValueOnce(undefined);

    await expect(runner.run(work, { failed })).resolves.toBeNull();
    expect(runner.problem()).toBeNull();
    expect(runner.busy()).toBe(false);
    expect(gate.waiting()).not.toBeNull();
    expect(failed).toHaveBeenCalledTimes(1);

    await gate.confirm({ code: '123456' });
    expect(work).toHaveBeenCalledTimes(2);
    expect(gate.waiting()).toBeNull();
    expect(runner.problem()).toBeNull();
  });

  it('shows a step-up answer as a problem where the action has no gate', async () => {
    const runner = new ActionRunner();
    await runner.run(() => Promise.reject(failure(stepUpRequired)));
    expect(runner.problem()).toEqual(stepUpRequired);
  });
});
