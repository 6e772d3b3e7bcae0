import { ProblemException, type RequestContext, problems } from '@mijn-account/api-core';
import type { ActionTokens } from './action-tokens';
import { type ProviderRequest, ProviderStateStore } from './provider-state.store';

/** passport-oauth2's view of the state store (Google): the verifier goes into a one-time token, and only that token's round comes back. */
describe('ProviderStateStore', () => {
  const issued: { purpose: string; options: { userId?: string | null; data?: object; token?: string } }[] = [];
  let stored: Record<string, { userId: string | null; data: Record<string, unknown> } | 'used'> = {};
  const tokens = {
    issue: async (
      _ctx: unknown,
      purpose: string,
      options: { userId?: string | null; data?: object; token?: string },
    ) => {
      issued.push({ purpose, options });
      return options.token ?? 'S'.repeat(43);
    },
    consume: async (_ctx: unknown, _purpose: string, token: string) => {
      const row = stored[token];
      if (!row) throw problems.linkInvalid();
      if (row === 'used') throw problems.linkUsed();
      stored[token] = 'used';
      return row;
    },
  } as unknown as ActionTokens;
  const store = new ProviderStateStore(tokens).forOAuth2();
  const round = (mode: 'sign-in' | 'link', ctx: Partial<RequestContext> = {}): ProviderRequest =>
    ({
      ctx: { commit: async () => undefined, ...ctx } as RequestContext,
      provider: 'google',
      mode,
      session: {},
      query: {},
      stage: 'provider',
    }) as unknown as ProviderRequest;
  const storeFor = (req: ProviderRequest) =>
    new Promise<{ err: Error | null; state?: string }>((resolve) =>
      store.store(req, 'the-verifier', undefined, {}, (err, state) => resolve({ err, state })),
    );
  const verifyFor = (req: ProviderRequest, state: string) =>
    new Promise<{ err: Error | null; ok?: string | false; info?: object }>((resolve) =>
      store.verify(req, state, (err, ok, info) => resolve({ err, ok, info })),
    );

  beforeEach(() => {
    issued.length = 0;
    stored = {};
  });

  it('takes the five-argument PKCE form passport-oauth2 looks for, and keeps the verifier in a one-time token', async () => {
    expect(store.store.length).toBe(5);
    expect(store.verify.length).toBe(3);
    const { err, state } = await storeFor(round('sign-in'));
    expect(err).toBeNull();
    expect(state).toBe('S'.repeat(43));
    expect(issued).toEqual([
      {
        purpose: 'oidc-state',
        options: expect.objectContaining({
          userId: null,
          data: { provider: 'google', verifier: 'the-verifier', mode: 'sign-in' },
        }),
      },
    ]);
  });

  it('refuses to start linking without a signed-in session', async () => {
    const { err } = await storeFor(round('link'));
    expect(err).toBeInstanceOf(ProblemException);
    expect(issued).toEqual([]);
  });

  it('answers the verifier of its own round once; an unknown, used or other provider’s state fails as `state`', async () => {
    stored = {
      mine: { userId: null, data: { provider: 'google', verifier: 'v1', mode: 'sign-in' } },
      theirs: { userId: null, data: { provider: 'microsoft', verifier: 'v2', mode: 'sign-in' } },
    };
    const req = round('sign-in');
    expect(await verifyFor(req, 'mine')).toEqual({ err: null, ok: 'v1', info: {} });
    expect(req.state).toEqual({ provider: 'google', verifier: 'v1', mode: 'sign-in', userId: null });
    expect(await verifyFor(round('sign-in'), 'mine')).toEqual({ err: null, ok: false, info: { code: 'state' } });
    expect(await verifyFor(round('sign-in'), 'unknown')).toEqual({ err: null, ok: false, info: { code: 'state' } });
    expect(await verifyFor(round('sign-in'), 'theirs')).toEqual({ err: null, ok: false, info: { code: 'state' } });
  });
});
