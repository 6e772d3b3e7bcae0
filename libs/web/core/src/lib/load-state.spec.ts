import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { LoadState } from './load-state';
import { PageTakeover } from './page-takeover';

const failure = () =>
  new HttpErrorResponse({
    status: 500,
    error: { type: PROBLEM_TYPES.internal, title: 'Internal', status: 500 },
  });

describe('LoadState', () => {
  it('starts loading, and is loaded when the load succeeds', async () => {
    const state = new LoadState();
    expect(state.status()).toBe('loading');
    let finish: () => void = () => undefined;
    const done = state.track(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(state.loading()).toBe(true);
    finish();
    await expect(done).resolves.toBe(true);
    expect(state.status()).toBe('loaded');
    expect(state.problem()).toBeNull();
  });

  it('keeps a failed load as failed with its problem, never as loaded (an empty list)', async () => {
    const state = new LoadState();
    await expect(state.track(() => Promise.reject(failure()))).resolves.toBe(false);
    expect(state.status()).toBe('failed');
    expect(state.failed()).toBe(true);
    expect(state.loaded()).toBe(false);
    expect(state.problem()?.type).toBe(PROBLEM_TYPES.internal);
  });

  it('retries the last load from the loading state, and is loaded when it works', async () => {
    const state = new LoadState();
    const load = jest.fn().mockRejectedValueOnce(failure()).mockResolvedValueOnce(undefined);
    await state.track(load);
    const retried = state.retry();
    expect(state.status()).toBe('loading');
    await expect(retried).resolves.toBe(true);
    expect(load).toHaveBeenCalledTimes(2);
    expect(state.status()).toBe('loaded');
    expect(state.problem()).toBeNull();
  });

  it('keeps shown data shown while it is loaded again, and says when that reload failed', async () => {
    const state = new LoadState();
    await state.track(() => Promise.resolve());
    let fail: (e: unknown) => void = () => undefined;
    const again = state.track(() => new Promise((_resolve, reject) => (fail = reject)));
    expect(state.status()).toBe('loaded');
    fail(failure());
    await again;
    expect(state.status()).toBe('failed');
  });

  it("shows the server's page, not the loading sketch, while the app takes over a server-rendered page", async () => {
    const transferState = document.body.appendChild(document.createElement('script'));
    transferState.id = 'ng-state';
    try {
      const state = TestBed.runInInjectionContext(() => new LoadState());
      let finish: () => void = () => undefined;
      const done = state.track(() => new Promise<void>((resolve) => (finish = resolve)));
      expect(state.status()).toBe('loading');
      expect(state.loading()).toBe(false);
      // Once the app has drawn its first page, a load still under way shows as one.
      TestBed.inject(PageTakeover).end();
      expect(state.loading()).toBe(true);
      finish();
      await expect(done).resolves.toBe(true);
      expect(state.loaded()).toBe(true);
      // A page drawn by the browser from the start: loading as before.
      expect(new LoadState().loading()).toBe(true);
    } finally {
      transferState.remove();
    }
  });
});
