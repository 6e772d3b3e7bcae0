import { bool, cleanEnv, makeValidator, num, port, str } from 'envalid';
import {
  DEVELOPMENT_AUDIT_SEED,
  DEVELOPMENT_DATA_KEY,
  DEVELOPMENT_SESSION_SECRET,
  hasPublishedPassword,
  isPublishedKey,
  isPublishedSessionSecret,
} from './published-secrets';
import { trustProxy } from './trust-proxy';

const optionalUrl = makeValidator<string>((value) => {
  if (value === '') return '';
  try {
    const url = new URL(value);
    if (!/^postgres(ql)?:$/.test(url.protocol)) throw new Error('not a postgres URL');
    return value;
  } catch {
    throw new Error('must be a postgres:// URL');
  }
});

/**
 * The only reader of `process.env` in the API. Validated once at boot; a bad value stops the
 * process with a message naming the variable. Every variable is listed in `.env.example`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const raw = cleanEnv(
    env,
    {
      NODE_ENV: str({ choices: ['development', 'test', 'production'], default: 'development' }),
      PROCESS_ROLE: str({
        choices: ['all', 'web', 'worker'],
        default: 'all',
        desc: 'web: HTTP only (queues jobs); worker: jobs, access-log sealing, schedules, health on PORT; all: both',
      }),
      DRAIN_GRACE_SECONDS: num({ default: 10, desc: 'on SIGTERM, how long in-flight requests and jobs may finish' }),
      HOST: str({ default: '127.0.0.1', desc: 'interface to listen on (0.0.0.0 in containers)' }),
      PORT: port({ default: 3000 }),
      DATABASE_URL: optionalUrl({ default: '', desc: 'runtime role; empty starts the embedded PostgreSQL' }),
      MIGRATION_DATABASE_URL: optionalUrl({ default: '', desc: 'owner role that runs migrations' }),
      EMBEDDED_PG_DIR: str({ default: '.data/postgres' }),
      EMBEDDED_PG_PORT: port({ default: 54320 }),
      SEED_DEMO: str({ choices: ['auto', 'true', 'false'], default: 'auto' }),
      PORTAL_DOMAIN: str({ default: 'localhost', desc: 'tenants answer on <slug>.<PORTAL_DOMAIN>' }),
      SESSION_SECRET: str({ default: '', desc: 'HMAC key for CSRF tokens; required in production' }),
      SESSION_IDLE_MINUTES: num({ default: 30 }),
      SESSION_ABSOLUTE_HOURS: num({ default: 12 }),
      COOKIE_SECURE: str({ choices: ['auto', 'true', 'false'], default: 'auto' }),
      BODY_LIMIT_BYTES: num({ default: 100 * 1024 }),
      DB_POOL_SIZE: num({ default: 10 }),
      DB_STATEMENT_TIMEOUT_SECONDS: num({
        default: 30,
        desc: 'longest a statement of a tenant transaction may run (lock waits included): then 503; 0 turns it off',
      }),
      DB_CONNECT_TIMEOUT_SECONDS: num({
        default: 10,
        desc: 'longest a request waits for a pooled connection (a database that does not answer, a full pool): then 503',
      }),
      TENANT_CACHE_SECONDS: num({
        default: 30,
        desc: "how long a host's tenant is kept per process; an older one still serves pages while the database is away",
      }),
      DB_PREPARED_STATEMENTS: bool({
        default: true,
        desc: 'named prepared statements (ADR 0008); false behind PgBouncer older than 1.21 in transaction mode',
      }),
      TRUST_PROXY: trustProxy({
        default: false,
        desc: 'proxies that may set X-Forwarded-For: addresses/CIDRs, or a hop count',
      }),
      METRICS_PORT: num({
        default: 0,
        desc: 'port of the Prometheus metrics listener (GET /metrics); 0 turns it off',
      }),
      METRICS_HOST: str({
        default: '127.0.0.1',
        desc: 'interface of the metrics listener: loopback unless a scraper elsewhere must reach it',
      }),
      LOG_LEVEL: str({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
      WEB_DIST: str({ default: 'dist/apps/web/browser', desc: 'built Angular app served on every tenant host' }),
      SMTP_URL: str({
        default: '',
        desc: 'smtp(s)://user:pass@host:port; empty starts a local MailDev mailbox (not in production)',
      }),
      MAIL_FROM: str({
        default: 'no-reply@mijn-account.localhost',
        desc: 'sender address; the tenant name is the display name',
      }),
      MAIL_POLL_SECONDS: num({ default: 2, desc: 'how often the mail worker looks for queued mail' }),
      MAILDEV_SMTP_PORT: port({ default: 1025 }),
      MAILDEV_WEB_PORT: port({ default: 1080 }),
      DATA_KEY: str({
        default: '',
        desc: 'base64 32-byte key that encrypts stored secrets (TOTP, client secrets); required in production',
      }),
      NEWSLETTER_RATE_PER_MINUTE: num({ default: 120, desc: 'newsletter mails handed to SMTP per minute and tenant' }),
      PRIVACY_STATEMENT_VERSION: str({
        default: '2026-11',
        desc: 'version of the privacy statement shown with every opt-in (kept in the consent record)',
      }),
      AUDIT_SIGNING_KEY: str({
        default: '',
        desc: 'base64 32-byte Ed25519 seed that signs access-log checkpoints; required in production',
      }),
      AUDIT_CHECKPOINT_MINUTES: num({ default: 60, desc: 'how often chain heads are signed; 0 turns the timer off' }),
      AUDIT_SEAL_SECONDS: num({
        default: 1,
        desc: 'how often new access-log events are chained; 0 turns the timer off',
      }),
      OIDC_ALLOW_HTTP: bool({ default: false, desc: 'allow http:// identity providers (local test providers only)' }),
      BILLING_BATCH_SIZE: num({
        default: 500,
        desc: 'subscriptions drafted, or invoices finalised, per billing transaction',
      }),
      BILLING_POLL_SECONDS: num({ default: 2, desc: 'how often the billing worker looks for jobs' }),
      BILLING_DRAFT_CONCURRENCY: num({
        default: 2,
        desc: "drafting batches of one run worked at once (jobs in flight; this process's workers of the queue)",
      }),
      BILLING_WORKER: bool({ default: true, desc: 'work billing jobs in this process (false: only queue them)' }),
      PRIVACY_WORKER: bool({
        default: true,
        desc: 'work privacy jobs (exports, erasures, deadline and statement mails) in this process',
      }),
      BILLING_RENDER_WORKER: bool({
        default: true,
        desc: "render issued invoices' PDF/UBL in this process (false: leave them to other workers)",
      }),
    },
    { reporter: failOnBadEnv },
  );
  if (raw.DATABASE_URL && !raw.MIGRATION_DATABASE_URL) {
    failOnBadEnv({ errors: { MIGRATION_DATABASE_URL: new Error('is required when DATABASE_URL is set') } });
  }
  const production = raw.NODE_ENV === 'production';
  if (production && raw.SESSION_SECRET.length < 32) {
    failOnBadEnv({ errors: { SESSION_SECRET: new Error('needs at least 32 characters in production') } });
  }
  if (production && !raw.SMTP_URL) {
    failOnBadEnv({ errors: { SMTP_URL: new Error('is required in production') } });
  }
  if (raw.DATA_KEY && Buffer.from(raw.DATA_KEY, 'base64').length !== 32) {
    failOnBadEnv({ errors: { DATA_KEY: new Error('must be 32 bytes, base64-encoded (openssl rand -base64 32)') } });
  }
  if (production && !raw.DATA_KEY) {
    failOnBadEnv({ errors: { DATA_KEY: new Error('is required in production') } });
  }
  if (raw.AUDIT_SIGNING_KEY && Buffer.from(raw.AUDIT_SIGNING_KEY, 'base64').length !== 32) {
    failOnBadEnv({
      errors: {
        AUDIT_SIGNING_KEY: new Error('must be a 32-byte Ed25519 seed, base64-encoded (openssl rand -base64 32)'),
      },
    });
  }
  if (production && !raw.AUDIT_SIGNING_KEY) {
    failOnBadEnv({ errors: { AUDIT_SIGNING_KEY: new Error('is required in production') } });
  }
  if (production) failOnBadEnv({ errors: publishedInProduction(raw) });
  const embedded = raw.DATABASE_URL === '';
  const role = raw.PROCESS_ROLE as ProcessRole;
  // A web process queues jobs but works none: background work is the worker's (ADR 0016).
  const works = role !== 'web';
  return Object.freeze({
    production,
    role,
    drainGraceMs: Math.max(0, raw.DRAIN_GRACE_SECONDS) * 1000,
    host: raw.HOST,
    port: raw.PORT,
    database: embedded
      ? ({ kind: 'embedded', dir: raw.EMBEDDED_PG_DIR, port: raw.EMBEDDED_PG_PORT } as const)
      : ({ kind: 'external', url: raw.DATABASE_URL, migrationUrl: raw.MIGRATION_DATABASE_URL } as const),
    dbPoolSize: raw.DB_POOL_SIZE,
    dbStatementTimeoutMs: Math.max(0, raw.DB_STATEMENT_TIMEOUT_SECONDS) * 1000,
    dbConnectTimeoutMs: Math.max(0, raw.DB_CONNECT_TIMEOUT_SECONDS) * 1000,
    tenantCacheMs: Math.max(0, raw.TENANT_CACHE_SECONDS) * 1000,
    dbPreparedStatements: raw.DB_PREPARED_STATEMENTS,
    // Demo users have a published password and no second factor: never in production (refused above).
    seedDemo: raw.SEED_DEMO === 'auto' ? embedded && !production : raw.SEED_DEMO === 'true',
    portalDomain: raw.PORTAL_DOMAIN.toLowerCase(),
    session: {
      // A fixed development key keeps sessions valid across restarts of `npm start`; production must set one.
      secret: raw.SESSION_SECRET || DEVELOPMENT_SESSION_SECRET,
      idleMs: raw.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: raw.SESSION_ABSOLUTE_HOURS * 3_600_000,
      secureCookie: raw.COOKIE_SECURE === 'auto' ? raw.PORTAL_DOMAIN !== 'localhost' : raw.COOKIE_SECURE === 'true',
    },
    bodyLimit: raw.BODY_LIMIT_BYTES,
    trustProxy: raw.TRUST_PROXY,
    logLevel: raw.LOG_LEVEL,
    metrics: { port: Math.max(0, Math.floor(raw.METRICS_PORT)), host: raw.METRICS_HOST },
    webDist: raw.WEB_DIST,
    mail: {
      // Empty: `npm start` runs MailDev and points here; tests pass their own server.
      smtpUrl: raw.SMTP_URL || `smtp://127.0.0.1:${raw.MAILDEV_SMTP_PORT}`,
      localMailbox: raw.SMTP_URL ? null : { smtpPort: raw.MAILDEV_SMTP_PORT, webPort: raw.MAILDEV_WEB_PORT },
      from: raw.MAIL_FROM,
      pollSeconds: raw.MAIL_POLL_SECONDS,
    },
    // A fixed development key keeps stored secrets readable across restarts of `npm start`.
    dataKey: raw.DATA_KEY ? Buffer.from(raw.DATA_KEY, 'base64') : DEVELOPMENT_DATA_KEY,
    oidcAllowHttp: raw.OIDC_ALLOW_HTTP && !production,
    audit: {
      // A fixed development seed keeps checkpoints verifiable across restarts of `npm start`.
      signingSeed: raw.AUDIT_SIGNING_KEY ? Buffer.from(raw.AUDIT_SIGNING_KEY, 'base64') : DEVELOPMENT_AUDIT_SEED,
      checkpointMinutes: raw.AUDIT_CHECKPOINT_MINUTES,
      sealSeconds: raw.AUDIT_SEAL_SECONDS,
    },
    newsletters: {
      ratePerMinute: Math.max(1, raw.NEWSLETTER_RATE_PER_MINUTE),
      privacyVersion: raw.PRIVACY_STATEMENT_VERSION,
    },
    billing: {
      batchSize: Math.max(1, Math.floor(raw.BILLING_BATCH_SIZE)),
      draftConcurrency: Math.max(1, Math.floor(raw.BILLING_DRAFT_CONCURRENCY)),
      pollSeconds: Math.max(0.5, raw.BILLING_POLL_SECONDS),
      worker: works && raw.BILLING_WORKER,
      renderWorker: works && raw.BILLING_RENDER_WORKER,
    },
    privacy: {
      worker: works && raw.PRIVACY_WORKER,
      pollSeconds: 2,
    },
  });
}

export type AppConfig = ReturnType<typeof loadConfig>;

/** What a process runs (PROCESS_ROLE): `all` is `npm start`'s one process. */
export type ProcessRole = 'all' | 'web' | 'worker';

