import { type Server, type Socket, createServer, connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';

/**
 * A TCP hop between the API and its PostgreSQL that the test can cut (every connection dropped,
 * new ones refused) and restore on the same port: the database going away, as the API sees it.
 */
class CuttableLink {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
  }
}

describe('the database away: 503 with Retry-After, and back without a restart', () => {
  let t: TestApp;
  let link: CuttableLink;
  let owner: PortalClient;

  beforeAll(async () => {
    t = await startTestApp(
      {},
      {
        appUrl: async (url) => {
          const target = new URL(url);
          link = new CuttableLink(target.hostname, Number(target.port));
          await link.open();
          target.port = String(link.port);
          return target.toString();
        },
      },
    );
    owner = t.client(t.alpha);
    expect((await owner.signIn(t.alpha.accounts[0].owner.email)).statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await link.cut();
  });

  it('answers 503 problem details with Retry-After while the database is unreachable, then recovers', async () => {
    expect((await owner.request('GET', '/api/me')).statusCode).toBe(200);
    await link.cut();

    // A read and a write: both say the service is unavailable, and when to try again.
    for (const [method, path] of [
      ['GET', '/api/me'],
      ['PUT', '/api/me/profile'],
    ] as const) {
      const res = await owner.request(method, path, {
        body:
          method === 'PUT' ? { displayName: 'Away', phone: null, preferredLanguage: 'nl', timeZone: null } : undefined,
        headers: { 'if-match': '"v1"' },
      });
      expect({ path, status: res.statusCode, type: res.json().type }).toEqual({
        path,
        status: 503,
        type: PROBLEM_TYPES.unavailable,
      });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.json().requestId).toBeTruthy();
    }

    // Back on the same address: the pool reconnects on its own, no restart.
    await link.open();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await owner.request('GET', '/api/me')).statusCode;
      if (status !== 200) await sleep(100);
    }
    expect(status).toBe(200);
  });
});
