import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { lockDataDir } from './dataDirLock';

/** Where `npm run setup:db` builds the binary (see scripts/setup-db.mjs). */
export const ferretdbBinary = path.resolve(__dirname, '../../../.tools/bin/ferretdb');

export const missingFerretdbMessage =
  'Salesdesk needs a database. No MONGODB_URI is set, so it would start its embedded ' +
  `FerretDB, but ${ferretdbBinary} has not been built. Either run \`npm run setup:db\` ` +
  '(it needs Go 1.24 or newer from https://go.dev/dl, and builds FerretDB in about a ' +
  'minute), or set MONGODB_URI to a MongoDB 7 server you already run.';

export interface EmbeddedFerretDB {
  /** mongodb://127.0.0.1:<port>/ : append a database name. */
  uri: string;
  /** The running FerretDB's process id (a new one after a restart). */
  readonly pid: number;
  /** False between FerretDB dying and its restart. */
  alive(): boolean;
  /** Called when FerretDB exits without being asked to (killed, crashed). */
  onUnexpectedExit(listener: (code: number | null) => void): void;
  /** Starts FerretDB again on the same port and files, after an unexpected exit. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

interface Launched {
  child: ChildProcess;
  exited: Promise<number | null>;
  port: number;
}

interface StartOptions {
  dataDir: string;
  binary?: string;
  startTimeoutMs?: number;
}

/**
 * Starts FerretDB (SQLite backend) on a free loopback port with its files under
 * `<dataDir>/ferretdb`, and resolves once it answers a ping. First it locks the data
 * directory (see dataDirLock.ts): while another process (a server, a backup) has it open,
 * this rejects with a DataDirBusyError saying which one. stop() releases the lock.
 */
export async function startFerretDB(options: StartOptions): Promise<EmbeddedFerretDB> {
  const binary = options.binary ?? ferretdbBinary;
  if (!existsSync(binary)) throw new Error(missingFerretdbMessage);
  const lock = await lockDataDir(options.dataDir);
  const dir = path.join(path.resolve(options.dataDir), 'ferretdb');
  const timeoutMs = options.startTimeoutMs ?? 20_000;
  let current: Launched;
  try {
    mkdirSync(dir, { recursive: true });
    current = await launchOnFreePort(binary, dir, timeoutMs);
  } catch (error) {
    lock.release();
    throw error;
  }
  const listeners = new Set<(code: number | null) => void>();
  let stopping: Promise<void> | undefined;
  const watch = (launched: Launched) =>
    void launched.exited.then((code) => {
      if (stopping || launched !== current) return;
      for (const listener of listeners) listener(code);
    });
  watch(current);
  return {
    uri: `mongodb://127.0.0.1:${current.port}/`,
    get pid() {
      return current.child.pid ?? -1;
    },
    alive: () => current.child.exitCode === null && current.child.signalCode === null,
    onUnexpectedExit: (listener) => void listeners.add(listener),
    restart: async () => {
      current = await launch(binary, dir, timeoutMs, current.port);
      watch(current);
    },
    stop: () => (stopping ??= stopChild(current.child, current.exited).finally(lock.release)),
  };
}

/** A port found free can be taken before FerretDB binds it: try a few. */
async function launchOnFreePort(binary: string, dir: string, timeoutMs: number) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(binary, dir, timeoutMs, await freePort());
    } catch (error) {
      if (attempt >= 3 || !(error instanceof PortTakenError)) throw error;
    }
  }
}

class PortTakenError extends Error {}

async function launch(
  binary: string,
  dir: string,
  timeoutMs: number,
  port: number,
): Promise<Launched> {
  const child = spawn(
    binary,
    [
      `--listen-addr=127.0.0.1:${port}`,
      `--sqlite-url=file:${dir}/`,
      '--log-level=warn',
      // Ties FerretDB's life to ours: if this process dies, the pipe closes and it exits.
      '--exit-on-stdin-close',
    ],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const uri = `mongodb://127.0.0.1:${port}/`;

  const polling = new AbortController();
  try {
    const ready = await Promise.race([
      waitUntilAnswering(uri, timeoutMs, polling.signal).then(() => true),
      exited.then(() => false),
    ]);
    if (!ready) {
      const message = `FerretDB exited while starting:\n${output.trim()}`;
      throw /address already in use/.test(output)
        ? new PortTakenError(message)
        : new Error(message);
    }
  } catch (error) {
    // Never leave a half-started FerretDB holding the files once the lock is released.
    await stopChild(child, exited);
    throw error;
  } finally {
    polling.abort();
  }

  return { child, exited, port };
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(killTimer);
}

async function waitUntilAnswering(
  uri: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!signal.aborted) {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`FerretDB did not answer within ${timeoutMs} ms`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.close().catch(() => undefined);
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
