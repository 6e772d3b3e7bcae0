import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type TestDatabase, TestMailbox, createTestDatabase } from '@mijn-account/api-testing';

const ROOT = join(__dirname, '../../../..');

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `node main.js` as `npm start` runs it (from source, compiled on the fly), until it exits or says
 * it is ready (then stopped).
 */
function startPortal(env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', TS_NODE_PROJECT: 'tsconfig.int.json', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('portal ready')) child.kill('SIGTERM');
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Production refuses demo data and the repository's published secrets before it touches anything. */
describe('a production start', () => {
  let db: TestDatabase;
  let mail: TestMailbox;
  beforeAll(async () => {
    db = await createTestDatabase();
    mail = await TestMailbox.start();
  });
  afterAll(async () => {
    await mail.close();
    await db.drop();
  });

  const production = () => ({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(40_000 + Math.floor(Math.random() * 10_000)),
    LOG_LEVEL: 'info',
    WEB_DIST: '/nonexistent',
    DATABASE_URL: db.appUrl,
    MIGRATION_DATABASE_URL: db.ownerUrl,
    SMTP_URL: mail.url,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    DATA_KEY: randomBytes(32).toString('base64'),
    AUDIT_SIGNING_KEY: randomBytes(32).toString('base64'),
    AUDIT_SEAL_SECONDS: '0',
    AUDIT_CHECKPOINT_MINUTES: '0',
  });

  it('refuses demo data and published secrets with one line naming the variable, and starts without them', async () => {
    const [demo, composeKey, own] = await Promise.all([
      startPortal({ ...production(), SEED_DEMO: 'true' }),
      // docker/compose.yaml's former example key
      startPortal({ ...production(), DATA_KEY: 'Y2hhbmdlLW1lLWNoYW5nZS1tZS1jaGFuZ2UtbWUtMzI=' }),
      startPortal(production()),
    ]);
    expect({ code: demo.code, stderr: demo.stderr }).toEqual({
      code: 1,
      stderr: expect.stringMatching(/^Invalid configuration: SEED_DEMO: [^\n]+\n$/),
    });
    expect({ code: composeKey.code, stderr: composeKey.stderr }).toEqual({
      code: 1,
      stderr: expect.stringMatching(/^Invalid configuration: DATA_KEY: [^\n]+\n$/),
    });
    for (const refused of [demo, composeKey]) expect(refused.stdout).not.toMatch(/migrations|seeded|portal ready/);
    // The same start with secrets of its own comes up (and was stopped once ready).
    expect(own.stdout).toContain('portal ready');
  }, 180_000);
});
