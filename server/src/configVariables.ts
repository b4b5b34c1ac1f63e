/**
 * Every environment variable the server reads: type, default, description, and whether
 * production requires it. config.ts parses them; .env.example is generated from here.
 */

/** How a variable's text is read. Blank or whitespace-only values mean "use the default". */
export type VariableType = 'string' | 'integer' | 'url' | 'list' | 'enum' | 'secret' | 'proxies';

export interface VariableSpec {
  type: VariableType;
  /** The value used when the variable is unset or blank ('' = none). */
  default: string;
  description: string;
  /** Inclusive bounds of an integer. */
  min?: number;
  max?: number;
  /** The accepted values of an enum. */
  values?: readonly string[];
  /** Production refuses to start without it. */
  requiredInProduction?: boolean;
}

/**
 * Every environment variable Salesdesk reads, described once: `loadConfig` parses them
 * from this table and `.env.example` is generated from it (`npm run env:example`).
 * Nothing else in the server reads process.env: everything flows from `loadConfig`.
 */
export const configVariables = {
  PORT: {
    type: 'integer',
    default: '4000',
    min: 0,
    max: 65535,
    description: 'HTTP and WebSocket port',
  },
  HOST: { type: 'string', default: '0.0.0.0', description: 'Interface to listen on' },
  NODE_ENV: {
    type: 'enum',
    default: 'development',
    values: ['development', 'production', 'test'],
    description: 'Run mode: production demands real secrets and hides error details',
  },
  DATA_DIR: {
    type: 'string',
    default: './data',
    description: 'Embedded database files and development secrets live here',
  },
  MONGODB_URI: {
    type: 'string',
    default: '',
    description: 'MongoDB connection string; unset starts the embedded FerretDB',
  },
  REDIS_URL: {
    type: 'string',
    default: '',
    description: 'Redis for pub/sub and rate limits across processes; required past one process',
  },
  TRUST_PROXY: {
    type: 'proxies',
    default: '0',
    min: 0,
    max: 10,
    description:
      'Reverse proxies in front of the app, as a hop count (1 behind the compose nginx) or a list of their addresses (IPs, CIDRs, loopback, uniquelocal): client IPs for rate limits come from X-Forwarded-For only through them; 0 believes no X-Forwarded-For',
  },
  JWT_SECRET: {
    type: 'secret',
    default: '',
    requiredInProduction: true,
    description: 'HS256 signing secret, 32+ random chars (openssl rand -base64 48)',
  },
  SECRETS_KEY: {
    type: 'secret',
    default: '',
    requiredInProduction: true,
    description:
      'Key encrypting integration credentials: 32 bytes as 64 hex chars or base64 (openssl rand -hex 32)',
  },
  ADMIN_EMAILS: { type: 'list', default: '', description: 'These emails sign up as admins' },
  CORS_ORIGINS: {
    type: 'list',
    default: '',
    description: 'Browser origins allowed to call the API from another site',
  },
  PUBLIC_URL: {
    type: 'url',
    default: '',
    description:
      "The public https address owners and Meta reach this server at (https://desk.example.com): every webhook and login callback URL is built from it; also settable on the admin's Meta app page",
  },
  META_APP_ID: {
    type: 'string',
    default: '',
    description:
      "Meta app id: owners connect their Pages with it (Continue with Facebook), and it tells this app's own echoes from a person replying in the Page inbox",
  },
  META_APP_SECRET: {
    type: 'secret',
    default: '',
    description:
      "Meta app secret: verifies webhook signatures; unset (and not entered on the admin's Meta app page) refuses webhooks",
  },
  WEBHOOK_VERIFY_TOKEN: {
    type: 'secret',
    default: '',
    description:
      "Token answering Meta's webhook handshake; unset, one is generated on first start and shown on the admin's Meta app page",
  },
  META_LOGIN_CONFIG_ID: {
    type: 'string',
    default: '',
    description:
      'Facebook Login for Business configuration id (its permissions replace scopes); unset asks for the scopes Messenger and Instagram need',
  },
  META_WHATSAPP_CONFIG_ID: {
    type: 'string',
    default: '',
    description: 'WhatsApp Embedded Signup configuration id: owners connect their numbers with it',
  },
  META_INSTAGRAM_APP_ID: {
    type: 'string',
    default: '',
    description:
      'Instagram app id (Instagram > API setup with Instagram login): owners connect an Instagram account without a Facebook Page with it',
  },
  META_INSTAGRAM_APP_SECRET: {
    type: 'secret',
    default: '',
    description:
      'Instagram app secret: signs the code exchange and the webhooks of accounts connected with Instagram login',
  },
  GRAPH_API_URL: {
    type: 'url',
    default: 'https://graph.facebook.com',
    description: 'Meta Graph API base URL',
  },
  INSTAGRAM_OAUTH_URL: {
    type: 'url',
    default: 'https://www.instagram.com',
    description: "Where Instagram's login dialog is served (tests point it at a local fixture)",
  },
  INSTAGRAM_API_URL: {
    type: 'url',
    default: 'https://api.instagram.com',
    description: "Instagram login's code exchange host",
  },
  INSTAGRAM_GRAPH_URL: {
    type: 'url',
    default: 'https://graph.instagram.com',
    description: 'Instagram Graph API for accounts connected with Instagram login',
  },
  META_OAUTH_URL: {
    type: 'url',
    default: 'https://www.facebook.com',
    description: "Where Meta's login dialog is served (tests point it at a local fixture)",
  },
  GROQ_API_KEY: {
    type: 'secret',
    default: '',
    description: 'Groq key; unset uses the playbook responder',
  },
  GROQ_MODEL: { type: 'string', default: 'openai/gpt-oss-20b', description: 'Groq chat model' },
  GROQ_TRANSCRIPTION_MODEL: {
    type: 'string',
    default: 'whisper-large-v3-turbo',
    description: "Groq speech-to-text model for customers' voice notes",
  },
  GROQ_BASE_URL: {
    type: 'url',
    default: '',
    description: 'Groq API base URL (without /openai/v1); unset uses Groq itself',
  },
  HANDBACK_MINUTES: {
    type: 'integer',
    default: '30',
    min: 1,
    max: 7 * 24 * 60,
    description: 'Minutes of human silence before AI resumes',
  },
  SLOW_QUERY_MS: {
    type: 'integer',
    default: '200',
    min: 1,
    max: 60_000,
    description: 'Database operations slower than this are logged and listed in dbmsHealth',
  },
  METRICS_TOKEN: {
    type: 'secret',
    default: '',
    description: 'Bearer token for GET /metrics; without it /metrics answers only loopback clients',
  },
  SMTP_URL: {
    type: 'string',
    default: '',
    description:
      'SMTP server for alert emails (smtp://user:pass@host:587, smtps://... for TLS); unset: alerts stay in the app and push',
  },
  MAIL_FROM: {
    type: 'string',
    default: 'Salesdesk <alerts@localhost>',
    description: 'The From of alert emails: "Leather Loft desk <alerts@leatherloft.shop>"',
  },
  LOG_LEVEL: {
    type: 'enum',
    default: 'info',
    values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    description: 'Lowest level written to the log',
  },
} as const satisfies Record<string, VariableSpec>;

export type ConfigVariable = keyof typeof configVariables;
export type Env = Partial<Record<ConfigVariable, string | undefined>>;

/** The table's entries, typed as specs (the `as const` literal types are too narrow to loop). */
export const variableSpecs = (): [ConfigVariable, VariableSpec][] =>
  Object.entries(configVariables) as [ConfigVariable, VariableSpec][];
