import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';

async function main(): Promise<void> {
  // A local .env is a convenience for development; real deployments set the environment.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const app = await createApp(config);
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

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
