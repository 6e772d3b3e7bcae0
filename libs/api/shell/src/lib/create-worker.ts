import { type Server, createServer } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, HealthService, PinoNestLogger, createLogger } from '@mijn-account/api-core';
import { API_PREFIX, ROUTES } from '@mijn-account/shared-contracts';
import { AppModule } from './app.module';

/**
 * A worker process (PROCESS_ROLE=worker): the whole application without its HTTP API — queue
 * workers, the access-log sealer and checkpoints, pg-boss schedules. Its only listener is
 * `listenForHealth`.
 */
export async function createWorker(config: AppConfig, runtimeDatabaseUrl: string): Promise<INestApplicationContext> {
  const logger = createLogger(config.logLevel, { production: config.production });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, runtimeDatabaseUrl), {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  await app.init();
  return app;
}

/**
 * Liveness and readiness of a worker on a port of its own (a container's HEALTHCHECK, a supervisor):
 * the same paths and answers as the web process's (`/api/health/live`, `/api/health/ready`), and
 * nothing else — a 404 for any other path.
 */
export async function listenForHealth(
  app: INestApplicationContext,
  { host, port }: { host: string; port: number },
): Promise<Server> {
  const health = app.get(HealthService);
  const base = `/${API_PREFIX}/${ROUTES.health}`;
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0].replace(/\/$/, '');
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(405, { status: 'error' });
    if (path === `${base}/live`) return answer(200, { status: 'ok' });
    if (path === `${base}/ready` || path === base) {
      health.readiness().then(
        ({ ready, body }) => answer(ready ? 200 : 503, body),
        () => answer(503, { status: 'error' }),
      );
      return;
    }
    answer(404, { status: 'error' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
