import type { DataSource } from 'typeorm';
import { createDataSource, withTenant } from '@mijn-account/api-database';
import { type TestApp, startTestApp } from '@mijn-account/api-testing';
import { AuditJobs } from './audit-jobs';
import { AuditReaderService } from './audit-reader.service';
import { AuditWriterService } from './audit-writer.service';

/**
 * The sealer's watermark on a database whose event numbers have not started: a suite of its own,
 * so that no other case has drawn a number first.
 */
describe('access log: the watermark before the first event', () => {
  let t: TestApp;
  let runtime: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ AUDIT_SEAL_SECONDS: '0', AUDIT_CHECKPOINT_MINUTES: '0' });
    runtime = await createDataSource({ url: t.db.appUrl, poolSize: 2 }).initialize();
  });
  afterAll(async () => {
    await runtime.destroy();
    await t.close();
  });

  it('chains event 1 even when sealing passes ran before any event was written', async () => {
    const [sequence] = await t.sql<{ is_called: boolean }>(t.alpha, `SELECT is_called FROM audit_event_entry_no_seq`);
    expect(sequence.is_called).toBe(false);
    const jobs = t.app.get(AuditJobs);
    for (let pass = 0; pass < 3; pass++) await jobs.seal();
    const writer = t.app.get(AuditWriterService);
    const reader = t.app.get(AuditReaderService);
    const accountId = t.alpha.accounts[0].id;
    await withTenant(runtime, t.alpha.id, (db) =>
      writer.appendAs(db, t.alpha.id, accountId, {
        action: 'read',
        resource: 'billing',
        outcome: 'allowed',
        actorId: null,
        actorName: 'First access',
        actorKind: 'staff',
        ip: null,
      }),
    );
    for (let pass = 0; pass < 3; pass++) await jobs.seal();
    const verification = await withTenant(runtime, t.alpha.id, (db) => reader.verify(db, t.alpha.id, accountId));
    expect(verification).toMatchObject({ intact: true, events: 1, unsealed: 0 });
    const [event] = await withTenant(runtime, t.alpha.id, (db) => reader.events(db, t.alpha.id, accountId));
    expect(event).toMatchObject({ actorName: 'First access', seq: 1 });
  });
});
