import { loadConfig } from './config';

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

  it('names each bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(/PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/);
  });

  it('requires the owner connection beside an external runtime connection', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://app@db/portal' })).toThrow(/MIGRATION_DATABASE_URL/);
  });

  it('refuses production without a strong session secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
  });

  it('marks cookies secure on a real domain', () => {
    expect(loadConfig({ PORTAL_DOMAIN: 'mijnaccount.example' }).session.secureCookie).toBe(true);
  });
});
