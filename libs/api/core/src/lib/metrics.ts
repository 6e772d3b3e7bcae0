import { createServer, type Server } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { QUEUE_SCHEMA } from '@mijn-account/api-database';
import { APP_CONFIG, type AppConfig } from './config';

/** The route label of a request that matched no route (kept apart so raw URLs never become labels). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The process's Prometheus metrics (issue 19 §3), one registry per application instance. Served on
 * a listener of its own (`METRICS_PORT`, on `METRICS_HOST`, loopback by default; off when 0), never
 * on a tenant's host: what a scraper sees is not behind the portal's sign-in, so it must not be
 * reachable from outside. Labels are bounded: route patterns (never raw URLs), status codes, queue
 * names, outcomes — no tenant, user or address. Listed with example alerts in docs/operations.md.
 */
@Injectable()
export class Metrics implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Metrics.name);
  readonly registry = new Registry();
  private server: Server | null = null;

  private readonly requests = new Counter({
    name: 'portal_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'portal_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly signInFailures = new Counter({
    name: 'portal_sign_in_failures_total',
    help: 'Sign-ins refused: after the password or second factor was checked, or throttled (429) before, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly mails = new Counter({
    name: 'portal_mails_total',
    help: 'Mail deliveries tried by this process, by outcome (sent or failed; failed ones are retried)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly sealLag = new Histogram({
    name: 'portal_audit_seal_lag_seconds',
    help: 'Time from an access-log event being written to its being chained by the sealer',
    buckets: [0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
    registers: [this.registry],
  });
  private readonly sealFailures = new Counter({
    name: 'portal_audit_seal_failures_total',
    help: 'Access-log seal or checkpoint passes that failed (tried again on the next tick)',
    registers: [this.registry],
  });

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const pool = () => (this.dataSource.driver as unknown as { master?: Pool }).master;
    new Gauge({
      name: 'portal_db_pool_connections',
      help: "The runtime role's connection pool: in use, idle, and requests waiting for a connection",
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'in_use' }, p.totalCount - p.idleCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
      },
    });
    new Gauge({
      name: 'portal_db_pool_max',
      help: "The most connections the runtime role's pool opens (DB_POOL_SIZE)",
      registers: [this.registry],
      collect: function () {
        this.set(config.dbPoolSize);
      },
    });
    const queues = () => this.queueStates();
    new Gauge({
      name: 'portal_queue_jobs',
      help: 'Jobs per queue: waiting (due and not started) and active',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const q of await queues()) {
          this.set({ queue: q.name, state: 'waiting' }, q.waiting);
          this.set({ queue: q.name, state: 'active' }, q.active);
        }
      },
    });
    new Gauge({
      name: 'portal_queue_oldest_waiting_seconds',
      help: 'Per queue, how long the oldest due job has waited to be started (0 when none waits)',
      labelNames: ['queue'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const q of await queues()) this.set({ queue: q.name }, q.oldestSeconds);
      },
    });
    new Gauge({
      name: 'portal_audit_oldest_unsealed_seconds',
      help: 'How long the oldest committed access-log event not yet chained has waited, over all tenants (0 when none)',
      registers: [this.registry],
      async collect() {
        // SQL: one timestamp from a function that looks at each tenant in turn (migration 1796400000000).
        const [row]: { seconds: number | null }[] = await dataSource.query(
          `SELECT EXTRACT(EPOCH FROM now() - audit_oldest_unsealed_at())::float8 AS seconds`,
        );
        this.set(Math.max(0, row?.seconds ?? 0));
      },
    });
  }

  /** One answered request; `route` is the matched route's pattern (undefined: none matched). */
  observeRequest(method: string, route: string | undefined, status: number, seconds: number): void {
    const pattern = route ?? UNMATCHED_ROUTE;
    this.requests.inc({ method, route: pattern, status: String(status) });
    this.duration.observe({ method, route: pattern }, seconds);
  }

  signInFailed(outcome: 'failed' | 'second-factor-failed' | 'locked' | 'throttled'): void {
    this.signInFailures.inc({ outcome });
  }

  mailDelivered(outcome: 'sent' | 'failed'): void {
    this.mails.inc({ outcome });
  }

  /** An access-log event written at `writtenAt` has just been chained. */
  eventSealed(writtenAt: Date): void {
    this.sealLag.observe(Math.max(0, (Date.now() - writtenAt.getTime()) / 1000));
  }

  sealFailed(): void {
    this.sealFailures.inc();
  }

  /** The exposition text (what the metrics listener answers). */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  async onApplicationBootstrap(): Promise<void> {
    const { port, host } = this.config.metrics;
    if (port === 0) return;
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      this.scrape().then(
        (text) => response.writeHead(200, { 'content-type': this.registry.contentType }).end(text),
        (error: unknown) => {
          this.logger.error({ err: error }, 'metrics scrape failed');
          response.writeHead(500).end();
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    this.logger.log(`metrics on http://${host}:${port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  /** Every queue pg-boss knows, with its waiting and active jobs and the oldest due job's wait. */
  private async queueStates(): Promise<{ name: string; waiting: number; active: number; oldestSeconds: number }[]> {
    // SQL: pg-boss's own tables (no tenant data); one grouped read per scrape.
    const rows: { name: string; waiting: string; active: string; oldest: number | null }[] =
      await this.dataSource.query(
        `SELECT q.name,
                count(j.*) FILTER (WHERE j.state IN ('created', 'retry') AND j.start_after <= now()) AS waiting,
                count(j.*) FILTER (WHERE j.state = 'active') AS active,
                extract(epoch FROM now() - min(j.start_after) FILTER (WHERE j.state IN ('created', 'retry') AND j.start_after <= now()))::float8 AS oldest
           FROM ${QUEUE_SCHEMA}.queue q
           LEFT JOIN ${QUEUE_SCHEMA}.job j ON j.name = q.name AND j.state < 'completed'
          GROUP BY q.name ORDER BY q.name`,
      );
    return rows.map((r) => ({
      name: r.name,
      waiting: Number(r.waiting),
      active: Number(r.active),
      oldestSeconds: Math.max(0, r.oldest ?? 0),
    }));
  }
}
