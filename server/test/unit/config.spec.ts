import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, type Env } from '../../src/config';

const STRONG_JWT_SECRET = 'x7Kq9vR2mN4pL8wT1zY6bH3jF5gD0sA!';
/** Fixed random values: production refuses hand-made ones such as 'ab'.repeat(32). */
const HEX_KEY = '3f9c1e7a52d04b86a1e9f0c27d5b8e6349af12c07e8d5b3a96f4c21e0d7b8a65';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesdesk-config-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Every call gets its own DATA_DIR: development secrets must never land in the repo. */
const load = (env: Env) => loadConfig({ DATA_DIR: dataDir, ...env });

const production = (env: Env = {}): Env => ({
  NODE_ENV: 'production',
  JWT_SECRET: STRONG_JWT_SECRET,
  SECRETS_KEY: HEX_KEY,
  ...env,
});

function problemsOf(env: Env): string[] {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('defaults', () => {
  test('an empty environment gives a working development config', () => {
    const config = load({});
    expect(config.env).toBe('development');
    expect(config.port).toBe(4000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.handbackMinutes).toBe(30);
    expect(config.slowQueryMs).toBe(200);
    expect(config.logLevel).toBe('info');
    expect(config.graphApiUrl).toBe('https://graph.facebook.com');
    expect(config.dataDir).toBe(path.resolve(dataDir));
    expect(config.adminEmails).toEqual([]);
    expect(config.corsOrigins).toEqual([]);
    expect(config.mongodbUri).toBeUndefined();
    expect(config.groqApiKey).toBeUndefined();
  });

  test('blank and whitespace-only values fall back to the default', () => {
    const config = load({ PORT: '   ', HANDBACK_MINUTES: '', LOG_LEVEL: ' ' });
    expect(config.port).toBe(4000);
    expect(config.handbackMinutes).toBe(30);
    expect(config.logLevel).toBe('info');
  });

  test('GRAPH_API_URL loses its trailing slashes', () => {
    expect(load({ GRAPH_API_URL: 'https://graph.example.com//' }).graphApiUrl).toBe(
      'https://graph.example.com',
    );
    expect(load({ GRAPH_API_URL: 'http://localhost:9999/' }).graphApiUrl).toBe(
      'http://localhost:9999',
    );
  });

  test('numbers in range are parsed', () => {
    const config = load({ PORT: '0', HANDBACK_MINUTES: '10080', SLOW_QUERY_MS: '1' });
    expect(config.port).toBe(0);
    expect(config.handbackMinutes).toBe(7 * 24 * 60);
    expect(config.slowQueryMs).toBe(1);
  });

  test('limits are a copy: changing one config does not change the next', () => {
    const first = load({});
    first.limits.maxQueryDepth = 1;
    expect(load({}).limits.maxQueryDepth).toBe(10);
  });
});

describe('production secrets', () => {
  test('a complete production environment loads', () => {
    const config = load(production());
    expect(config.env).toBe('production');
    expect(config.jwtSecret).toBe(STRONG_JWT_SECRET);
    expect(config.secretsKey).toEqual(Buffer.from(HEX_KEY, 'hex'));
    expect(fs.existsSync(path.join(dataDir, 'secrets.json'))).toBe(false);
  });

  test('missing JWT_SECRET and SECRETS_KEY are both reported, and nothing is generated', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('JWT_SECRET is required in production'),
        expect.stringContaining('SECRETS_KEY is required in production'),
      ]),
    );
    expect(problems).toHaveLength(2);
    expect(fs.existsSync(path.join(dataDir, 'secrets.json'))).toBe(false);
  });

  test('the thrown ConfigError lists every problem in its message', () => {
    expect(() => load({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => load({ NODE_ENV: 'production' })).toThrow(
      /Invalid configuration:[\s\S]*JWT_SECRET[\s\S]*SECRETS_KEY/,
    );
  });

  test.each([
    ['a placeholder', 'changeme'],
    ['another placeholder', 'secret'],
    ['31 characters', 'a'.repeat(31)],
  ])('a JWT_SECRET that is %s is refused', (_label, secret) => {
    expect(problemsOf(production({ JWT_SECRET: secret }))).toEqual([
      'JWT_SECRET must be at least 32 random characters',
    ]);
  });

  test('a 32-character JWT_SECRET is accepted', () => {
    const secret = 'p4Z9qL2xV7mB1nR8tK3wY6cF0hJ5dS8e';
    expect(secret).toHaveLength(32);
    expect(load(production({ JWT_SECRET: secret })).jwtSecret).toBe(secret);
  });

  test('hand-made secrets pass outside production, where only the length is checked', () => {
    expect(load({ NODE_ENV: 'test', JWT_SECRET: 'k'.repeat(32) }).jwtSecret).toBe('k'.repeat(32));
    expect(load({ SECRETS_KEY: 'ab'.repeat(32) }).secretsKey).toHaveLength(32);
  });

  test.each([
    ['JWT_SECRET', 'k'.repeat(32)],
    ['JWT_SECRET', 'ab'.repeat(24)],
    ['JWT_SECRET', 'please-change-me-before-going-live-2024'],
    ['JWT_SECRET', 'Replace_Me_With_A_Long_Random_String_0123'],
    ['JWT_SECRET', 'your-secret-here-at-least-32-characters'],
    ['JWT_SECRET', 'my-super-secret-jwt-signing-key-for-prod'],
    ['SECRETS_KEY', '0'.repeat(64)],
    ['SECRETS_KEY', 'ab'.repeat(32)],
    ['SECRETS_KEY', '0123456'.repeat(10).slice(0, 64)],
    ['META_APP_SECRET', 'changeme'],
    ['META_APP_SECRET', 'x'.repeat(32)],
    ['WEBHOOK_VERIFY_TOKEN', 'example-verify-token'],
    ['GROQ_API_KEY', 'gsk_your_key'],
    ['METRICS_TOKEN', 'password123'],
  ] as const)('production refuses %s=%s as a placeholder, naming the variable', (name, value) => {
    expect(problemsOf(production({ [name]: value }))).toEqual([
      `${name} looks like a placeholder: set a randomly generated value`,
    ]);
  });

  test('the same placeholder values start outside production', () => {
    const config = load({ META_APP_SECRET: 'changeme', METRICS_TOKEN: 'password123' });
    expect(config.metaAppSecret).toBe('changeme');
    expect(config.metricsToken).toBe('password123');
  });

  test('optional secrets may stay unset in production', () => {
    const config = load(production());
    expect(config.metaAppSecret).toBeUndefined();
    expect(config.webhookVerifyToken).toBeUndefined();
    expect(config.groqApiKey).toBeUndefined();
    expect(config.metricsToken).toBeUndefined();
  });

  test('real-looking optional secrets are accepted in production', () => {
    const config = load(
      production({
        META_APP_SECRET: '9d4e2b7c1a8f3e6d5b0c9a7e2f4d1b8c',
        WEBHOOK_VERIFY_TOKEN: 'Vt7kQ2mZ9xR4wL1p',
        GROQ_API_KEY: 'gsk_8Jq2Lm5Xv9Rt1Zw4Kp7Nc3Hd6Fb0Ys',
        METRICS_TOKEN: 'mT4vX8qZ1kR6wN2p',
      }),
    );
    expect(config.metaAppSecret).toBe('9d4e2b7c1a8f3e6d5b0c9a7e2f4d1b8c');
    expect(config.metricsToken).toBe('mT4vX8qZ1kR6wN2p');
  });

  test('one value used as both JWT_SECRET and SECRETS_KEY is refused', () => {
    expect(problemsOf(production({ JWT_SECRET: HEX_KEY, SECRETS_KEY: HEX_KEY }))).toEqual([
      'JWT_SECRET and SECRETS_KEY must be different secrets',
    ]);
  });

  test('a value gets one problem: the format first, not also "placeholder"', () => {
    expect(problemsOf(production({ SECRETS_KEY: 'changeme' }))).toEqual([
      'SECRETS_KEY must be 32 bytes as 64 hex chars or base64',
    ]);
  });

  test('the message names the variable and says what to do', () => {
    expect(() => load(production({ JWT_SECRET: 'x'.repeat(40) }))).toThrow(
      /Invalid configuration:\n {2}- JWT_SECRET looks like a placeholder: set a randomly generated value/,
    );
  });

  test('a short JWT_SECRET is refused outside production too', () => {
    expect(problemsOf({ NODE_ENV: 'development', JWT_SECRET: 'short' })).toEqual([
      'JWT_SECRET must be at least 32 random characters',
    ]);
  });
});

