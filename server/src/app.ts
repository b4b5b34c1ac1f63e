import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type ErrorRequestHandler } from 'express';
import { bearerToken, buildContext } from './auth/context';
import type { AppConfig } from './config';
import { createServices, resolverContainer, type Services } from './container';
import { connectDatabase, type Database } from './db/connect';
import { createApolloServer } from './graphql/apollo';
import { httpStatusFor } from './graphql/formatError';
import { createWebSocketServer } from './graphql/websocket';
import { clientAppRoutes } from './http/clientApp';
import { healthRoutes } from './http/health';
import { webhookRoutes } from './http/webhooks';
import { messageOf } from './messaging/inbox';
import { InboxWorker } from './messaging/inboxWorker';
import { HandbackSweeper } from './modules/chats/handback';
import type { PubSub } from './realtime/pubsub';
import { createRealtime } from './realtime/realtime';
import { createLogger, type Logger } from './logger';
import { runEvery } from './periodic';
import { buildAppSchema } from './schema';

export interface SalesdeskApp {
  config: AppConfig;
  httpServer: Server;
  database: Database;
  logger: Logger;
  pubsub: PubSub;
  services: Services;
  inbox: InboxWorker;
  handback: HandbackSweeper;
  /** Starts listening on config.port (0 picks a free one) and resolves to the base URL. */
  listen(): Promise<string>;
  /** Stops accepting, drains HTTP and WebSocket, closes the database. Idempotent. */
  stop(): Promise<void>;
}

/** Express + Apollo + graphql-ws on one port, over a connected database. */
export async function createApp(config: AppConfig): Promise<SalesdeskApp> {
  const logger = createLogger(config.logLevel);
  const database = await connectDatabase(config, logger);
  try {
    return await assemble(config, database, logger);
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function assemble(
  config: AppConfig,
  database: Database,
  logger: Logger,
): Promise<SalesdeskApp> {
  const realtime = await createRealtime(config, logger);
  const { pubsub } = realtime;
  const services = createServices({ config, rateLimits: realtime.rateLimits, pubsub, logger });
  const schema = await buildAppSchema(resolverContainer(services), pubsub);
  const inbox = new InboxWorker(
    (event) =>
      services.pipeline
        .handle(messageOf(event.payload), { replyId: event.replyId })
        .then(() => undefined),
    config.pipeline.inbox,
    logger,
  );

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const ws = createWebSocketServer({ httpServer, schema, config, logger, pubsub });
  const apollo = createApolloServer({
    schema,
    httpServer,
    config,
    logger,
    disposeWebSocket: ws.dispose,
  });
  await apollo.start();

  let stopping = false;
  app.use((req, res, next) => {
    const requestId = req.get('x-request-id')?.slice(0, 64) || randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    next();
  });
  if (config.corsOrigins.length > 0) app.use(cors({ origin: config.corsOrigins }));
  app.use(healthRoutes({ database, realtime, isStopping: () => stopping }));
  app.use(
    webhookRoutes({
      metaAppSecret: config.metaAppSecret,
      webhookVerifyToken: config.webhookVerifyToken,
      maxBodyBytes: config.limits.maxBodyBytes,
      logger,
      onEnqueued: () => inbox.notify(),
    }),
  );
  app.use(
    '/graphql',
    express.json({ limit: config.limits.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        buildContext({
          token: bearerToken(req.get('authorization')),
          ip: req.ip,
          requestId: res.locals.requestId as string,
          jwtSecret: config.jwtSecret,
        }),
    }),
  );
  const client = clientAppRoutes();
  if (client) app.use(client);
  app.use(jsonErrors(logger));

  inbox.start();
  const handback = new HandbackSweeper(pubsub, logger, config.pipeline.handbackSweepMs);
  handback.start();
  const stopSilenceSweep = runEvery(
    config.pipeline.silenceSweepMs,
    () => services.leads.penalizeSilence(),
    logger,
    'lead silence',
  );

  let stopped: Promise<void> | undefined;
  return {
    config,
    httpServer,
    database,
    logger,
    pubsub,
    services,
    inbox,
    handback,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          const { port } = httpServer.address() as AddressInfo;
          const host = ['0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host;
          resolve(`http://${host}:${port}`);
        });
      }),
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        await apollo.stop();
        handback.stop();
        stopSilenceSweep();
        await inbox.stop();
        await realtime.close();
        await database.close();
        logger.info('stopped');
      })()),
  };
}

/** Body-parser and routing failures as JSON with a code, never an HTML page. */
function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error: { status?: number; type?: string; message?: string }, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = error.status ?? 500;
    if (status >= 500) logger.error({ err: error }, 'request failed');
    const message =
      error.type === 'entity.too.large'
        ? 'The request body is too large.'
        : error.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON.'
          : status >= 500
            ? 'Something went wrong on our side.'
            : (error.message ?? 'Bad request.');
    const code = status >= 500 ? 'INTERNAL' : 'BAD_USER_INPUT';
    res.status(status >= 400 && status < 600 ? status : httpStatusFor(code)).json({
      errors: [{ message, extensions: { code } }],
    });
  };
}
