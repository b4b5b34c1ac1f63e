import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { missingServiceError, type MissingService } from './systemServices';

export interface TestRedis {
  url: string;
  port: number;
  /** Stops the server (an outage); `start` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its directory. */
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;

/**
 * Why the Redis tests cannot run here (no working redis-server), or undefined. Their
 * specs skip on it outside CI:
 * `const test = whenInstalled(missingRedisServer(), globalThis.test)`.
 */
export function missingRedisServer(): MissingService | undefined {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (!probe.error && probe.status === 0) return undefined;
  const exit = probe.status ?? probe.signal;
  return {
    neededBy: 'the Redis scale-out tests',
    problem: probe.error
      ? 'redis-server is not on PATH'
      : `\`redis-server --version\` failed (${exit}): ${probe.stderr.split('\n')[0]}`,
    debianPackage: 'redis-server',
  };
}

/**
 * A real redis-server on a free loopback port, in its own temp dir, with persistence off.
 * A missing binary fails loudly: its specs skip outside CI (`missingRedisServer`), so
 * this is reached without redis-server only in CI, where it is a failure.
 */
export async function startRedis(): Promise<TestRedis> {
  const missing = missingRedisServer();
  if (missing) throw missingServiceError(missing);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'salesdesk-redis-'));
  const port = await freePort();
  let server: ChildProcess | undefined;
  let output = '';

  const start = async () => {
    output = '';
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server = child;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await ping(port))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`redis-server did not start on port ${port}:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const stop = async () => {
    const child = server;
    server = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** PING over a raw socket: true once the server answers +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
