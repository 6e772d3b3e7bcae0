import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { type TestApp, startTestApp } from '@mijn-account/api-testing';

/**
 * The last owner of an account can neither be removed nor step down: the answer is a problem of
 * its own kind (`last-owner`, 409), which the members page turns into what to do — there is no
 * field to show it at. Nothing changes.
 */
describe('the last owner of an account', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is refused as a last-owner problem, on removal and on stepping down, and stays owner', async () => {
    const owner = t.client(t.alpha);
    await owner.signIn(t.alpha.accounts[0].owner.email);
    const ownerId = t.alpha.accounts[0].owner.id;

    const removed = await owner.request('DELETE', `/api/account/members/${ownerId}`);
    expect(removed.statusCode).toBe(409);
    expect(removed.headers['content-type']).toContain('application/problem+json');
    expect(removed.json()).toMatchObject({ type: PROBLEM_TYPES.lastOwner, status: 409 });
    expect(removed.json().errors).toBeUndefined();

    const steppedDown = await owner.request('PUT', `/api/account/members/${ownerId}/role`, {
      body: { role: 'member' },
    });
    expect(steppedDown.statusCode).toBe(409);
    expect(steppedDown.json().type).toBe(PROBLEM_TYPES.lastOwner);

    const me = (await owner.request('GET', '/api/me')).json();
    expect(me.account.role).toBe('owner');
    const people = (await owner.request('GET', '/api/account/members')).json() as { id: string; role: string }[];
    expect(people.find((p) => p.id === ownerId)?.role).toBe('owner');
  });
});
