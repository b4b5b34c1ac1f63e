import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';

import {
  configVariables,
  variableSpecs,
  type ConfigVariable,
  type Env,
  type VariableSpec,
} from './configVariables';
import { defaultLimits, defaultPipeline } from './configDefaults';

export { configVariables, variableSpecs };
export { defaultLimits, defaultPipeline };
export type { ConfigVariable, Env, VariableSpec };
export type { VariableType } from './configVariables';
export type NodeEnv = 'development' | 'production' | 'test';

export interface Limits {
  /** Deepest selection nesting a GraphQL operation may have. */
  maxQueryDepth: number;
  /** Introspection (GraphiQL's schema query) nests deeper than any real query. */
  maxIntrospectionDepth: number;
  maxQueryComplexity: number;
  /** graphql-js `maxTokens`: a document is refused while parsing past this many tokens. */
  maxQueryTokens: number;
  maxAliases: number;
  maxDirectives: number;
  maxFragments: number;
  maxFragmentSpreads: number;
  maxBodyBytes: number;
  maxWsPayloadBytes: number;
  /** Failed logins for one email from one address: tight, a typo-prone owner is not locked out. */
  authFailuresPerEmailAndIp: number;
  /** Failed logins for one email from anywhere: loose, a guess-farm must spread wide to try. */
  authFailuresPerEmail: number;
  /** Every attempt (signup, login) from one address, failed or not. */
  authAttemptsPerIp: number;
  authWindowMs: number;
}

export interface PipelineOptions {
  /** The webhook queue's worker (pipeline/webhookQueueWorker.ts). */
  queue: {
    concurrency: number;
    leaseMs: number;
    maxAttempts: number;
    retryBaseMs: number;
    pollMs: number;
  };
  sendMaxAttempts: number;
  sendRetryBaseMs: number;
  /** A Graph API call without an answer this long is given up (a send: not confirmed). */
  graphApiTimeoutMs: number;
  /** Sends Meta did not take, retried by the sweep (see pipeline/delivery.ts). */
  delivery: {
    staleMs: number;
    retryBaseMs: number;
    retryMaxMs: number;
    maxAttempts: number;
    /** How often the sweep runs. */
    sweepMs: number;
  };
  /** A Groq answer slower than this falls back to the playbook. */
  aiTimeoutMs: number;
  /** How often human-handled chats past their hand-back time return to the AI. */
  handbackSweepMs: number;
  /** How often leads silent for 48 hours lose points. */
  silenceSweepMs: number;
  /** How often campaigns changed since their tests last ran have them run again. */
  campaignTestSweepMs: number;
  /** Customers' media kept before Meta's links expire (modules/media/media.service.ts). */
  media: { maxBytes: number; maxAttempts: number; retryBaseMs: number; sweepMs: number };
  /** Alert email and push (modules/alerts). */
  alerts: {
    sweepMs: number;
    /** At most one email (and one push) per chat in this long. */
    gapMs: number;
    leaseMs: number;
    retryBaseMs: number;
    retryMaxMs: number;
    maxAttempts: number;
    /** An SMTP server or push service silent this long fails the attempt. */
    timeoutMs: number;
    /** How often owners due their daily summary are looked for. */
    summarySweepMs: number;
  };
}

