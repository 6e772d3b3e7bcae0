import { appendFileSync, chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { AuditReaderService, AuditSealerService, AuditSigner, AuditWriterService } from '@mijn-account/api-audit';
import { loadConfig } from '@mijn-account/api-core';
import { createDataSource, withTenant } from '@mijn-account/api-database';
import { PrivateServer, freePort, giveToServerUser, runServerTool } from '@mijn-account/api-testing';
import { ENTITIES } from '../entities';
import { seedDemoData } from './demo-data';

/**
 * A physical backup restored the PostgreSQL way (docs/operations.md): archive WAL, take a base
 * backup with the low-level API (`pg_backup_start` … file copy … `pg_backup_stop`), keep writing,
 * then restore the copy into a fresh data folder on its own port with the WAL archive replayed
 * (point-in-time recovery to the archive's end). The restored server must hold every write up to
 * the last archived segment, every access-log chain and signed checkpoint must verify with the
 * product's own verifier, and the runtime role must still see one tenant at a time.
 * (The embedded package ships no pg_dump; Debian's is older than the server and cannot dump it.)
 */
describe('backup and restore (base backup + WAL archive)', () => {
  const config = loadConfig({ LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent' });
  const signer = new AuditSigner(config);
  const root = mkdtempSync(join(tmpdir(), 'mijn-account-backup-'));
  const archive = join(root, 'archive');
  const backup = join(root, 'backup');
  const restoredDir = join(root, 'restored');
  const source = { dataDir: join(root, 'source'), adminUrl: '', ownerUrl: '', appUrl: '' };
  let server: PrivateServer | null = null;
  let restoredPort = 0;
  let restoredStarted = false;

  const open = (url: string): Promise<DataSource> =>
    createDataSource({ url, poolSize: 2, entities: ENTITIES }).initialize();
  const pgCtl = (args: string[]) => runServerTool('pg_ctl', args);

  beforeAll(async () => {
    // A server of the test's own, archiving WAL as a production server would.
    chmodSync(root, 0o755);
    mkdirSync(archive, { mode: 0o700 });
    giveToServerUser(archive);
    server = await PrivateServer.create(
      source.dataDir,
      `archive_mode = 'on'\narchive_command = 'test ! -f ${archive}/%f && cp %p ${archive}/%f'`,
    );
    const db = await server.portalDatabase();
    Object.assign(source, { adminUrl: server.adminUrl, ownerUrl: db.ownerUrl, appUrl: db.appUrl });
    const owner = await open(source.ownerUrl);
    try {
      // The demo tenants: accounts, grants, staff reads in the access log, chains sealed and signed.
      expect(await seedDemoData(owner, config)).toBe(true);
    } finally {
      await owner.destroy();
    }
  }, 180_000);

  afterAll(async () => {
    if (restoredStarted) await pgCtl(['stop', '-D', restoredDir, '-m', 'fast', '-w']).catch(() => undefined);
    await server?.stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  });

  it('restores a base backup plus archived WAL into a fresh folder with every chain and checkpoint intact and tenants isolated', async () => {
    const admin = new Client({ connectionString: source.adminUrl });
    await admin.connect();
    const owner = await open(source.ownerUrl);
    try {
      // 1. Base backup: the session that starts it must end it; the files are copied in between
      // while the server keeps running (the copy may be torn: WAL replay repairs it).
      await admin.query(`SELECT pg_backup_start('integration test', true)`);
      cpSync(source.dataDir, backup, {
        recursive: true,
        preserveTimestamps: true,
        filter: (path) =>
          !/\/(postmaster\.pid|postmaster\.opts)$/.test(path) &&
          !/\/(pg_wal|pg_stat_tmp)\/./.test(path) &&
          !path.endsWith('.tmp'),
      });
      const [stop] = (
        await admin.query<{ labelfile: string; spcmapfile: string }>(
          `SELECT labelfile, spcmapfile FROM pg_backup_stop(true)`,
        )
      ).rows;
      writeFileSync(join(backup, 'backup_label'), stop.labelfile);

      // 2. Writes after the backup: a staff read logged, sealed and signed; only the archive has it.
      const callmonkey = await tenantOf(owner, 'callmonkey');
      await withTenant(owner, callmonkey, async (db) => {
        const [chain] = (await db.query(`SELECT account_id FROM audit_chain ORDER BY account_id LIMIT 1`)) as {
          account_id: string;
        }[];
        await new AuditWriterService().appendAs(db, callmonkey, chain.account_id, {
          actorId: null,
          actorName: 'restore probe',
          actorKind: 'system',
          ip: null,
          action: 'read',
          resource: 'profiles',
          fields: ['name'],
          outcome: 'allowed',
        });
      });
      await withTenant(owner, callmonkey, (db) => new AuditSealerService(signer).checkpoint(db, callmonkey));
      const before = await new AuditReaderService(signer).verifyAllChains(owner);
      expect(before.length).toBeGreaterThanOrEqual(2);
      expect(before.every((r) => r.intact && r.unsealed === 0 && r.checkpoints.valid === r.checkpoints.total)).toBe(
        true,
      );
      // Close the segment that holds them so it reaches the archive, and wait until it has.
      const [{ walfile }] = (
        await admin.query<{ walfile: string }>(`SELECT pg_walfile_name(pg_switch_wal()) AS walfile`)
      ).rows;
      await until(async () => {
        const { rows } = await admin.query<{ last: string | null }>(
          `SELECT last_archived_wal AS last FROM pg_stat_archiver`,
        );
        return rows[0].last !== null && rows[0].last >= walfile;
      });

      // 3. Restore: the copy in a fresh folder, told to replay the archive, on a port of its own.
      cpSync(backup, restoredDir, { recursive: true, preserveTimestamps: true });
      mkdirSync(join(restoredDir, 'pg_wal'), { recursive: true });
      writeFileSync(join(restoredDir, 'recovery.signal'), '');
      appendFileSync(
        join(restoredDir, 'postgresql.auto.conf'),
        `\narchive_mode = 'off'\nrestore_command = 'cp ${archive}/%f %p'\n`,
      );
      chmodSync(restoredDir, 0o700);
      giveToServerUser(restoredDir);
      restoredPort = await freePort();
      restoredStarted = true;
      await pgCtl([
        'start',
        '-D',
        restoredDir,
        '-w',
        '-t',
        '120',
        '-l',
        join(restoredDir, 'startup.log'),
        '-o',
        `-p ${restoredPort} -c listen_addresses=127.0.0.1`,
      ]);
    } finally {
      await owner.destroy();
      await admin.end();
    }

    // 4. The restored server: recovery finished, the post-backup write is there, every chain verifies.
    const restoredUrl = (url: string) => {
      const u = new URL(url);
      u.port = String(restoredPort);
      return u.toString();
    };
    const restoredAdmin = new Client({ connectionString: restoredUrl(source.adminUrl) });
    await restoredAdmin.connect();
    const restored = await open(restoredUrl(source.ownerUrl));
    try {
      await until(async () => {
        const { rows } = await restoredAdmin.query<{ r: boolean }>(`SELECT pg_is_in_recovery() AS r`);
        return !rows[0].r;
      });
      const callmonkey = await tenantOf(restored, 'callmonkey');
      const probe = await withTenant(restored, callmonkey, (db) =>
        db.query(`SELECT count(*)::int AS n FROM audit_event WHERE actor_name = 'restore probe'`),
      );
      expect(probe).toEqual([{ n: 1 }]);
      const after = await new AuditReaderService(signer).verifyAllChains(restored);
      const source2 = await open(source.ownerUrl);
      try {
        expect(after).toEqual(await new AuditReaderService(signer).verifyAllChains(source2));
      } finally {
        await source2.destroy();
      }
      expect(after.every((r) => r.intact && r.unsealed === 0 && r.checkpoints.valid === r.checkpoints.total)).toBe(
        true,
      );
      expect(after.reduce((n, r) => n + r.checkpoints.total, 0)).toBeGreaterThanOrEqual(2);

      // 5. Tenant isolation holds on the copy: roles, forced RLS and policies came with it.
      const app = new Client({ connectionString: restoredUrl(source.appUrl) });
      await app.connect();
      try {
        const [role] = (await app.query(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`))
          .rows;
        expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
        expect((await app.query(`SELECT count(*)::int AS n FROM subscriber_account`)).rows).toEqual([{ n: 0 }]);
        await app.query('BEGIN');
        await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [callmonkey]);
        const { rows } = await app.query<{ tenant_id: string }>(
          `SELECT DISTINCT tenant_id FROM subscriber_account UNION SELECT DISTINCT tenant_id FROM audit_event`,
        );
        expect(rows).toEqual([{ tenant_id: callmonkey }]);
        await app.query('ROLLBACK');
      } finally {
        await app.end();
      }
    } finally {
      await restored.destroy();
      await restoredAdmin.end();
    }
  }, 240_000);
});

async function tenantOf(ds: DataSource, slug: string): Promise<string> {
  const [row] = (await ds.query(`SELECT id FROM tenant WHERE slug = $1`, [slug])) as { id: string }[];
  return row.id;
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('gave up waiting');
}
