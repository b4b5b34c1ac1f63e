import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { createApp } from './app';
import { ConfigError, loadConfig, type AppConfig } from './config';

/**
 * Past this, shutdown gives up and exits 1: a stuck drain must not keep a replica from
 * restarting. Under the 30 s orchestrators usually allow (compose: `stop_grace_period`),
 * after the inbox drain (10 s) and Apollo's HTTP drain (10 s), which run side by side.
 */
const FORCED_EXIT_MS = 25_000;

async function main(): Promise<void> {
  // A local .env is a convenience for development; real deployments set the environment.
  if (existsSync('.env')) process.loadEnvFile('.env');
  await serve(loadConfig());
}

/** Runs the app on `config` until a signal stops it: what the process entry does. */
export async function serve(config: AppConfig): Promise<void> {
  const app = await createApp(config, { onFatal: () => process.exit(1) });
  const url = await app.listen();
  app.logger.info({ url, engine: app.database.engine }, `Salesdesk is listening on ${url}`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    // A second Ctrl-C means "now". Repeated SIGTERMs are normal (npm relays the one its
    // process group got), and orchestrators follow up with SIGKILL anyway.
    if (stopping) {
      if (signal === 'SIGINT') process.exit(1);
      return;
    }
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      app.logger.error({ afterMs: FORCED_EXIT_MS }, 'shutdown timed out: exiting now');
      process.exit(1);
    }, FORCED_EXIT_MS).unref();
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

const exitWith = (error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
};

if (require.main === module) main().catch(exitWith);