describe('SECRETS_KEY', () => {
  test('64 hex characters, in either case, are the 32-byte key', () => {
    const bytes = randomBytes(32);
    expect(load(production({ SECRETS_KEY: bytes.toString('hex') })).secretsKey).toEqual(bytes);
    expect(
      load(production({ SECRETS_KEY: bytes.toString('hex').toUpperCase() })).secretsKey,
    ).toEqual(bytes);
  });

  test('base64url of 32 bytes is the key too', () => {
    const bytes = randomBytes(32);
    expect(load(production({ SECRETS_KEY: bytes.toString('base64url') })).secretsKey).toEqual(
      bytes,
    );
  });

  test('base64 of 32 bytes is the key', () => {
    const bytes = randomBytes(32);
    const key = load(production({ SECRETS_KEY: bytes.toString('base64') })).secretsKey;
    expect(key).toHaveLength(32);
    expect(key).toEqual(bytes);
  });

  test.each([
    ['62 hex characters', 'ab'.repeat(31)],
    ['66 hex characters', 'ab'.repeat(33)],
    ['base64 of 16 bytes', Buffer.alloc(16, 7).toString('base64')],
    ['base64 of 48 bytes', Buffer.alloc(48, 7).toString('base64')],
    ['a passphrase', 'correct horse battery staple'],
    ['base64 with characters outside the alphabet', '!!' + 'A'.repeat(43)],
  ])('a SECRETS_KEY of %s is refused', (_label, value) => {
    expect(problemsOf(production({ SECRETS_KEY: value }))).toEqual([
      'SECRETS_KEY must be 32 bytes as 64 hex chars or base64',
    ]);
  });
});

