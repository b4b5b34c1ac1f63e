import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Every environment variable Salesdesk reads, described once. Nothing else in the server
 * reads process.env: everything flows from `loadConfig`.
 */
export const configVariables = {
  PORT: { default: '4000', description: 'HTTP and WebSocket port' },
  HOST: { default: '0.0.0.0', description: 'Interface to listen on' },
  NODE_ENV: { default: 'development', description: 'development | production | test' },
  DATA_DIR: {
    default: './data',
    description: 'Embedded database files and development secrets live here',
  },
  MONGODB_URI: {
    default: '',
    description: 'MongoDB connection string; unset starts the embedded FerretDB',
  },
  REDIS_URL: { default: '', description: 'Redis for pub/sub and rate limits across processes' },
  JWT_SECRET: {
    default: '',
    description: 'HS256 signing secret, 32+ chars; required in production',
  },
  SECRETS_KEY: {
    default: '',
    description: '32-byte key (64 hex chars or base64) encrypting integration credentials',
  },
  ADMIN_EMAILS: { default: '', description: 'Comma list: these emails sign up as admins' },
  CORS_ORIGINS: {
    default: '',
    description: 'Comma list of browser origins allowed to call the API',
  },
  META_APP_SECRET: { default: '', description: 'Meta app secret: verifies webhook signatures' },
  WEBHOOK_VERIFY_TOKEN: { default: '', description: "Token answering Meta's webhook handshake" },
  GRAPH_API_URL: { default: 'https://graph.facebook.com', description: 'Meta Graph API base URL' },
  GROQ_API_KEY: { default: '', description: 'Groq key; unset uses the playbook responder' },
  GROQ_MODEL: { default: 'openai/gpt-oss-20b', description: 'Groq chat model' },
  GROQ_BASE_URL: { default: '', description: 'Groq API base URL (without /openai/v1)' },
  HANDBACK_MINUTES: { default: '30', description: 'Minutes of human silence before AI resumes' },
  SLOW_QUERY_MS: { default: '200', description: 'Database operations slower than this are logged' },
  METRICS_TOKEN: { default: '', description: 'Bearer token protecting /metrics' },
  LOG_LEVEL: { default: 'info', description: 'fatal | error | warn | info | debug | trace' },
} as const;

export type ConfigVariable = keyof typeof configVariables;
export type Env = Partial<Record<ConfigVariable, string | undefined>>;
export type NodeEnv = 'development' | 'production' | 'test';

export interface Limits {
  /** Deepest selection nesting a GraphQL operation may have. */
  maxQueryDepth: number;
  /** Introspection (GraphiQL's schema query) nests deeper than any real query. */
  maxIntrospectionDepth: number;
  maxQueryComplexity: number;
  maxBodyBytes: number;
  maxWsPayloadBytes: number;
  authAttemptsPerEmail: number;
  authAttemptsPerIp: number;
  authWindowMs: number;
}

export interface PipelineOptions {
  inbox: {
    concurrency: number;
    leaseMs: number;
    maxAttempts: number;
    retryBaseMs: number;
    pollMs: number;
  };
  sendMaxAttempts: number;
  sendRetryBaseMs: number;
  /** A Groq answer slower than this falls back to the playbook. */
  aiTimeoutMs: number;
  /** How often human-handled chats past their hand-back time return to the AI. */
  handbackSweepMs: number;
  /** How often leads silent for 48 hours lose points. */
  silenceSweepMs: number;
}

export interface AppConfig {
  port: number;
  host: string;
  env: NodeEnv;
  dataDir: string;
  mongodbUri?: string;
  redisUrl?: string;
  jwtSecret: string;
  secretsKey: Buffer;
  adminEmails: string[];
  corsOrigins: string[];
  metaAppSecret?: string;
  webhookVerifyToken?: string;
  graphApiUrl: string;
  groqApiKey?: string;
  groqModel: string;
  groqBaseUrl?: string;
  handbackMinutes: number;
  slowQueryMs: number;
  metricsToken?: string;
  logLevel: string;
  /** Not environment variables: fixed product limits, overridable by tests. */
  limits: Limits;
  /** bcrypt cost; 12 in every real deployment. */
  passwordHashRounds: number;
  /** Not environment variables: pipeline timings, overridable by tests. */
  pipeline: PipelineOptions;
}

export const defaultPipeline = (): PipelineOptions => ({
  inbox: { concurrency: 8, leaseMs: 60_000, maxAttempts: 5, retryBaseMs: 1000, pollMs: 1000 },
  sendMaxAttempts: 3,
  sendRetryBaseMs: 500,
  aiTimeoutMs: 15_000,
  handbackSweepMs: 30_000,
  silenceSweepMs: 60 * 60 * 1000,
});

