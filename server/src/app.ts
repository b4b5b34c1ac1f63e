import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import { upgradeChatLayout } from './modules/chats/layoutUpgrade';
import express, { type ErrorRequestHandler } from 'express';
import { bearerToken, buildContext } from './auth/context';
import type { AppConfig } from './config';
import { createServices, resolverContainer, type Services } from './container';
import { connectDatabase, type Database } from './db/connect';
import { createApolloServer } from './graphql/apollo';
import { httpStatusFor } from './graphql/formatError';
import { createWebSocketServer } from './graphql/websocket';
import { clientAppRoutes } from './http/clientApp';
import { dbmsRoutes } from './http/dbmsRoutes';
import { mediaRoutes } from './http/mediaRoutes';
import { healthRoutes } from './http/health';
import { metricsRoutes } from './http/metrics';
import { metaCallbackRoutes } from './http/metaCallback';
import { webhookRoutes } from './http/webhooks';
import { Scheduler } from './jobs/scheduler';
import { handleInboundEvent } from './pipeline/pipeline';
import { WebhookQueueWorker } from './pipeline/webhookQueueWorker';
import { observeDatabaseCommands } from './observability/databaseMetrics';
import { httpObservability, routeName } from './observability/httpObservability';
import { queueDepthReader } from './observability/queueDepth';
import { Metrics } from './observability/metrics';
import type { PubSub } from './realtime/pubsub';
import { createRealtime } from './realtime/realtime';
import { createLogger, type Logger, type LogDestination } from './logger';
import { buildAppSchema } from './schema';

export interface SalesdeskApp {
  config: AppConfig;
  httpServer: Server;
  database: Database;
  logger: Logger;
  pubsub: PubSub;
  services: Services;
  /** The worker draining the webhook queue. */
  webhookQueue: WebhookQueueWorker;
  /** This app's Prometheus series (GET /metrics). */
  metrics: Metrics;
  /** Starts listening on config.port (0 picks a free one) and resolves to the base URL. */
  listen(): Promise<string>;
  /**
   * Graceful shutdown: readiness turns 503, HTTP stops accepting and drains, WebSocket
   * clients are told to reconnect elsewhere (1012), queued events in hand finish or are
   * handed back, periodic jobs finish, then Redis and the database close. Idempotent.
   */
  stop(options?: StopOptions): Promise<void>;
}

export interface StopOptions {
  /** How long queued events in hand may take before they are handed back (WebhookQueueWorker.stop). */
  queueDrainMs?: number;
}

export interface CreateAppOptions {
  /** Where log lines go instead of stdout (tests read them). */
  logDestination?: LogDestination;
  /** The database is lost for good (see db/connect.ts): the process entry exits. */
  onFatal?: () => void;
}

