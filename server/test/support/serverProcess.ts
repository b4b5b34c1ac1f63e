import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Env } from '../../src/config';
import { postWebhook } from './metaPayloads';
import { TEST_JWT_SECRET, TEST_SECRETS_KEY } from './testApp';

const serverRoot = path.resolve(__dirname, '../..');
const STARTUP_TIMEOUT_MS = 30_000;

export interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  [key: string]: unknown;
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** Every JSON log line written so far. */
  logs(): LogLine[];
  /** Sends the signal and resolves with the exit code once the process is gone. */
  terminate(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves with the exit code (null after a signal). */
  exited: Promise<number | null>;
  /** SIGKILL if still running (cleanup). */
  kill(): void;
}

/**
 * The real server entry (`server/src/main.ts`, with its signal handling) in a child
 * process of its own, on the test FerretDB: what an orchestrator runs, compiled on load
 * (see swcRegister.js). Logs at info level; resolves once it listens.
 */
export interface ServerProcessOptions {
  /** Pipeline timings for this process (see serverEntry.ts); the real main.ts without. */
  pipeline?: Record<string, unknown>;
  /** Run on its own embedded FerretDB under its DATA_DIR instead of the test FerretDB. */
  embedded?: boolean;
}

export async function startServerProcess(
  dbName: string,
  env: Env = {},
  options: ServerProcessOptions = {},
): Promise<ServerProcess> {
  const baseUri = process.env.SALESDESK_TEST_MONGODB_URI;
  if (!baseUri) throw new Error('SALESDESK_TEST_MONGODB_URI is unset: run through jest');
  // Its own working directory: main.ts would load a .env found in the current one.
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'salesdesk-process-'));
  const entry = options.pipeline
    ? path.join(__dirname, 'serverEntry.ts')
    : path.join(serverRoot, 'src/main.ts');
  const child = spawn(process.execPath, ['-r', path.join(__dirname, 'swcRegister.js'), entry], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATA_DIR: cwd,
      JWT_SECRET: TEST_JWT_SECRET,
      SECRETS_KEY: TEST_SECRETS_KEY,
      MONGODB_URI: options.embedded ? '' : `${baseUri}${dbName}`,
      ...(options.pipeline ? { SALESDESK_TEST_PIPELINE: JSON.stringify(options.pipeline) } : {}),
      ...env,
    },
  });
  const lines: LogLine[] = [];
  let output = '';
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const line of complete) {
      output += `${line}\n`;
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        // not a log line (a stray console message)
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      rmSync(cwd, { recursive: true, force: true });
      resolve(code);
    }),
  );

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let url: string | undefined;
  while (!url) {
    url = lines.find((line) => typeof line.url === 'string')?.url as string | undefined;
    if (url) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server process did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    pid: child.pid!,
    logs: () => [...lines],
    exited,
    terminate: async (signal = 'SIGTERM') => {
      child.kill(signal);
      return exited;
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/**
 * Meta's side of a server going away behind a load balancer: a delivery that the first
 * server refuses or drops (it stopped listening, or died) is retried, and reaches the
 * second once that one is up. Only a 200 counts as delivered, exactly as Meta treats it.
 */
export async function deliverWithFailover(
  platform: 'facebook' | 'instagram' | 'whatsapp',
  body: unknown,
  first: ServerProcess,
  second: () => Promise<ServerProcess>,
): Promise<'first' | 'second'> {
  try {
    const response = await postWebhook(first.url, platform, body);
    if (response.status === 200) return 'first';
  } catch {
    // connection refused or reset: the first server is going away
  }
  const response = await postWebhook((await second()).url, platform, body);
  if (response.status !== 200) throw new Error(`the second server answered ${response.status}`);
  return 'second';
}
