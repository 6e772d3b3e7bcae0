import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, XSRF_COOKIE } from '@mijn-account/shared-contracts';
import { DataSource } from 'typeorm';
import { HealthService } from '@mijn-account/api-core';
import {
  FIXTURE_PASSWORD,
  SIGNED_IN_HINT_SET,
  type TestApp,
  problemFields,
  signedInHintOf,
  startTestApp,
} from '@mijn-account/api-testing';

describe('HTTP: sessions, CSRF and problem details', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ SESSION_IDLE_MINUTES: '30' });
  });
  afterAll(() => t.close());

  describe('sign-in', () => {
    it('signs a subscriber in and shows who they are, their account and role', async () => {
      const alice = t.client(t.alpha);
      const signIn = await alice.signIn(t.alpha.accounts[0].member.email);
      expect(signIn.statusCode).toBe(200);
      const cookie = signIn.cookies.find((c) => c.name === 'ma_sid');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      // With it the signed-in hint: the server renders the sign-in page no more (the app sends the visitor on).
      expect(signedInHintOf(signIn)).toEqual(SIGNED_IN_HINT_SET);
      const me = await alice.request('GET', '/api/me');
      expect(me.statusCode).toBe(200);
      expect(signedInHintOf(me)).toBe('untouched'); // a live session keeps its hint
      expect(me.json()).toMatchObject({
        user: { email: t.alpha.accounts[0].member.email, kind: 'subscriber' },
        account: { id: t.alpha.accounts[0].id, customerNumber: 'ALPHA-1', role: 'member' },
        staffRoles: [],
      });
    });

    it('gives the page the user’s own language at sign-in, and leaves the browser’s choice alone for a user without one', async () => {
      const member = t.alpha.accounts[0].member;
      const languageCookieOf = (response: { cookies: unknown[] }) =>
        (response.cookies as { name: string; value: string; httpOnly?: boolean; maxAge?: number }[]).find(
          (c) => c.name === 'ma_lang',
        );
      await t.sql(t.alpha, `UPDATE app_user SET preferred_language = 'en' WHERE id = $1`, [member.id]);
      try {
        const english = languageCookieOf(await t.client(t.alpha).signIn(member.email));
        expect(english).toMatchObject({ value: 'en', maxAge: 365 * 24 * 3600 });
        expect(english?.httpOnly).not.toBe(true); // the page reads it, as it reads the one it writes itself
      } finally {
        await t.sql(t.alpha, `UPDATE app_user SET preferred_language = NULL WHERE id = $1`, [member.id]);
      }
      expect(languageCookieOf(await t.client(t.alpha).signIn(member.email))).toBeUndefined();
    });

    it('shows staff their roles and no account', async () => {
      const finance = t.client(t.beta);
      expect((await finance.signIn(t.beta.staff.finance.email)).statusCode).toBe(200);
      expect((await finance.request('GET', '/api/me')).json()).toMatchObject({
        account: null,
        staffRoles: ['finance'],
      });
    });

    it('answers a wrong password and an unknown e-mail identically', async () => {
      const wrongPassword = await t.client(t.alpha).signIn(t.alpha.accounts[0].owner.email, 'wrong password');
      const unknownEmail = await t.client(t.alpha).signIn('nobody@alpha.example', 'wrong password');
      expect(wrongPassword.statusCode).toBe(401);
      expect(unknownEmail.statusCode).toBe(401);
      const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
      expect(strip(wrongPassword.json())).toEqual(strip(unknownEmail.json()));
      expect(wrongPassword.json()).toMatchObject({ type: PROBLEM_TYPES.signInFailed });
    });

    it('keeps the same e-mail in two tenants as two users with their own accounts', async () => {
      const inAlpha = t.client(t.alpha);
      const inBeta = t.client(t.beta);
      await inAlpha.signIn('shared@example.com');
      await inBeta.signIn('shared@example.com');
      const a = (await inAlpha.request('GET', '/api/me')).json();
      const b = (await inBeta.request('GET', '/api/me')).json();
      expect(a.account.customerNumber).toBe('ALPHA-1');
      expect(b.account.customerNumber).toBe('BETA-1');
      expect(a.user.id).not.toBe(b.user.id);
    });

    it('rotates the session id at sign-in and ends the old session', async () => {
      const client = t.client(t.alpha);
      await client.signIn(t.alpha.accounts[1].owner.email);
      const first = client.cookies.get('ma_sid');
      await client.signIn(t.alpha.accounts[1].owner.email);
      const second = client.cookies.get('ma_sid');
      expect(second).toBeDefined();
      expect(second).not.toBe(first);
      const replay = t.client(t.alpha);
      replay.cookies.set('ma_sid', first as string);
      expect((await replay.request('GET', '/api/me')).statusCode).toBe(401);
    });

    it('ends the session on the server at sign-out', async () => {
      const client = t.client(t.alpha);
      await client.signIn(t.alpha.accounts[0].owner.email);
      const token = client.cookies.get('ma_sid') as string;
      const signOut = await client.request('DELETE', '/api/session');
      expect(signOut.statusCode).toBe(204);
      expect(signedInHintOf(signOut)).toBe('cleared');
      const stolen = t.client(t.alpha);
      stolen.cookies.set('ma_sid', token);
      expect((await stolen.request('GET', '/api/me')).statusCode).toBe(401);
    });

    it('refuses a session after its idle time-out and after its absolute expiry', async () => {
      const idle = t.client(t.alpha);
      await idle.signIn(t.alpha.staff['tenant-admin'].email);
      const absolute = t.client(t.alpha);
      await absolute.signIn(t.alpha.staff.finance.email);
      expect((await idle.request('GET', '/api/me')).statusCode).toBe(200);
      // The owner role is subject to RLS too: set the tenant first.
      await t.owner.transaction(async (db) => {
        await db.query(`SELECT set_config('app.tenant_id', $1, true)`, [t.alpha.id]);
        await db.query(`UPDATE user_session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`, [
          t.alpha.staff['tenant-admin'].id,
        ]);
        await db.query(`UPDATE user_session SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
          t.alpha.staff.finance.id,
        ]);
      });
      // The ended sessions' hints go with the first answer that finds them ended; a hint alone is no session.
      for (const client of [idle, absolute]) {
        expect(client.cookies.get('ma_signed_in')).toBe('1');
        const me = await client.request('GET', '/api/me');
        expect(me.statusCode).toBe(401);
        expect(signedInHintOf(me)).toBe('cleared');
      }
      // Once gone, nothing more to clear.
      expect(signedInHintOf(await idle.request('GET', '/api/me'))).toBe('untouched');
    });

    it('refuses a disabled user at once, even with an open session', async () => {
      const client = t.client(t.beta);
      await client.signIn(t.beta.staff['helpdesk-agent'].email);
      expect((await client.request('GET', '/api/me')).statusCode).toBe(200);
      await t.owner.transaction(async (db) => {
        await db.query(`SELECT set_config('app.tenant_id', $1, true)`, [t.beta.id]);
        await db.query(`UPDATE app_user SET disabled_at = now() WHERE id = $1`, [t.beta.staff['helpdesk-agent'].id]);
      });
      expect((await client.request('GET', '/api/me')).statusCode).toBe(401);
      expect((await t.client(t.beta).signIn(t.beta.staff['helpdesk-agent'].email)).statusCode).toBe(401);
    });
  });

  describe('tenancy over HTTP', () => {
    it('refuses a session of one tenant on the other tenant’s host', async () => {
      const client = t.client(t.alpha);
      await client.signIn(t.alpha.accounts[0].owner.email);
      const onBeta = t.client(t.beta);
      onBeta.cookies.set('ma_sid', client.cookies.get('ma_sid') as string);
      const response = await onBeta.request('GET', '/api/me');
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ type: PROBLEM_TYPES.unauthenticated });
    });

    it('serves each tenant’s own branding and answers unknown hosts with 404', async () => {
      expect((await t.client(t.alpha).request('GET', '/api/tenant')).json()).toMatchObject({
        slug: 'alpha',
        defaultLanguage: 'nl',
      });
      expect((await t.client(t.beta).request('GET', '/api/tenant')).json()).toMatchObject({
        slug: 'beta',
        defaultLanguage: 'en',
      });
      const unknown = await t.app.inject({ method: 'GET', url: '/api/tenant', headers: { host: 'gamma.localhost' } });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ type: PROBLEM_TYPES.unknownTenant });
      const page = await t.app.inject({ method: 'GET', url: '/', headers: { host: 'gamma.localhost' } });
      expect(page.statusCode).toBe(404);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).not.toContain('alpha');
    });

    it('answers health on any host and checks the database; readiness turns 503 once draining, liveness stays', async () => {
      const health = (url: string) => t.app.inject({ method: 'GET', url, headers: { host: '10.0.0.5' } });
      for (const url of ['/api/health', '/api/health/ready']) {
        const response = await health(url);
        expect(response.statusCode).toBe(200);
        expect(response.json()).toEqual({ status: 'ok', database: 'ok', migrations: 'current', draining: false });
      }
      expect((await health('/api/health/live')).json()).toEqual({ status: 'ok' });

      // A version started before its migrations ran is not ready (a fresh service: it has not yet seen them applied).
      const [newest] = await t.owner.query(`SELECT id, timestamp, name FROM schema_migration ORDER BY id DESC LIMIT 1`);
      await t.owner.query(`DELETE FROM schema_migration WHERE id = $1`, [newest.id]);
      try {
        expect(await new HealthService(t.app.get(DataSource)).readiness()).toEqual({
          ready: false,
          body: { status: 'error', database: 'ok', migrations: 'pending', draining: false },
        });
      } finally {
        await t.owner.query(`INSERT INTO schema_migration (id, timestamp, name) VALUES ($1, $2, $3)`, [
          newest.id,
          newest.timestamp,
          newest.name,
        ]);
      }

      // What main.ts does first on SIGTERM (the app stays draining; no later test asks for health).
      t.app.get(HealthService).drain();
      for (const url of ['/api/health', '/api/health/ready']) {
        const response = await health(url);
        expect(response.statusCode).toBe(503);
        expect(response.json()).toEqual({ status: 'error', database: 'ok', migrations: 'current', draining: true });
      }
      expect((await health('/api/health/live')).statusCode).toBe(200);
    });
  });

  describe('CSRF', () => {
    it('refuses a state-changing request without the XSRF header', async () => {
      const client = t.client(t.alpha);
      await client.signIn(t.alpha.accounts[0].owner.email);
      const response = await client.request('DELETE', '/api/session', {
        csrf: false,
        headers: { origin: client.origin },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ type: PROBLEM_TYPES.csrf });
      expect((await client.request('GET', '/api/me')).statusCode).toBe(200);
    });

    it('refuses a request from another origin even with the token', async () => {
      const client = t.client(t.alpha);
      await client.signIn(t.alpha.accounts[0].owner.email);
      const response = await client.request('DELETE', '/api/session', { headers: { origin: 'http://beta.localhost' } });
      expect(response.statusCode).toBe(403);
    });

    it('refuses an anonymous token once a session exists (the token is bound to the session)', async () => {
      const client = t.client(t.alpha);
      await client.request('GET', '/api/tenant');
      const anonymous = client.cookies.get(XSRF_COOKIE) as string;
      await client.signIn(t.alpha.accounts[0].owner.email);
      client.cookies.set(XSRF_COOKIE, anonymous);
      expect((await client.request('DELETE', '/api/session')).statusCode).toBe(403);
    });

    it('refuses sign-in without a token (login CSRF)', async () => {
      const response = await t.client(t.alpha).request('POST', '/api/session', {
        body: { email: t.alpha.accounts[0].owner.email, password: FIXTURE_PASSWORD },
      });
      expect(response.statusCode).toBe(403);
    });
  });

  describe('bad input', () => {
    const signInWith = async (options: Parameters<ReturnType<TestApp['client']>['request']>[2]) => {
      const client = t.client(t.alpha);
      await client.request('GET', '/api/tenant');
      return client.request('POST', '/api/session', options);
    };

    it('refuses mass assignment: tenantId and role in a body are named as unknown fields', async () => {
      const response = await signInWith({
        body: {
          email: t.alpha.accounts[0].owner.email,
          password: FIXTURE_PASSWORD,
          tenantId: t.beta.id,
          role: 'owner',
        },
      });
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
      expect(response.json().errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'tenantId', code: 'whitelistValidation' }),
          expect.objectContaining({ field: 'role', code: 'whitelistValidation' }),
        ]),
      );
    });

    it('names each bad field', async () => {
      const response = await signInWith({ body: { email: 'not-an-email', password: 42 } });
      expect(response.statusCode).toBe(422);
      const fields = problemFields(response);
      expect(fields).toEqual(expect.arrayContaining(['email', 'password']));
    });

    it('answers malformed JSON, a wrong media type and an oversized body with problem details', async () => {
      const malformed = await signInWith({ rawBody: '{"email": ', headers: { 'content-type': 'application/json' } });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ type: PROBLEM_TYPES.malformedBody });

      const xml = await signInWith({ rawBody: '<a/>', headers: { 'content-type': 'application/xml' } });
      expect(xml.statusCode).toBe(415);
      expect(xml.json()).toMatchObject({ type: PROBLEM_TYPES.unsupportedMediaType });

      const huge = await signInWith({ body: { email: 'a@b.example', password: 'x'.repeat(200_000) } });
      expect(huge.statusCode).toBe(413);
      expect(huge.json()).toMatchObject({ type: PROBLEM_TYPES.bodyTooLarge });
    });

    it('refuses prototype pollution in JSON', async () => {
      const response = await signInWith({
        rawBody: '{"email":"a@b.example","password":"x","__proto__":{"admin":true}}',
        headers: { 'content-type': 'application/json' },
      });
      expect(response.statusCode).toBe(400);
    });

    it('answers an unknown API path with a 404 problem', async () => {
      const response = await t.client(t.alpha).request('GET', '/api/nothing-here');
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    });
  });
});