describe('invalid values', () => {
  test.each([
    ['PORT', 'abc', 'PORT must be an integer from 0 to 65535 (got "abc")'],
    ['PORT', '65536', 'PORT must be an integer from 0 to 65535 (got "65536")'],
    ['PORT', '-1', 'PORT must be an integer from 0 to 65535 (got "-1")'],
    ['PORT', '80.5', 'PORT must be an integer from 0 to 65535 (got "80.5")'],
    ['HANDBACK_MINUTES', '0', 'HANDBACK_MINUTES must be an integer from 1 to 10080 (got "0")'],
    ['HANDBACK_MINUTES', '10081', 'HANDBACK_MINUTES must be an integer from 1 to 10080'],
    ['HANDBACK_MINUTES', 'soon', 'HANDBACK_MINUTES must be an integer from 1 to 10080'],
    [
      'NODE_ENV',
      'staging',
      'NODE_ENV must be one of development, production, test (got "staging")',
    ],
    ['LOG_LEVEL', 'verbose', 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace'],
    ['TRUST_PROXY', '11', 'TRUST_PROXY must be an integer from 0 to 10 (got "11")'],
    ['SLOW_QUERY_MS', '0', 'SLOW_QUERY_MS must be an integer from 1 to 60000 (got "0")'],
    ['GRAPH_API_URL', 'graph.facebook.com', 'GRAPH_API_URL must be an http(s) URL'],
    ['GRAPH_API_URL', 'ftp://graph.facebook.com', 'GRAPH_API_URL must be an http(s) URL'],
    ['GROQ_BASE_URL', 'not a url', 'GROQ_BASE_URL must be an http(s) URL'],
  ] as const)('%s=%s is reported', (name, value, message) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  test('several problems at once are all listed', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      PORT: 'eighty',
      HANDBACK_MINUTES: '0',
      LOG_LEVEL: 'loud',
      GRAPH_API_URL: 'nope',
      JWT_SECRET: 'changeme',
    });
    expect(problems).toHaveLength(6);
    for (const name of [
      'PORT',
      'HANDBACK_MINUTES',
      'LOG_LEVEL',
      'GRAPH_API_URL',
      'JWT_SECRET must be at least',
      'SECRETS_KEY is required',
    ]) {
      expect(problems.some((problem) => problem.startsWith(name))).toBe(true);
    }
  });
});