export const defaultLimits: Limits = {
  maxQueryDepth: 10,
  maxIntrospectionDepth: 15,
  maxQueryComplexity: 1000,
  maxBodyBytes: 1024 * 1024,
  maxWsPayloadBytes: 64 * 1024,
  authAttemptsPerEmail: 10,
  authAttemptsPerIp: 100,
  authWindowMs: 15 * 60 * 1000,
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const MIN_JWT_SECRET = 32;
const placeholderSecrets = new Set(['changeme', 'change-me', 'secret', 'please-change-me']);

/**
 * Parses and validates the environment. In development and test, missing secrets are
 * generated once and kept in DATA_DIR/secrets.json so sessions survive restarts; in
 * production they must be given and must not be placeholders.
 */
export function loadConfig(env: Env = process.env as Env): AppConfig {
  const problems: string[] = [];
  const get = (name: ConfigVariable): string => {
    const value = env[name]?.trim();
    return value ? value : configVariables[name].default;
  };
  const optional = (name: ConfigVariable): string | undefined => get(name) || undefined;
  const int = (name: ConfigVariable, min: number, max: number): number => {
    const raw = get(name);
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    }
    return value;
  };
  const list = (name: ConfigVariable): string[] =>
    get(name)
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);

  const nodeEnv = get('NODE_ENV');
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, production or test (got "${nodeEnv}")`);
  }
  const envName = nodeEnv as NodeEnv;
  const dataDir = path.resolve(get('DATA_DIR'));

  for (const name of ['GRAPH_API_URL', 'GROQ_BASE_URL'] as const) {
    const value = optional(name);
    if (value && !/^https?:\/\/[^\s]+$/.test(value))
      problems.push(`${name} must be an http(s) URL`);
  }
  const logLevel = get('LOG_LEVEL');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent`);
  }

  const secrets = resolveSecrets(envName, dataDir, optional('JWT_SECRET'), optional('SECRETS_KEY'));
  problems.push(...secrets.problems);

  const config: AppConfig = {
    port: int('PORT', 0, 65535),
    host: get('HOST'),
    env: envName,
    dataDir,
    mongodbUri: optional('MONGODB_URI'),
    redisUrl: optional('REDIS_URL'),
    jwtSecret: secrets.jwtSecret,
    secretsKey: secrets.secretsKey,
    adminEmails: list('ADMIN_EMAILS').map((email) => email.toLowerCase()),
    corsOrigins: list('CORS_ORIGINS'),
    metaAppSecret: optional('META_APP_SECRET'),
    webhookVerifyToken: optional('WEBHOOK_VERIFY_TOKEN'),
    graphApiUrl: get('GRAPH_API_URL').replace(/\/+$/, ''),
    groqApiKey: optional('GROQ_API_KEY'),
    groqModel: get('GROQ_MODEL'),
    groqBaseUrl: optional('GROQ_BASE_URL'),
    handbackMinutes: int('HANDBACK_MINUTES', 1, 7 * 24 * 60),
    slowQueryMs: int('SLOW_QUERY_MS', 1, 60_000),
    metricsToken: optional('METRICS_TOKEN'),
    logLevel,
    limits: { ...defaultLimits },
    passwordHashRounds: 12,
    pipeline: defaultPipeline(),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

interface ResolvedSecrets {
  jwtSecret: string;
  secretsKey: Buffer;
  problems: string[];
}

function resolveSecrets(
  env: NodeEnv,
  dataDir: string,
  jwtSecret: string | undefined,
  secretsKey: string | undefined,
): ResolvedSecrets {
  const problems: string[] = [];
  if (env === 'production') {
    if (!jwtSecret) problems.push('JWT_SECRET is required in production');
    if (!secretsKey) problems.push('SECRETS_KEY is required in production');
  }
  if (!jwtSecret || !secretsKey) {
    if (env !== 'production') {
      const generated = developmentSecrets(dataDir);
      jwtSecret ??= generated.jwtSecret;
      secretsKey ??= generated.secretsKey;
    }
  }
  if (jwtSecret && (jwtSecret.length < MIN_JWT_SECRET || placeholderSecrets.has(jwtSecret))) {
    problems.push(`JWT_SECRET must be at least ${MIN_JWT_SECRET} random characters`);
  }
  const key = secretsKey ? parseKey(secretsKey) : undefined;
  if (secretsKey && !key) problems.push('SECRETS_KEY must be 32 bytes as 64 hex chars or base64');
  return { jwtSecret: jwtSecret ?? '', secretsKey: key ?? Buffer.alloc(0), problems };
}

function parseKey(value: string): Buffer | undefined {
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, 'hex');
  // Node's decoder skips characters outside the alphabet: check the text first.
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) return undefined;
  const key = Buffer.from(value, 'base64');
  return key.length === 32 ? key : undefined;
}

function developmentSecrets(dataDir: string): { jwtSecret: string; secretsKey: string } {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    return JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string; secretsKey: string };
  }
  const secrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    secretsKey: randomBytes(32).toString('hex'),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
