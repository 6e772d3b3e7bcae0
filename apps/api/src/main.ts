import type { Server } from 'node:http';
import { setTimeout } from 'node:timers/promises';
import { type INestApplicationContext, Logger } from '@nestjs/common';
import {
  type AppConfig,
  HealthService,
  JobQueue,
  PinoNestLogger,
  createLogger,
  loadConfig,
} from '@mijn-account/api-core';
import { createDataSource } from '@mijn-account/api-database';
import {
  type DatabaseConnections,
  ENTITIES,
  createApp,
  createWorker,
  listenForHealth,
  prepareDatabase,
  seedDemoData,
  startLocalMailbox,
} from '@mijn-account/api-shell';

/**
 * `npm start`: database (embedded unless DATABASE_URL), migrations, demo data where asked for,
 * then the API and the web app on one origin. Ctrl-C stops all of it, the embedded database too.
 * PROCESS_ROLE=web serves HTTP and works no jobs; PROCESS_ROLE=worker works jobs and answers only
 * health on PORT (ADR 0016).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  // What is logged before the app exists (database, migrations, demo data) goes the same way as the
  // app's logs: JSON lines, or readable ones at a terminal (logFormat); not Nest's own format.
  Logger.overrideLogger(new PinoNestLogger(createLogger(config.logLevel, { production: config.production })));
  const logger = new Logger('main');
  const db = await prepareDatabase(config, (message) => logger.log(message));
  try {
    await serve(config, db, logger);
  } catch (error) {
    await db.stop();
    throw error;
  }
}

async function serve(config: AppConfig, db: DatabaseConnections, logger: Logger): Promise<void> {
  if (config.seedDemo) {
    const owner = await createDataSource({
      url: db.ownerUrl,
      poolSize: 1,
      entities: ENTITIES,
      preparedStatements: config.dbPreparedStatements,
    }).initialize();
    try {
      if (await seedDemoData(owner, config)) logger.log('seeded the demo tenants callmonkey and contactmonkey');
    } finally {
      await owner.destroy();
    }
  }

  const mailbox = config.mail.localMailbox ? await startLocalMailbox(config.mail.localMailbox) : null;
  let app: INestApplicationContext & { close(): Promise<void> };
  let healthServer: Server | null = null;
  if (config.role === 'worker') {
    app = await createWorker(config, db.appUrl);
    healthServer = await listenForHealth(app, { host: config.host, port: config.port });
    logger.log(`worker ready: works ${app.get(JobQueue).queues.length} queues; health on port ${config.port}`);
  } else {
    const web = await createApp(config, db.appUrl);
    await web.listen({ port: config.port, host: config.host });
    app = web;
    const base =
      config.portalDomain === 'localhost' ? `http://%s.localhost:${config.port}` : `https://%s.${config.portalDomain}`;
    logger.log(
      `portal ready${config.role === 'all' ? '' : ` (${config.role})`}: ${base.replace('%s', 'callmonkey')} and ${base.replace('%s', 'contactmonkey')}`,
    );
    logger.log(`API docs: ${base.replace('%s', 'callmonkey')}/api/docs`);
  }
  if (mailbox) logger.log(`mailbox: every mail the portal sends is at ${mailbox.webUrl}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping (in-flight work may take ${config.drainGraceMs / 1000} s)`);
    // Readiness says 503 at once and no job is taken any more, while the listener closes and
    // in-flight requests and jobs finish — for DRAIN_GRACE_SECONDS at most; then the process exits.
    app.get(HealthService).drain();
    const closed = (async () => {
      await app.get(JobQueue).stopTakingWork();
      await app.close();
    })().catch((error: unknown) => logger.error({ err: error }, 'close failed'));
    const inTime = await Promise.race([closed.then(() => true), setTimeout(config.drainGraceMs, false)]);
    if (!inTime) logger.warn(`still busy after ${config.drainGraceMs / 1000} s: exiting`);
    healthServer?.close();
    await mailbox?.stop();
    await db.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
