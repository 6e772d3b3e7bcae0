import { defineConfig } from '@playwright/test';

/**
 * Browser and HTTP tests against the built portal (`node dist/apps/api/main.js`) on a fresh embedded
 * PostgreSQL with the demo data, in Debian's Chromium (no browser download).
 */
const PORT = Number(process.env['E2E_PORT'] ?? 3100);
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** The local OpenID provider standing in for Google (this port) and Microsoft (the next). */
const OIDC_PORT = PORT + 1010;
const MAILDEV_WEB_PORT = PORT + 1080;
const redirects = ['callmonkey', 'contactmonkey'].flatMap((tenant) =>
  ['google', 'microsoft'].map(
    (provider) => `--redirect http://${tenant}.localhost:${PORT}/api/auth/${provider}/callback`,
  ),
);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.e2e.ts',
  // Fails the run on any cookie a page got that the cookie declaration does not list (issue 18 §7).
  globalTeardown: './cookie-check.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env['CI'],
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://callmonkey.localhost:${PORT}`,
    trace: 'retain-on-failure',
    // Angular Material reads prefers-reduced-motion once and then shows and dismisses its snackbar
    // without a fade. With the fade, a snackbar whose 6 s ran out while axe was checking the page
    // had half-transparent text for 75 ms and failed color-contrast (seen in a clean-clone run,
    // 2026-11-30): a moment of an animation, not the page. Applies to every context a test opens.
    reducedMotion: 'reduce',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    },
  },
  webServer: [
    {
      command: `node tools/oidc-provider/server.mjs --google-port ${OIDC_PORT} --microsoft-port ${OIDC_PORT + 1} ${redirects.join(' ')}`,
      cwd: '..',
      url: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      // The portal with its own MailDev (SMTP + web inbox) on ports of its own; tests read mail from MailDev's API.
      command: 'rm -rf tmp/e2e && node dist/apps/api/main.js',
      cwd: '..',
      url: `http://127.0.0.1:${PORT}/api/health`,
      reuseExistingServer: false,
      // A fresh database, migrations and the demo data (with a billing run): about 20 s on a quiet
      // machine, over 60 s on a loaded one.
      timeout: 180_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      env: {
        PORT: String(PORT),
        EMBEDDED_PG_DIR: 'tmp/e2e/postgres',
        EMBEDDED_PG_PORT: String(PORT + 51_000),
        MAILDEV_SMTP_PORT: String(PORT + 1025),
        MAILDEV_WEB_PORT: String(MAILDEV_WEB_PORT),
        MAIL_POLL_SECONDS: '0.5',
        OIDC_ALLOW_HTTP: 'true',
        LOG_LEVEL: 'warn',
      },
    },
  ],
});