export interface AppConfig {
  port: number;
  host: string;
  env: NodeEnv;
  dataDir: string;
  mongodbUri?: string;
  redisUrl?: string;
  /**
   * Express `trust proxy`: how many reverse proxies' X-Forwarded-For to believe, or which
   * addresses are proxies whose X-Forwarded-For is believed.
   */
  trustProxy: number | string[];
  jwtSecret: string;
  secretsKey: Buffer;
  adminEmails: string[];
  corsOrigins: string[];
  /**
   * The Meta app as the environment sets it; these win over what an admin enters, and every
   * reader goes through modules/metaApp/metaAppSettings.ts. PUBLIC_URL is validated there
   * (http/publicUrl.ts): a bad one disables only what needs it.
   */
  publicUrl?: string;
  metaAppId?: string;
  metaAppSecret?: string;
  metaLoginConfigId?: string;
  metaWhatsappConfigId?: string;
  metaInstagramAppId?: string;
  metaInstagramAppSecret?: string;
  metaOAuthUrl: string;
  instagramOAuthUrl: string;
  instagramApiUrl: string;
  instagramGraphUrl: string;
  webhookVerifyToken?: string;
  graphApiUrl: string;
  groqApiKey?: string;
  groqModel: string;
  groqTranscriptionModel: string;
  groqBaseUrl?: string;
  handbackMinutes: number;
  slowQueryMs: number;
  metricsToken?: string;
  logLevel: string;
  /** Alert email (modules/alerts/mailer.ts); unset: no email. */
  smtpUrl?: string;
  mailFrom: string;
  /** Not environment variables: fixed product limits, overridable by tests. */
  limits: Limits;
  /** bcrypt cost; 12 in every real deployment. */
  passwordHashRounds: number;
  /** Not environment variables: pipeline timings, overridable by tests. */
  pipeline: PipelineOptions;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const MIN_JWT_SECRET = 32;
/**
 * Real secrets come from a random generator: one with this few distinct characters was
 * typed by hand or copied from an example ("aaaa...", "0000...", "abab...").
 */
const MIN_DISTINCT_SECRET_CHARS = 8;
/** Words of example values; a random secret contains none of them (odds below 1e-8). */
const placeholderWords = [
  'changeme',
  'replaceme',
  'placeholder',
  'example',
  'yoursecret',
  'yourkey',
  'yourtoken',
  'secret',
  'password',
];

/**
 * Parses and validates the environment against `configVariables`. In development and test,
 * missing secrets are generated once and kept in DATA_DIR/secrets.json so sessions survive
 * restarts; in production they must be given and must not be placeholders.
 */
export function loadConfig(env: Env = process.env as Env): AppConfig {
  const problems: string[] = [];
  const raw = {} as Record<ConfigVariable, string>;
  for (const [name, spec] of variableSpecs()) {
    const value = env[name]?.trim();
    raw[name] = value ? value : spec.default;
    const problem = checkValue(name, spec, raw[name]);
    if (problem) problems.push(problem);
  }
  const optional = (name: ConfigVariable): string | undefined => raw[name] || undefined;
  const int = (name: ConfigVariable): number => Number(raw[name]);
  const list = (name: ConfigVariable): string[] =>
    raw[name]
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);

  const envName = raw.NODE_ENV as NodeEnv;
  const dataDir = path.resolve(raw.DATA_DIR);
  if (envName === 'production') problems.push(...productionSecretProblems(raw));
  const secrets = resolveSecrets(envName, dataDir, optional('JWT_SECRET'), optional('SECRETS_KEY'));
  problems.push(...secrets.problems);
  if (raw.SMTP_URL && !/^smtps?:\/\/[^\s]+$/.test(raw.SMTP_URL)) {
    problems.push('SMTP_URL must be smtp://host:port or smtps://host:port (user:pass@ allowed)');
  }

