// The app's configuration for a benchmark: the real loadConfig, on its own database of the
// bench's FerretDB, with fixed secrets and quiet logs unless BENCH_LOG_LEVEL says otherwise.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { loadConfig } = require('../server/dist/config.js');

export const BENCH_JWT_SECRET = 'bench-secret-0123456789-0123456789-0123';

export const BENCH_SECRETS_KEY = 'b'.repeat(64);

/**
 * The variables, as loadConfig takes them (a server process of its own takes these);
 * `env` adds or overrides some (production mode, the Graph API fixture, ...).
 */
export const benchVariables = ({ uri, dbName, dataDir, logLevel, env = {} }) => ({
  NODE_ENV: 'test',
  PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  LOG_LEVEL: logLevel,
  JWT_SECRET: BENCH_JWT_SECRET,
  SECRETS_KEY: BENCH_SECRETS_KEY,
  MONGODB_URI: `${uri}${dbName}`,
  ...env,
});

export const benchConfig = (options) => loadConfig(benchVariables(options));
