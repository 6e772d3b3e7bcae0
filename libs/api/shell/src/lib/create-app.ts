import type { IncomingMessage } from 'node:http';
import { LogController } from 'fastify';
import type { DestinationStream } from 'pino';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import {
  type AppConfig,
  PinoNestLogger,
  REQUEST_ID_HEADER,
  createLogger,
  createValidationPipe,
  frameworkErrorOptions,
  installRequestPipeline,
  requestIdFrom,
} from '@mijn-account/api-core';
import { setPageXsrfCookie } from '@mijn-account/api-auth';
import { API_PREFIX } from '@mijn-account/shared-contracts';
import { AppModule } from './app.module';

/** Builds the API (and the web app's static files) without listening, for the server and for tests. */
export async function createApp(
  config: AppConfig,
  runtimeDatabaseUrl: string,
  options: { logStream?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const logger = createLogger(config.logLevel, { production: config.production, stream: options.logStream });
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    genReqId: (req: IncomingMessage) => requestIdFrom(req.headers[REQUEST_ID_HEADER]),
    // The request pipeline logs one line per answered request, with its tenant and user.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
    // Fastify's own answers (bad URL, too-long path parameter, unreadable request) as problem details.
    ...frameworkErrorOptions(),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, runtimeDatabaseUrl), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
    // Fastify's own JSON parser is kept (and its errors made problems) in installRequestPipeline.
    bodyParser: false,
  });
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  await installRequestPipeline(app, {
    webRoot: config.webDist,
    pageCookies: (request, reply) => setPageXsrfCookie(request, reply, config),
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Mijn account API')
      .setDescription(
        'Self-service portal API. Every tenant answers on its own host name; errors are RFC 9457 problem details.',
      )
      .setVersion('0.1.0')
      .addCookieAuth('ma_sid')
      .build(),
  );
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, document, { jsonDocumentUrl: `${API_PREFIX}/docs-json` });
  await app.init();
  return app;
}