describe('development secrets', () => {
  test('are generated into DATA_DIR/secrets.json and reused by the next start', () => {
    const first = load({ NODE_ENV: 'development' });
    const file = path.join(dataDir, 'secrets.json');
    expect(fs.existsSync(file)).toBe(true);
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.secretsKey).toHaveLength(32);

    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    expect(stored.jwtSecret).toBe(first.jwtSecret);
    expect(Buffer.from(stored.secretsKey ?? '', 'hex')).toEqual(first.secretsKey);

    const second = load({ NODE_ENV: 'development' });
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(second.secretsKey).toEqual(first.secretsKey);
  });

  test('the secrets file is readable by its owner only', () => {
    load({});
    const mode = fs.statSync(path.join(dataDir, 'secrets.json')).mode & 0o777;
    expect(mode).toBe(0o600);
  });

  test('a missing DATA_DIR is created', () => {
    const nested = path.join(dataDir, 'a', 'b');
    const config = loadConfig({ DATA_DIR: nested });
    expect(fs.existsSync(path.join(nested, 'secrets.json'))).toBe(true);
    expect(config.dataDir).toBe(nested);
  });

  test('another DATA_DIR gets other secrets', () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'salesdesk-config-'));
    try {
      const a = load({});
      const b = loadConfig({ DATA_DIR: other });
      expect(b.jwtSecret).not.toBe(a.jwtSecret);
      expect(b.secretsKey.equals(a.secretsKey)).toBe(false);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  test('given secrets win over the generated ones', () => {
    const config = load({ NODE_ENV: 'test', JWT_SECRET: STRONG_JWT_SECRET });
    expect(config.jwtSecret).toBe(STRONG_JWT_SECRET);
    expect(config.secretsKey).toHaveLength(32);
    const both = load({ NODE_ENV: 'test', JWT_SECRET: STRONG_JWT_SECRET, SECRETS_KEY: HEX_KEY });
    expect(both.secretsKey).toEqual(Buffer.from(HEX_KEY, 'hex'));
  });
});

describe('lists', () => {
  test('ADMIN_EMAILS are split on commas, trimmed, lower-cased, and blanks dropped', () => {
    const config = load({ ADMIN_EMAILS: ' Owner@Example.COM ,, second@example.com ,' });
    expect(config.adminEmails).toEqual(['owner@example.com', 'second@example.com']);
  });

  test('CORS_ORIGINS are split and trimmed but keep their case', () => {
    const config = load({ CORS_ORIGINS: 'https://App.example.com, http://localhost:5173' });
    expect(config.corsOrigins).toEqual(['https://App.example.com', 'http://localhost:5173']);
  });
});

describe('TRUST_PROXY', () => {
  test('a hop count, the default 0 believing no X-Forwarded-For', () => {
    expect(load({}).trustProxy).toBe(0);
    expect(load({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  test('or the addresses of the proxies: IPs, CIDRs and the named ranges', () => {
    expect(load({ TRUST_PROXY: '10.0.0.5, 172.16.0.0/12, fd00::/8, loopback' }).trustProxy).toEqual(
      ['10.0.0.5', '172.16.0.0/12', 'fd00::/8', 'loopback'],
    );
  });

  test.each(['nginx', '10.0.0.0/33', '10.0.0/8', 'loopback, 1.2.3.4/8/8'])(
    '%p is refused, naming what it accepts',
    (value) => {
      const [problem] = problemsOf({ TRUST_PROXY: value });
      expect(problem).toContain(
        'TRUST_PROXY must be a hop count (0 to 10) or a comma-separated list',
      );
    },
  );
});
