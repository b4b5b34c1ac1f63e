import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import mongoose from 'mongoose';
import WebSocket from 'ws';
import { createApp, type CreateAppOptions, type SalesdeskApp } from '../../src/app';
import { loadConfig, type AppConfig, type Env } from '../../src/config';
import { graphqlAt, type GraphQLApi, type GraphQLResponse } from './graphqlApi';

export {
  graphqlAt,
  signUp,
  SIGNUP,
  uniqueEmail,
  type AuthResult,
  type GraphQLApi,
  type GraphQLResponse,
} from './graphqlApi';

export const TEST_JWT_SECRET = 'tQ7vK2pX9mL4wR8zN1bH6jF3gD5sA0cE-only-for-tests';
export const TEST_SECRETS_KEY = '5b9e2f7c0a4d8e1f3a6c9b2d5e8f1a4c7b0d3e6f9a2c5b8e1d4f7a0c3e6b9d2f';

export interface TestApp extends GraphQLApi {
  app: SalesdeskApp;
  url: string;
  config: AppConfig;
  wsClient(token?: string): Client;
  stop(options?: { dropDatabase?: boolean }): Promise<void>;
}

interface TestAppOptions {
  env?: Env;
  /** Adjusts the parsed config (limits, rounds) before the app is built. */
  configure?: (config: AppConfig) => void;
  /** Reuse a database name, e.g. to restart an app on the same data. */
  dbName?: string;
  /** Where the app's log lines go (LOG_LEVEL in `env` picks the level). */
  logDestination?: CreateAppOptions['logDestination'];
}

/** A database name unique to this test file and run. */
export function testDbName(): string {
  const file = path.basename(expect.getState().testPath ?? 'test').replace(/\W+/g, '_');
  return `t_${file.slice(0, 40)}_${randomBytes(3).toString('hex')}`;
}

export function testConfig(env: Env = {}, dbName = testDbName()): AppConfig {
  const baseUri = process.env.SALESDESK_TEST_MONGODB_URI;
  if (!baseUri && env.MONGODB_URI === undefined) {
    throw new Error('SALESDESK_TEST_MONGODB_URI is unset: run through the server-int jest project');
  }
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    SECRETS_KEY: TEST_SECRETS_KEY,
    MONGODB_URI: `${baseUri}${dbName}`,
    ...env,
  });
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = testConfig(options.env, options.dbName);
  options.configure?.(config);
  const app = await createApp(config, { logDestination: options.logDestination });
  const url = await app.listen();
  const clients: Client[] = [];

  return {
    app,
    url,
    config,
    gql: graphqlAt(url).gql,
    wsClient(token) {
      const client = createClient({
        url: url.replace(/^http/, 'ws') + '/graphql',
        webSocketImpl: WebSocket,
        connectionParams: token ? { token } : undefined,
        retryAttempts: 0,
        lazy: true,
      });
      clients.push(client);
      return client;
    },
    async stop({ dropDatabase = true } = {}) {
      await Promise.all(clients.map((client) => client.dispose()));
      if (dropDatabase) await mongoose.connection.dropDatabase().catch(() => undefined);
      await app.stop();
    },
  };
}

/** Runs one operation over WebSocket and resolves with its single result. */
export function wsRequest<T = Record<string, unknown>>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  return new Promise((resolve, reject) => {
    let result: GraphQLResponse<T> | undefined;
    client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          result = { status: 0, ...(value as object) } as GraphQLResponse<T>;
        },
        error: (error) => {
          if (Array.isArray(error))
            resolve({ status: 0, errors: error as GraphQLResponse['errors'] });
          else reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () => resolve(result ?? { status: 0 }),
      },
    );
  });
}

/** A throwaway DATA_DIR for tests that run the embedded database themselves. */
export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'salesdesk-data-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
