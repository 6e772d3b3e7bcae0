import { defineConfig } from '@playwright/test';

/**
 * Browser and HTTP tests against the built portal (`node dist/apps/api/main.js`) on a fresh embedded
 * PostgreSQL with the demo data, in Debian's Chromium (no browser download).
 */
const PORT = Number(process.env['E2E_PORT'] ?? 3100);
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.e2e.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env['CI'],
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://callmonkey.localhost:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
  },
  webServer: {
    command: 'rm -rf tmp/e2e && node dist/apps/api/main.js',
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: {
      PORT: String(PORT),
      EMBEDDED_PG_DIR: 'tmp/e2e/postgres',
      EMBEDDED_PG_PORT: String(PORT + 51_000),
      LOG_LEVEL: 'warn',
    },
  },
});
