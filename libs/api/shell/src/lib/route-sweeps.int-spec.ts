import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import {
  type PortalClient,
  type RouteInfo,
  type TestApp,
  listRoutes,
  startTestApp,
  validBody,
} from '@mijn-account/api-testing';
import { PROBLEM_CONTENT_TYPE, STAFF_ROLES } from '@mijn-account/shared-contracts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Sweeps over the whole route table, so a new route is covered without a new test: every error —
 * Fastify's own included — is RFC 9457 problem details, and every route with an id answers 404 for
 * another tenant's ids and for unknown ones, exactly as for a missing row.
 */
describe('route table sweeps: errors and ids', () => {
  let t: TestApp;
  let staff: PortalClient;
  let owner: PortalClient;
  let routes: RouteInfo[];

  beforeAll(async () => {
    t = await startTestApp();
    routes = listRoutes(t.app);
    // One staff user with every role (two-factor on), and an account owner, in tenant alpha.
    await t.sql(t.alpha, `UPDATE app_user SET staff_roles = $2 WHERE id = $1`, [
      t.alpha.staff['tenant-admin'].id,
      [...STAFF_ROLES],
    ]);
    staff = t.client(t.alpha);
    await staff.signIn(t.alpha.staff['tenant-admin'].email);
    await staff.enrolTwoFactor();
    owner = t.client(t.alpha);
    await owner.signIn(t.alpha.accounts[0].owner.email);
  });
  afterAll(() => t.close());

  const callerFor = (route: RouteInfo): PortalClient | null => {
    const level = route.access?.level;
    if (level === 'staff') return staff;
    if (level === 'account' || level === 'signed-in') return owner;
    return null;
  };
  const bodyFor = (method: string) => (method === 'GET' || method === 'DELETE' ? undefined : {});
  const isProblem = (response: { statusCode: number; headers: Record<string, unknown>; body: string }) => {
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(response.body) as Record<string, unknown>;
    } catch {
      // not JSON: reported below
    }
    return {
      status: response.statusCode,
      problemJson: String(response.headers['content-type']).startsWith(PROBLEM_CONTENT_TYPE),
      statusInBody: parsed['status'] === response.statusCode,
      hasType: typeof parsed['type'] === 'string',
    };
  };
  const problemOk = (status: number) => ({ status, problemJson: true, statusInBody: true, hasType: true });

  describe('every error is application/problem+json', () => {
    it('answers a too-long path parameter with a 414 problem, on every route with a parameter', async () => {
      for (const route of routes.filter((r) => r.path.includes('/:'))) {
        const url = route.path.replace(/:(\w+)/g, 'x'.repeat(2000));
        const client = callerFor(route) ?? t.client(t.alpha);
        const response = await client.request(route.method as Method, url, { body: bodyFor(route.method) });
        // 414 where the router meets the parameter; 404 where the long segment cannot match a route at all.
        const status = response.statusCode === 404 ? 404 : 414;
        expect({ route: route.handler, ...isProblem(response) }).toEqual({
          route: route.handler,
          ...problemOk(status),
        });
      }
    });

    it('answers an unknown path or method under every route with a 404 problem', async () => {
      for (const route of routes) {
        const base = route.path.replace(/:(\w+)/g, randomUUID());
        const client = callerFor(route) ?? t.client(t.alpha);
        for (const [method, url] of [
          ['POST', `${base}/no-such-thing`],
          ['GET', `${base}/no-such-thing`],
          ['PATCH', base],
        ] as const) {
          const response = await client.request(method, url, { body: bodyFor(method) });
          expect({ route: route.handler, method, ...isProblem(response) }).toEqual({
            route: route.handler,
            method,
            ...problemOk(404),
          });
        }
      }
    });

    it('answers a bad body on every route that takes one with a problem: malformed JSON 400, wrong type 415, too large 413', async () => {
      for (const route of routes.filter((r) => r.method !== 'GET')) {
        const url = route.path.replace(/:(\w+)/g, randomUUID());
        const client = callerFor(route) ?? t.client(t.alpha);
        if (!client.cookies.size) await client.request('GET', '/api/tenant');
        const method = route.method as Method;
        const malformed = await client.request(method, url, {
          rawBody: '{"a": ',
          headers: { 'content-type': 'application/json' },
        });
        expect({ route: route.handler, ...isProblem(malformed) }).toEqual({ route: route.handler, ...problemOk(400) });
        const xml = await client.request(method, url, {
          rawBody: '<a/>',
          headers: { 'content-type': 'application/xml' },
        });
        expect({ route: route.handler, ...isProblem(xml) }).toEqual({ route: route.handler, ...problemOk(415) });
        const huge = await client.request(method, url, { body: { a: 'x'.repeat(200_000) } });
        expect({ route: route.handler, ...isProblem(huge) }).toEqual({ route: route.handler, ...problemOk(413) });
      }
    });

    it('answers a malformed URL with a 400 problem', async () => {
      const response = await owner.request('GET', '/api/account/members/%E0%A4%A');
      expect(isProblem(response)).toEqual(problemOk(400));
    });

    it('answers a request the HTTP parser cannot read with a problem, on the socket', async () => {
      await t.app.listen(0, '127.0.0.1');
      const { port } = t.app.getHttpServer().address() as { port: number };
      const raw = (request: string) =>
        new Promise<string>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1', () => socket.end(request));
          let answer = '';
          socket.on('data', (chunk) => (answer += chunk.toString()));
          socket.on('close', () => resolve(answer));
          socket.on('error', reject);
        });
      const garbage = await raw('NOT HTTP AT ALL\r\n\r\n');
      expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
      expect(garbage).toContain(`Content-Type: ${PROBLEM_CONTENT_TYPE}`);
      expect(JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4))).toMatchObject({
        status: 400,
        title: 'Bad Request',
      });
      const hugeHeader = await raw(
        `GET /api/tenant HTTP/1.1\r\nHost: alpha.localhost\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`,
      );
      expect(hugeHeader).toMatch(/^HTTP\/1\.1 431 /);
      expect(hugeHeader).toContain(`Content-Type: ${PROBLEM_CONTENT_TYPE}`);
    });
  });

  describe('every route with an id answers 404 for another tenant’s ids and for unknown ids', () => {
    let foreignIds: string[];

    beforeAll(async () => {
      // Tenant beta gets one row of each kind an id route names: a newsletter list, an access
      // request, sessions, staff and members (users), accounts.
      const betaAdmin = t.client(t.beta);
      await t.sql(t.beta, `UPDATE app_user SET staff_roles = $2 WHERE id = $1`, [
        t.beta.staff['tenant-admin'].id,
        [...STAFF_ROLES],
      ]);
      await betaAdmin.signIn(t.beta.staff['tenant-admin'].email);
      await betaAdmin.enrolTwoFactor();
      const list = await betaAdmin.request('POST', '/api/admin/newsletters', {
        body: { nameNl: 'Nieuws', nameEn: 'News', descriptionNl: '', descriptionEn: '', visible: true },
      });
      expect(list.statusCode).toBe(201);
      const asked = await betaAdmin.request('POST', '/api/support/requests', {
        body: {
          accountId: t.beta.accounts[0].id,
          reason: 'service',
          ticket: 'T-1',
          justification: 'Customer asked about an invoice',
          scopes: ['billing:read'],
        },
      });
      expect(asked.statusCode).toBe(201);
      const betaOwner = t.client(t.beta);
      await betaOwner.signIn(t.beta.accounts[0].owner.email);
      // A row of beta's record of processing activities (issue 18 §1).
      await t.sql(
        t.beta,
        `INSERT INTO processing_activity (tenant_id, category_nl, category_en, purpose_nl, purpose_en, legal_basis,
           retention_nl, retention_en, recipients_nl, recipients_en) VALUES ($1, 'c', 'c', 'p', 'p', 'contract', 'r', 'r', 'x', 'x')`,
        [t.beta.id],
      );
      const rows = await t.sql<{ id: string }>(
        t.beta,
        `SELECT id::text FROM newsletter_list UNION ALL SELECT id::text FROM access_grant UNION ALL SELECT id::text FROM user_session
          UNION ALL SELECT id::text FROM app_user UNION ALL SELECT id::text FROM subscriber_account
          UNION ALL SELECT id::text FROM processing_activity`,
      );
      foreignIds = rows.map((r) => r.id);
      expect(foreignIds.length).toBeGreaterThan(10);
    });

    it('sweeps every signed-in id route with each foreign id and an unknown one', async () => {
      const idRoutes = routes.filter((r) => /:\w*id\b/i.test(r.path) && callerFor(r));
      expect(idRoutes.length).toBeGreaterThan(10);
      const answers: { route: string; id: string; status: number; type: unknown }[] = [];
      for (const route of idRoutes) {
        const client = callerFor(route) as PortalClient;
        for (const id of [randomUUID(), ...foreignIds]) {
          const url = route.path.replace(/:(\w+)/g, id);
          // A body that passes the DTO's rules, so the id is what decides the answer.
          const body = route.body ? validBody(route.body) : bodyFor(route.method);
          const response = await client.request(route.method as Method, url, { body, headers: { 'if-match': '"v1"' } });
          answers.push({
            route: `${route.method} ${route.path}`,
            id,
            status: response.statusCode,
            type: response.json().type,
          });
        }
      }
      // Any answer but 404 would tell the caller something about a row that is not theirs.
      const wrong = answers.filter((a) => a.status !== 404);
      expect([...new Set(wrong.map((a) => `${a.route} ${a.status} ${String(a.type)}`))]).toEqual([]);
    });
  });
});
