import { HttpErrorResponse } from '@angular/common/http';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import type { SessionStore } from './session.store';
import { StepUpGate } from './step-up';

const problem = (type: string) => new HttpErrorResponse({ status: 403, error: { type, title: 'x', status: 403 } });

describe('StepUpGate', () => {
  it('holds only a step-up-required answer, and runs the held action again after a good proof', async () => {
    const stepUp = jest.fn().mockRejectedValueOnce(problem(PROBLEM_TYPES.validation)).mockResolvedValueOnce(undefined);
    const gate = new StepUpGate({ stepUp } as unknown as SessionStore);
    const retry = jest.fn().mockResolvedValue(undefined);

    expect(gate.hold(problem(PROBLEM_TYPES.forbidden), retry)).toBe(false);
    expect(gate.waiting()).toBeNull();
    expect(gate.hold(problem(PROBLEM_TYPES.stepUpRequired), retry)).toBe(true);
    expect(gate.waiting()).toBe(retry);

    await gate.confirm({ code: '000000' });
    expect(gate.wrong()).toBe(true);
    expect(retry).not.toHaveBeenCalled();

    await gate.confirm({ code: '123456' });
    expect(stepUp).toHaveBeenLastCalledWith({ code: '123456' });
    expect(retry).toHaveBeenCalledTimes(1);
    expect(gate.waiting()).toBeNull();
    expect(gate.wrong()).toBe(false);
  });
});
