import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '@mijn-account/api-core';
import { ROUTES } from '@mijn-account/shared-contracts';

/**
 * docker/ cannot be run here (no Docker engine), so it is kept true by reading: the Dockerfile and
 * compose.yaml are parsed and every reference they make is checked against the code — the variables
 * the API reads and what it accepts, the health path, the roles, ports, PgBouncer's settings, the
 * proxy's upstreams, the files they mount and the secrets docker/.env is expected to hold.
 */
const ROOT = join(__dirname, '..', '..', '..', '..', '..', '..');
const DOCKER = join(ROOT, 'docker');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; dockerfile?: string };
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, unknown> | string[];
  command?: unknown;
}

/** The Dockerfile's instructions of the runtime stage (the last FROM), continuation lines joined. */
function runtimeStage(text: string): { instruction: string; args: string }[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [, instruction, args] = /^(\w+)\s+(.*)$/.exec(l) ?? [];
      return { instruction: instruction.toUpperCase(), args };
    });
  const last = lines.map((l) => l.instruction).lastIndexOf('FROM');
  return lines.slice(last);
}

/** KEY=value pairs of ENV lines (the `ENV a=b c=d` form). */
function envOf(stage: { instruction: string; args: string }[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of stage.filter((l) => l.instruction === 'ENV'))
    for (const [, key, value] of args.matchAll(/(\w+)=(\S+)/g)) env[key] = value;
  return env;
}

/** Every variable the API reads: `.env.example` lists them all (config.ts is their only reader). */
const KNOWN = new Set(
  read('.env.example')
    .split('\n')
    .map((l) => /^([A-Z][A-Z0-9_]*)=/.exec(l)?.[1])
    .filter((name): name is string => !!name),
);

/** compose's `${NAME:?…}` / `${NAME}` filled in from an operator's docker/.env. */
function substitute(value: string, secrets: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::\?[^}]*)?\}/g, (_, name: string) => {
    if (!(name in secrets)) throw new Error(`${name} is not written by tools/scripts/generate-env.mjs`);
    return secrets[name];
  });
}

function ini(text: string): Record<string, Record<string, string>> {
  const sections: Record<string, Record<string, string>> = {};
  let current = '';
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) current = section[1];
    else {
      const [, key, value] = /^([^=]+?)\s*=\s*(.*)$/.exec(line) ?? [];
      (sections[current] ??= {})[key] = value;
    }
  }
  return sections;
}

