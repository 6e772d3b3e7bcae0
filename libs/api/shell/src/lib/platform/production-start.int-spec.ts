import { randomBytes } from 'node:crypto';
import {
  type TestDatabase,
  TestMailbox,
  createTestDatabase,
  runPortal as startPortal,
} from '@mijn-account/api-testing';

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
    // Each published secret is refused the same way (config.spec.ts goes through them); here the
    // former compose file’s DATA_KEY beside demo data: one line for each.
    const [demo, own] = await Promise.all([
      startPortal({ ...production(), SEED_DEMO: 'true', DATA_KEY: 'Y2hhbmdlLW1lLWNoYW5nZS1tZS1jaGFuZ2UtbWUtMzI=' }),
      startPortal(production()),
    ]);
    expect({ code: demo.code, stderr: demo.stderr }).toEqual({
      code: 1,
      stderr: expect.stringMatching(
        /^Invalid configuration: SEED_DEMO: [^\n]+\nInvalid configuration: DATA_KEY: [^\n]+\n$/,
      ),
    });
    expect(demo.stdout).not.toMatch(/migrations|seeded|portal ready/);
    // The same start with secrets of its own comes up (and was stopped once ready).
    expect(own.stdout).toContain('portal ready');
  }, 300_000);
});