  const config: AppConfig = {
    port: int('PORT'),
    host: raw.HOST,
    env: envName,
    dataDir,
    mongodbUri: optional('MONGODB_URI'),
    redisUrl: optional('REDIS_URL'),
    trustProxy: proxiesOf(raw.TRUST_PROXY),
    jwtSecret: secrets.jwtSecret,
    secretsKey: secrets.secretsKey,
    adminEmails: list('ADMIN_EMAILS').map((email) => email.toLowerCase()),
    corsOrigins: list('CORS_ORIGINS'),
    publicUrl: optional('PUBLIC_URL')?.replace(/\/+$/, ''),
    metaAppId: optional('META_APP_ID'),
    metaAppSecret: optional('META_APP_SECRET'),
    metaLoginConfigId: optional('META_LOGIN_CONFIG_ID'),
    metaWhatsappConfigId: optional('META_WHATSAPP_CONFIG_ID'),
    metaInstagramAppId: optional('META_INSTAGRAM_APP_ID'),
    metaInstagramAppSecret: optional('META_INSTAGRAM_APP_SECRET'),
    instagramOAuthUrl: raw.INSTAGRAM_OAUTH_URL.replace(/\/+$/, ''),
    instagramApiUrl: raw.INSTAGRAM_API_URL.replace(/\/+$/, ''),
    instagramGraphUrl: raw.INSTAGRAM_GRAPH_URL.replace(/\/+$/, ''),
    metaOAuthUrl: raw.META_OAUTH_URL.replace(/\/+$/, ''),
    webhookVerifyToken: optional('WEBHOOK_VERIFY_TOKEN'),
    graphApiUrl: raw.GRAPH_API_URL.replace(/\/+$/, ''),
    groqApiKey: optional('GROQ_API_KEY'),
    groqModel: raw.GROQ_MODEL,
    groqTranscriptionModel: raw.GROQ_TRANSCRIPTION_MODEL,
    groqBaseUrl: optional('GROQ_BASE_URL'),
    handbackMinutes: int('HANDBACK_MINUTES'),
    slowQueryMs: int('SLOW_QUERY_MS'),
    metricsToken: optional('METRICS_TOKEN'),
    logLevel: raw.LOG_LEVEL,
    smtpUrl: optional('SMTP_URL'),
    mailFrom: raw.MAIL_FROM,
    limits: { ...defaultLimits },
    passwordHashRounds: 12,
    pipeline: defaultPipeline(),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The type check of one value; secrets are checked with the environment they run in. */
function checkValue(name: ConfigVariable, spec: VariableSpec, value: string): string | undefined {
  switch (spec.type) {
    case 'integer': {
      const number = Number(value);
      const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = spec;
      return Number.isInteger(number) && number >= min && number <= max
        ? undefined
        : `${name} must be an integer from ${min} to ${max} (got "${value}")`;
    }
    case 'proxies':
      if (/^\d+$/.test(value)) return checkValue(name, { ...spec, type: 'integer' }, value);
      return proxyList(value).every(isProxyAddress)
        ? undefined
        : `${name} must be a hop count (${spec.min} to ${spec.max}) or a comma-separated list of proxy addresses: IPs, CIDRs, loopback, linklocal, uniquelocal (got "${value}")`;
    case 'url':
      return value && !/^https?:\/\/[^\s]+$/.test(value)
        ? `${name} must be an http(s) URL`
        : undefined;
    case 'enum':
      return spec.values?.includes(value)
        ? undefined
        : `${name} must be one of ${spec.values?.join(', ')} (got "${value}")`;
    default:
      return undefined;
  }
}

const proxyNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** A hop count, or the proxy addresses of a list. */
const proxiesOf = (value: string): number | string[] =>
  /^\d+$/.test(value) ? Number(value) : proxyList(value);

const proxyList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function isProxyAddress(entry: string): boolean {
  if (proxyNames.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const version = isIP(address ?? '');
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d+$/.test(bits) && prefix <= (version === 4 ? 32 : 128);
}

/**
 * Production runs only on secrets that were generated for it: required ones must be set,
 * and none may be a placeholder or an example value. Length and format are checked for
 * every environment in resolveSecrets.
 */
function productionSecretProblems(raw: Record<ConfigVariable, string>): string[] {
  const problems: string[] = [];
  for (const [name, spec] of variableSpecs()) {
    if (spec.type !== 'secret') continue;
    const value = raw[name];
    if (!value) {
      if (spec.requiredInProduction) problems.push(`${name} is required in production`);
    } else if (hasFormatProblem(name, value)) {
      // Reported once, by resolveSecrets: a value gets one problem, the first to fix.
    } else if (looksLikePlaceholder(value)) {
      problems.push(`${name} looks like a placeholder: set a randomly generated value`);
    }
  }
  if (raw.JWT_SECRET && raw.JWT_SECRET === raw.SECRETS_KEY) {
    problems.push('JWT_SECRET and SECRETS_KEY must be different secrets');
  }
  return problems;
}

const hasFormatProblem = (name: ConfigVariable, value: string): boolean =>
  (name === 'JWT_SECRET' && value.length < MIN_JWT_SECRET) ||
  (name === 'SECRETS_KEY' && !parseKey(value));

export function looksLikePlaceholder(value: string): boolean {
  const letters = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (placeholderWords.some((word) => letters.includes(word))) return true;
  return new Set(value).size < MIN_DISTINCT_SECRET_CHARS;
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
  if ((!jwtSecret || !secretsKey) && env !== 'production') {
    const generated = developmentSecrets(dataDir);
    jwtSecret ??= generated.jwtSecret;
    secretsKey ??= generated.secretsKey;
  }
  if (jwtSecret && jwtSecret.length < MIN_JWT_SECRET) {
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