describe('deployment files (docker/)', () => {
  const stage = runtimeStage(read('docker/Dockerfile'));
  const imageEnv = envOf(stage);
  const compose = parse(read('docker/compose.yaml'), { merge: true }) as { services: Record<string, Service> };
  const services = compose.services;
  const portals = Object.entries(services).filter(([, s]) => s.build?.dockerfile === 'docker/Dockerfile');
  // An operator's docker/.env, as the script the compose file names writes it.
  const secrets = Object.fromEntries(
    execFileSync(process.execPath, [join(ROOT, 'tools/scripts/generate-env.mjs')], { encoding: 'utf8' })
      .split('\n')
      .map((l) => /^(\w+)=(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1], m[2]]),
  );
  const pgbouncer = ini(read('docker/pgbouncer/pgbouncer.ini'));
  const configOf = (service: Service) =>
    loadConfig({
      ...imageEnv,
      ...Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([k, v]) => [k, substitute(String(v), secrets)]),
      ),
    });

  it('runs the image as a non-root user, with a liveness health check and the API bundle as its command', () => {
    const user = stage.filter((l) => l.instruction === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
    const healthcheck = stage.find((l) => l.instruction === 'HEALTHCHECK')?.args ?? '';
    expect(healthcheck).toContain(`'/api/${ROUTES.health}/live'`);
    expect(read('libs/api/core/src/lib/health.controller.ts')).toContain(`@Get('live')`);
    expect(healthcheck).toContain('process.env.PORT');
    expect(stage.find((l) => l.instruction === 'EXPOSE')?.args).toBe(imageEnv['PORT']);
    expect(stage.find((l) => l.instruction === 'CMD')?.args).toBe('["node", "main.js"]');
    // main.js (and cli.js, which the compose file's tenant:create runs) are what the api build writes.
    const build = read('apps/api/webpack.config.js');
    expect(build).toContain(`main: './src/main.ts'`);
    expect(build).toContain(`{ entryName: 'cli', entryPath: './src/cli.ts' }`);
    expect(read('docker/compose.yaml')).toContain('node cli.js tenant:create');
  });

  it('sets only variables the API reads, the role by build argument or environment', () => {
    expect(Object.keys(imageEnv).filter((name) => !KNOWN.has(name))).toEqual([]);
    const arg = stage.find((l) => l.instruction === 'ARG' && l.args.startsWith('PROCESS_ROLE='))?.args;
    expect(arg).toBe('PROCESS_ROLE=all');
    expect(imageEnv['PROCESS_ROLE']).toBe('${PROCESS_ROLE}');
    for (const [name, service] of portals) {
      expect({ name, unknown: Object.keys(service.environment ?? {}).filter((k) => !KNOWN.has(k)) }).toEqual({
        name,
        unknown: [],
      });
    }
  });

  it('runs two web processes and one worker that the API accepts in production, through PgBouncer', () => {
    const roles = portals.map(([name, service]) => [
      name,
      configOf({
        ...service,
        environment: { ...service.environment, PROCESS_ROLE: service.environment?.['PROCESS_ROLE'] ?? 'all' },
      }).role,
    ]);
    expect(roles).toEqual([
      ['web1', 'web'],
      ['web2', 'web'],
      ['worker', 'worker'],
    ]);
    for (const [, service] of portals) {
      const config = configOf(service);
      expect(config.production).toBe(true);
      expect(config.database.kind).toBe('external');
      if (config.database.kind !== 'external') continue;
      const runtime = new URL(config.database.url);
      const owner = new URL(config.database.migrationUrl);
      // The runtime role through PgBouncer's port and database; migrations straight to PostgreSQL.
      expect([runtime.hostname, runtime.port, runtime.username]).toEqual([
        'pgbouncer',
        pgbouncer['pgbouncer']['listen_port'],
        'portal_app',
      ]);
      expect(pgbouncer['databases'][runtime.pathname.slice(1)]).toBe('host=postgres port=5432 dbname=portal');
      expect([owner.hostname, owner.port, owner.username, owner.pathname]).toEqual([
        'postgres',
        '5432',
        'portal_owner',
        '/portal',
      ]);
      expect(config.trustProxy).toBe(1);
      expect(config.metrics.port).toBeGreaterThan(0);
      // Named prepared statements only where PgBouncer keeps them (ADR 0008, docs/operations.md).
      expect(config.dbPreparedStatements).toBe(Number(pgbouncer['pgbouncer']['max_prepared_statements']) > 0);
      expect(Number(pgbouncer['pgbouncer']['default_pool_size'])).toBeGreaterThanOrEqual(config.dbPoolSize);
      expect(config.mail.smtpUrl).toBe('smtp://maildev:1025');
      // No portal publishes a port: clients come through the proxy, the metrics listener stays inside.
      expect(service.ports).toBeUndefined();
    }
    expect(Number(pgbouncer['pgbouncer']['max_client_conn'])).toBeGreaterThanOrEqual(
      portals.length * configOf(portals[0][1]).dbPoolSize,
    );
  });

  it('keeps PgBouncer in transaction mode with the auth file its entrypoint writes', () => {
    expect(pgbouncer['pgbouncer']['pool_mode']).toBe('transaction');
    expect(pgbouncer['pgbouncer']['auth_type']).toBe('scram-sha-256');
    const entrypoint = read('docker/pgbouncer/entrypoint.sh');
    expect(entrypoint).toContain(`> ${pgbouncer['pgbouncer']['auth_file']}`);
    expect(entrypoint).toContain('"portal_app"');
    expect(entrypoint).toContain('exec pgbouncer /etc/pgbouncer/pgbouncer.ini');
    const dockerfile = read('docker/pgbouncer/Dockerfile');
    expect(dockerfile).toContain('COPY pgbouncer.ini /etc/pgbouncer/pgbouncer.ini');
    expect(dockerfile).toMatch(/^USER (?!root)\w+/m);
    expect(Object.keys(services['pgbouncer'].environment ?? {})).toEqual(['PORTAL_APP_PASSWORD']);
  });

  it('balances the web processes, and only them, behind the proxy on the port the image listens on', () => {
    const nginx = read('docker/proxy/nginx.conf');
    const upstreams = [...nginx.matchAll(/^\s*server\s+([\w-]+):(\d+)/gm)].map((m) => [m[1], m[2]]);
    expect(upstreams).toEqual([
      ['web1', imageEnv['PORT']],
      ['web2', imageEnv['PORT']],
    ]);
    const listen = /listen\s+(\d+);/.exec(nginx)?.[1];
    expect(services['proxy'].ports).toEqual([`3000:${listen}`]);
    expect(nginx).toContain('proxy_set_header Host $host;');
    expect(nginx).toContain('proxy_set_header X-Forwarded-For');
  });

  it('mounts and builds only files that exist, depends only on services it defines, and takes every secret from docker/.env', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        const [source] = volume.split(':');
        if (source.startsWith('.'))
          expect({ name, source, exists: existsSync(join(DOCKER, source)) }).toEqual({ name, source, exists: true });
      }
      if (service.build) {
        const context = join(DOCKER, service.build.context);
        expect(existsSync(join(context, service.build.dockerfile ?? 'Dockerfile'))).toBe(true);
      }
      const deps = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      expect(deps.filter((d) => !(d in services))).toEqual([]);
      // Every ${…} resolves from what generate-env.mjs writes (substitute throws otherwise).
      for (const value of Object.values(service.environment ?? {}))
        expect(() => substitute(String(value), secrets)).not.toThrow();
    }
    // The postgres image's init script reads the role passwords compose passes it.
    const roles = read('docker/postgres/10-roles.sh');
    for (const name of roles.match(/\$\{(\w+)/g)?.map((m) => m.slice(2)) ?? [])
      expect(Object.keys(services['postgres'].environment ?? {})).toContain(name);
    // No secret is written into the compose file itself.
    const text = read('docker/compose.yaml');
    for (const value of Object.values(secrets)) expect(text).not.toContain(value);
  });
});
