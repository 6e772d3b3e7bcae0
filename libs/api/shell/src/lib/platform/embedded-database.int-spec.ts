import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig } from '@mijn-account/api-core';
import { EmbeddedPostgresError, ROOT_DATA_HOME, placeEmbeddedData } from '@mijn-account/api-database';
import { TestMailbox, runPortal } from '@mijn-account/api-testing';
import { prepareDatabase } from './database-setup';

const asRoot = process.getuid?.() === 0;
const randomPort = () => 45_000 + Math.floor(Math.random() * 5_000);

/**
 * `npm start` in a clone inside a private home (`/root`, mode 700, as in most containers): as root,
 * the embedded PostgreSQL runs as the `postgres` system user, which cannot enter that home.
 */
describe('the embedded database', () => {
  let home: string;
  let mail: TestMailbox;
  const cleanup: string[] = [];
  beforeAll(async () => {
    mail = await TestMailbox.start();
  });
  beforeEach(() => {
    // mkdtemp makes the folder 700, like /root.
    home = mkdtempSync(join(tmpdir(), 'private-home-'));
    cleanup.push(home);
  });
  afterAll(async () => {
    await mail.close();
    for (const folder of cleanup) rmSync(folder, { recursive: true, force: true });
  });

  (asRoot ? it : it.skip)(
    'starts from a clone in a 700 folder, says where its data went, keeps it, and starts over without it',
    async () => {
      expect(statSync(home).mode & 0o777).toBe(0o700);
      const clone = join(home, 'mijn-account');
      mkdirSync(clone);
      const env = {
        // `npm start`'s defaults (EMBEDDED_PG_DIR .data/postgres in the clone, demo data on first start),
        // with ports of its own and mail to a test SMTP server instead of MailDev.
        PORT: String(randomPort()),
        EMBEDDED_PG_PORT: String(randomPort()),
        SMTP_URL: mail.url,
        WEB_DIST: '/nonexistent',
        AUDIT_SEAL_SECONDS: '0',
        AUDIT_CHECKPOINT_MINUTES: '0',
      };
      const requested = join(clone, '.data', 'postgres');
      const place = placeEmbeddedData(requested);
      cleanup.push(dirname(place.dir));
      expect(place.dir.startsWith(`${ROOT_DATA_HOME}/`)).toBe(true);
      expect(place.unreachable).toBe(home);

      const health = async () => {
        const response = await fetch(`http://127.0.0.1:${env.PORT}/api/health`);
        expect(response.status).toBe(200);
      };
      const first = await runPortal(env, health, clone);
      expect(first.stderr).toBe('');
      expect(first.stdout).toContain(`starting embedded PostgreSQL in ${place.dir}`);
      expect(first.stdout).toContain(`cannot enter ${home}`);
      expect(first.stdout).toContain('seeded the demo tenants');
      expect(existsSync(`${requested}.credentials.json`)).toBe(true);

      // A restart finds the same data (the demo tenants are there already).
      const second = await runPortal(env, health, clone);
      expect(second.stdout).toContain('portal ready');
      expect(second.stdout).not.toContain('seeded the demo tenants');

      // Removing the clone's .data starts over, as DEVELOPMENT.md says.
      rmSync(join(clone, '.data'), { recursive: true, force: true });
      const third = await runPortal(env, health, clone);
      expect(third.stdout).toContain('seeded the demo tenants');
    },
    420_000,
  );

  it('refuses a folder it cannot use with one line naming the folder and the fix', async () => {
    chmodSync(home, 0o755);
    const file = join(home, 'a-file');
    writeFileSync(file, 'not a folder');
    const occupied = join(home, 'occupied');
    mkdirSync(occupied);
    writeFileSync(join(occupied, 'notes.txt'), 'someone else’s');
    // [EMBEDDED_PG_DIR, the folder the error names, the reason and fix]
    const refusals: [string, string, RegExp][] = [
      [file, file, /is a file, not a folder; set EMBEDDED_PG_DIR/],
      [occupied, occupied, /is not empty and holds no PostgreSQL data; set EMBEDDED_PG_DIR/],
      [join(file, 'postgres'), file, /cannot create .*; set EMBEDDED_PG_DIR to a folder you can write to/],
    ];
    if (asRoot) {
      // Data that the postgres system user does not own (made by root, say).
      const foreign = join(home, 'foreign');
      mkdirSync(foreign, { mode: 0o700 });
      writeFileSync(join(foreign, 'PG_VERSION'), '18\n');
      refusals.push([
        foreign,
        foreign,
        /belongs to uid 0, not to the postgres system user .*chown -R postgres:postgres/,
      ]);
    }
    for (const [dir, named, reason] of refusals) {
      const config = loadConfig({ EMBEDDED_PG_DIR: dir, EMBEDDED_PG_PORT: String(randomPort()) });
      const failure = await prepareDatabase(config, () => undefined).then(
        () => new Error('started'),
        (error: unknown) => error as Error,
      );
      expect(failure).toBeInstanceOf(EmbeddedPostgresError);
      expect(failure.message).not.toContain('\n');
      expect(failure.message).toContain(named);
      expect(failure.message).toMatch(reason);
    }
    // What `npm start` prints: that one line, no stack trace.
    const run = await runPortal({ EMBEDDED_PG_DIR: occupied, SMTP_URL: mail.url, PORT: String(randomPort()) });
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 1,
      stderr: `EMBEDDED_PG_DIR: ${occupied} is not empty and holds no PostgreSQL data; set EMBEDDED_PG_DIR to a new or empty folder\n`,
    });
  }, 120_000);
});
