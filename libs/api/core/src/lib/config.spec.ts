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

  it('trusts X-Forwarded-For only from the proxies named, or a number of hops; never from everyone', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.4,fd00::/8,loopback' }).trustProxy).toEqual(['10.0.0.0/8', '192.168.1.4', 'fd00::/8', 'loopback']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: "true" trusts every X-Forwarded-For hop/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.internal' })).toThrow(/TRUST_PROXY: "proxy.internal" is not an IP address or CIDR range/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '0' })).toThrow(/TRUST_PROXY: a hop count must be 1 to 10/);
  });

  it('marks cookies secure on a real domain', () => {
    expect(loadConfig({ PORTAL_DOMAIN: 'mijnaccount.example' }).session.secureCookie).toBe(true);
  });
});
