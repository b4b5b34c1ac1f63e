import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const repoRoot = path.resolve(__dirname, '../../..');
const serverMain = path.join(repoRoot, 'server/dist/main.js');
const createAdminScript = path.join(repoRoot, 'server/dist/scripts/createAdmin.js');
const clientIndex = path.join(repoRoot, 'client/dist/index.html');

const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;
const LOG_LINES_KEPT = 200;

export interface ProductionServer {
  url: string;
  /** Signs webhook bodies as Meta would. */
  metaAppSecret: string;
  /** `npm run create-admin`'s script, run against the same database. */
  createAdmin(email: string, password: string): Promise<void>;
  /** The last log lines, to explain a failure. */
  logTail(): string;
  stop(): Promise<void>;
}

/** Random like `openssl rand`: production refuses short, repetitive or example secrets. */
const secret = (bytes: number, encoding: 'hex' | 'base64url' = 'hex') =>
  randomBytes(bytes).toString(encoding);

/**
 * `node server/dist/main.js` as a deployment runs it: NODE_ENV=production with freshly
 * generated secrets, serving client/dist, on the jest run's FerretDB (a database of its own).
 */
export async function startProductionServer(options: {
  graphApiUrl: string;
  /** More configuration (a Groq key and base URL, say). */
  env?: Record<string, string>;
}): Promise<ProductionServer> {
  for (const built of [serverMain, createAdminScript, clientIndex]) {
    if (!existsSync(built)) {
      throw new Error(`${built} is missing: run \`npm run build\` first (npm test does).`);
    }
  }
  const baseUri = process.env.SALESDESK_TEST_MONGODB_URI;
  if (!baseUri) throw new Error('SALESDESK_TEST_MONGODB_URI is unset: run through jest');

  // Its own working directory and DATA_DIR: main.js would load a .env found in the cwd.
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'salesdesk-e2e-'));
  // The test's own when it plays Meta's side of the login too (its code exchange checks it).
  const metaAppSecret = options.env?.META_APP_SECRET ?? secret(32);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: cwd,
    LOG_LEVEL: 'info',
    MONGODB_URI: `${baseUri}e2e_${secret(4)}`,
    JWT_SECRET: secret(48, 'base64url'),
    SECRETS_KEY: secret(32),
    META_APP_SECRET: metaAppSecret,
    WEBHOOK_VERIFY_TOKEN: secret(16),
    GRAPH_API_URL: options.graphApiUrl,
    ...options.env,
  };

  const child = spawn(process.execPath, [serverMain], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let url: string | undefined;
  let pending = '';
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > LOG_LINES_KEPT) lines.shift();
  };
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const line of complete) {
      keep(line);
      if (url) continue;
      try {
        const parsed = JSON.parse(line) as { url?: unknown };
        if (typeof parsed.url === 'string') url = parsed.url;
      } catch {
        // not a JSON log line
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => keep(chunk.toString().trimEnd()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const logTail = () => lines.join('\n');

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (!url) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(cwd, { recursive: true, force: true });
      throw new Error(`the production server did not start:\n${logTail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    url,
    metaAppSecret,
    logTail,
    async createAdmin(email, password) {
      await promisify(execFile)(
        process.execPath,
        [createAdminScript, '--email', email, '--password', password],
        { cwd, env },
      );
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}
