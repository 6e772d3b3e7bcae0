import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './config';

const ROOT = join(__dirname, '../../../../..');

describe('loadConfig', () => {
  it('defaults to the embedded database with demo data', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'embedded', dir: '.data/postgres', port: 54320 });
    expect(config.seedDemo).toBe(true);
    expect(config.session.secureCookie).toBe(false);
  });

  it('uses an external database without demo data unless asked', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app@db/portal',
      MIGRATION_DATABASE_URL: 'postgres://owner@db/portal',
    });
    expect(config.database).toEqual({
      kind: 'external',
      url: 'postgres://app@db/portal',
      migrationUrl: 'postgres://owner@db/portal',
    });
    expect(config.seedDemo).toBe(false);
  });

  it('uses named prepared statements unless told not to (PgBouncer before 1.21), and serves no metrics unless given a port', () => {
    expect(loadConfig({}).dbPreparedStatements).toBe(true);
    expect(loadConfig({ DB_PREPARED_STATEMENTS: 'false' }).dbPreparedStatements).toBe(false);
    expect(loadConfig({}).metrics).toEqual({ port: 0, host: '127.0.0.1' });
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, host: '127.0.0.1' });
  });

  it('names each bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(
      /PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/,
    );
  });

  it('requires the owner connection beside an external runtime connection', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://app@db/portal' })).toThrow(/MIGRATION_DATABASE_URL/);
  });

  it('refuses production without a strong session secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
  });

  it('trusts X-Forwarded-For only from the proxies named, or a number of hops; never from everyone', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.4,fd00::/8,loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.4',
      'fd00::/8',
      'loopback',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: "true" trusts every X-Forwarded-For hop/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.internal' })).toThrow(
      /TRUST_PROXY: "proxy.internal" is not an IP address or CIDR range/,
    );
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '0' })).toThrow(/TRUST_PROXY: a hop count must be 1 to 10/);
  });

  it('marks cookies secure on a real domain', () => {
    expect(loadConfig({ PORTAL_DOMAIN: 'mijnaccount.example' }).session.secureCookie).toBe(true);
  });

  describe('in production', () => {
    const key = () => randomBytes(32).toString('base64');
    const valid = () => ({
      NODE_ENV: 'production',
      SESSION_SECRET: randomBytes(32).toString('hex'),
      SMTP_URL: 'smtp://mail.example:587',
      DATA_KEY: key(),
      AUDIT_SIGNING_KEY: key(),
      DATABASE_URL: `postgres://portal_app:${randomBytes(12).toString('hex')}@db/portal`,
      MIGRATION_DATABASE_URL: `postgres://portal_owner:${randomBytes(12).toString('hex')}@db/portal`,
    });
    /** The message of the refusal: one line, naming the variable. */
    const refusal = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        return (error as Error).message;
      }
      return 'started';
    };

    it('starts with secrets of its own, and never seeds demo data on its own', () => {
      expect(loadConfig(valid()).seedDemo).toBe(false);
      const embedded: Record<string, string> = { ...valid(), DATABASE_URL: '', MIGRATION_DATABASE_URL: '' };
      expect(loadConfig(embedded).seedDemo).toBe(false);
      expect(loadConfig({ ...embedded, NODE_ENV: 'development' }).seedDemo).toBe(true);
    });

    it('refuses demo data (published passwords, no second factor)', () => {
      expect(refusal({ ...valid(), SEED_DEMO: 'true' })).toMatch(
        /^Invalid configuration: SEED_DEMO: [^\n]*refused in production[^\n]*$/,
      );
    });

    it.each([
      ['SESSION_SECRET', 'development-only-session-secret-change-me'],
      ['SESSION_SECRET', 'change-me-to-at-least-32-random-characters'],
      ['DATA_KEY', Buffer.alloc(32, 7).toString('base64')],
      ['DATA_KEY', 'Y2hhbmdlLW1lLWNoYW5nZS1tZS1jaGFuZ2UtbWUtMzI='],
      ['DATA_KEY', 'Y2hhbmdlLW1lLWNoYW5nZS1tZS1jaGFuZ2UtbWUtMzI'],
      ['DATA_KEY', Buffer.alloc(32, 1).toString('base64')],
      ['AUDIT_SIGNING_KEY', Buffer.alloc(32, 9).toString('base64')],
      ['AUDIT_SIGNING_KEY', 'ZXhhbXBsZS1vbmx5LWF1ZGl0LXNlZWQtcmVwbGFjZS0='],
      ['DATABASE_URL', 'postgres://portal_app:portal-app-change-me@postgres:5432/portal'],
      ['MIGRATION_DATABASE_URL', 'postgres://portal_owner:portal-owner-change-me@postgres:5432/portal'],
    ])('refuses the published %s %s with one line naming it', (name, value) => {
      expect(refusal({ ...valid(), [name]: value })).toMatch(new RegExp(`^Invalid configuration: ${name}: [^\\n]+$`));
    });

    it('ships no secret in docker/compose.yaml: each comes from docker/.env', () => {
      const compose = readFileSync(join(ROOT, 'docker/compose.yaml'), 'utf8');
      for (const name of ['POSTGRES_PASSWORD', 'SESSION_SECRET', 'DATA_KEY', 'AUDIT_SIGNING_KEY']) {
        expect(compose).toMatch(new RegExp(`^\\s+${name}: \\$\\{${name}:\\?`, 'm'));
      }
      expect(compose).toMatch(/DATABASE_URL: postgres:\/\/portal_app:\$\{PORTAL_APP_PASSWORD:\?/);
      expect(compose).toMatch(/MIGRATION_DATABASE_URL: postgres:\/\/portal_owner:\$\{PORTAL_OWNER_PASSWORD:\?/);
      expect(compose).not.toMatch(/SEED_DEMO/);
    });

    it('starts with what the README’s generator writes', () => {
      const generated = execFileSync(process.execPath, [join(ROOT, 'tools/scripts/generate-env.mjs')], {
        encoding: 'utf8',
      });
      const env = Object.fromEntries(
        generated
          .split('\n')
          .filter((line) => /^[A-Z_]+=/.test(line))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
      const config = loadConfig({
        NODE_ENV: 'production',
        SMTP_URL: 'smtp://mail.example:587',
        SESSION_SECRET: env['SESSION_SECRET'],
        DATA_KEY: env['DATA_KEY'],
        AUDIT_SIGNING_KEY: env['AUDIT_SIGNING_KEY'],
        DATABASE_URL: `postgres://portal_app:${env['PORTAL_APP_PASSWORD']}@postgres:5432/portal`,
        MIGRATION_DATABASE_URL: `postgres://portal_owner:${env['PORTAL_OWNER_PASSWORD']}@postgres:5432/portal`,
      });
      expect(config.production).toBe(true);
      expect(env['POSTGRES_PASSWORD']).toMatch(/^[0-9a-f]{48}$/);
    });
  });
});