const GENERATE = 'generate one with `node tools/scripts/generate-env.mjs`';

/** Production refuses demo data and every secret this repository publishes (see published-secrets.ts). */
function publishedInProduction(raw: {
  SEED_DEMO: string;
  SESSION_SECRET: string;
  DATA_KEY: string;
  AUDIT_SIGNING_KEY: string;
  DATABASE_URL: string;
  MIGRATION_DATABASE_URL: string;
}): Record<string, Error> {
  const errors: Record<string, Error> = {};
  if (raw.SEED_DEMO === 'true') {
    errors['SEED_DEMO'] = new Error(
      'demo data (published passwords, no second factor) is refused in production; use false',
    );
  }
  if (isPublishedSessionSecret(raw.SESSION_SECRET))
    errors['SESSION_SECRET'] = new Error(`is a published example value; ${GENERATE}`);
  for (const name of ['DATA_KEY', 'AUDIT_SIGNING_KEY'] as const) {
    if (isPublishedKey(Buffer.from(raw[name], 'base64')))
      errors[name] = new Error(`is a published or non-random key; ${GENERATE}`);
  }
  for (const name of ['DATABASE_URL', 'MIGRATION_DATABASE_URL'] as const) {
    if (hasPublishedPassword(raw[name])) errors[name] = new Error(`has a published example password; ${GENERATE}`);
  }
  return errors;
}

function failOnBadEnv({ errors }: { errors: Partial<Record<string, Error>> }): void {
  const names = Object.entries(errors);
  if (names.length === 0) return;
  // One line per bad variable, so a refused start reads as one line naming it.
  throw new Error(
    names.map(([name, error]) => `Invalid configuration: ${name}: ${error?.message ?? 'invalid'}`).join('\n'),
  );
}

/** Nest injection token for the validated config. */
export const APP_CONFIG = Symbol('APP_CONFIG');