/** Express + Apollo + graphql-ws on one port, over a connected database. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<SalesdeskApp> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const database = await connectDatabase(config, logger, { onFatal: options.onFatal });
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
  const metrics = new Metrics();
  const stopDatabaseMetrics = observeDatabaseCommands(database.connection.getClient(), metrics);
  metrics.countQueueWith(queueDepthReader(logger));
  const realtime = await createRealtime(config, logger);
  const { pubsub } = realtime;
  const services = createServices({
    config,
    rateLimits: realtime.rateLimits,
    pubsub,
    logger,
    metrics,
  });
  const { sessions } = services;
  sessions.start();
  const schema = await buildAppSchema(resolverContainer(services), pubsub);
  const webhookQueue = new WebhookQueueWorker(
    handleInboundEvent(services.pipeline, services.threadActions),
    config.pipeline.queue,
    logger,
    metrics,
  );

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const httpServer = createServer(app);
  const ws = createWebSocketServer({
    httpServer,
    schema,
    config,
    logger,
    pubsub,
    metrics,
    sessions,
  });
  metrics.countSocketsWith(() => ws.wsServer.clients.size);
  const apollo = createApolloServer({
    schema,
    httpServer,
    config,
    logger,
    metrics,
    disposeWebSocket: ws.dispose,
    terminateWebSockets: () => {
      for (const socket of ws.wsServer.clients) socket.terminate();
    },
  });
  await apollo.start();

  let stopping = false;
  app.use(httpObservability(metrics, logger));
  if (config.corsOrigins.length > 0) app.use(cors({ origin: config.corsOrigins }));
  app.use(healthRoutes({ database, realtime, isStopping: () => stopping }));
  app.use(metricsRoutes({ metrics, token: config.metricsToken, logger }));
  app.use(
    webhookRoutes({
      metaApp: services.metaAppSettings,
      maxBodyBytes: config.limits.maxBodyBytes,
      logger,
      onEnqueued: () => webhookQueue.notify(),
      recordReceipts: (statuses) => services.delivery.recordReceipts(statuses),
    }),
  );
  app.use(metaCallbackRoutes(services.metaConnect, logger));
  app.use(dbmsRoutes({ jwtSecret: config.jwtSecret, sessions, logger }));
  app.use(mediaRoutes({ jwtSecret: config.jwtSecret, sessions, logger }));
  app.use(
    '/graphql',
    routeName('/graphql'),
    express.json({ limit: config.limits.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        buildContext({
          token: bearerToken(req.get('authorization')),
          ip: req.ip,
          requestId: res.locals.requestId as string,
          jwtSecret: config.jwtSecret,
          sessions,
        }),
    }),
  );
  const client = clientAppRoutes();
  if (client) app.use(client);
  app.use(jsonErrors(logger));

  await upgradeChatLayout(logger);
  await services.metaAppSettings.refresh();
  // Made on the first start, so every browser subscribes with the same key.
  await services.webPush.vapidKeys();
  webhookQueue.start();
  const scheduler = new Scheduler(logger);
  scheduler.every('delivery retries', config.pipeline.delivery.sweepMs, () =>
    services.delivery.sweep(),
  );
  scheduler.every('media downloads', config.pipeline.media.sweepMs, () => services.media.sweep());
  scheduler.every('hand-backs', config.pipeline.handbackSweepMs, () => services.handback.sweep());
  scheduler.every('lead silence', config.pipeline.silenceSweepMs, () =>
    services.leads.penalizeSilence(),
  );
  // Hourly, each integration at most daily (TOKEN_CHECK_MS): a revoked token shows within a day.
  // An admin's change on another server of this install reaches this one within the period.
  scheduler.every('Meta app settings', 30_000, () => services.metaAppSettings.refresh());
  scheduler.every('campaign tests after a change', config.pipeline.campaignTestSweepMs, () =>
    services.campaignTests.rerunChanged(),
  );
  scheduler.every('token checks', 60 * 60 * 1000, () => services.integrations.checkTokens());
  scheduler.every('alert email and push', config.pipeline.alerts.sweepMs, () =>
    services.alertSender.sweep(),
  );
  scheduler.every('daily summaries', config.pipeline.alerts.summarySweepMs, () =>
    services.dailySummaries.sweep(),
  );

  let stopped: Promise<void> | undefined;
  return {
    config,
    httpServer,
    database,
    logger,
    pubsub,
    services,
    webhookQueue,
    metrics,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          const { port } = httpServer.address() as AddressInfo;
          const host = ['0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host;
          resolve(`http://${host}:${port}`);
        });
      }),
    stop: (options = {}) =>
      (stopped ??= (async () => {
        stopping = true;
        // Apollo's drain closes the listener, waits for requests in flight (webhooks
        // among them: what they store, the next server handles) and closes WebSockets.
        await Promise.all([
          apollo.stop(),
          webhookQueue.stop({ drainMs: options.queueDrainMs }),
          scheduler.stop(),
          services.campaignTests.stop(),
        ]);
        sessions.stop();
        services.mailer.close();
        await realtime.close();
        stopDatabaseMetrics();
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
