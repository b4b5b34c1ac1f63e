import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import {
  ferretdbBinary,
  missingFerretdbMessage,
  startFerretDB,
  type EmbeddedFerretDB,
} from '../../src/db/ferretdb';

let dataDir: string;
let lockFile: string;
const children: ChildProcess[] = [];
const started: EmbeddedFerretDB[] = [];

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesdesk-ferretdb-'));
  lockFile = path.join(dataDir, 'ferretdb', 'salesdesk.lock');
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((instance) => instance.stop()));
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function writeLock(content: string): void {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  fs.writeFileSync(lockFile, content);
}

/** A process that is running for the length of the test. */
function liveProcess(): ChildProcess {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  children.push(child);
  if (child.pid === undefined) throw new Error('could not spawn `sleep`');
  return child;
}

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

function requireBinary(): void {
  if (!fs.existsSync(ferretdbBinary)) {
    throw new Error(
      `${ferretdbBinary} does not exist: run \`npm run setup:db\` to build the embedded FerretDB.`,
    );
  }
}

describe('without the binary', () => {
  test('startFerretDB rejects with the setup instructions', async () => {
    await expect(
      startFerretDB({ dataDir, binary: path.join(dataDir, 'nonexistent', 'ferretdb') }),
    ).rejects.toThrow(missingFerretdbMessage);
  });

  test('the message tells both ways out: npm run setup:db or MONGODB_URI', () => {
    expect(missingFerretdbMessage).toContain('npm run setup:db');
    expect(missingFerretdbMessage).toContain('MONGODB_URI');
    expect(missingFerretdbMessage).toContain(ferretdbBinary);
  });

  test('nothing is created in DATA_DIR', async () => {
    await expect(startFerretDB({ dataDir, binary: '/nonexistent/ferretdb' })).rejects.toThrow();
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});

describe('the lock file', () => {
  test('a lock held by another live process refuses to start', async () => {
    const other = liveProcess();
    writeLock(String(other.pid));

    const attempt = startFerretDB({ dataDir, binary: process.execPath });
    await expect(attempt).rejects.toThrow(`Another Salesdesk process (pid ${other.pid})`);
    await expect(attempt).rejects.toThrow(/give this one its own DATA_DIR/);
    await expect(attempt).rejects.toThrow(path.join(dataDir, 'ferretdb'));
    // The other process keeps its lock.
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(other.pid));
  });

  test('a lock left by a dead process is taken over, and released on stop', async () => {
    requireBinary();
    const pid = await deadPid();
    writeLock(String(pid));

    const ferretdb = await startFerretDB({ dataDir });
    started.push(ferretdb);
    expect(ferretdb.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    expect(ferretdb.pid).toBeGreaterThan(0);
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(process.pid));

    const client = new MongoClient(ferretdb.uri, { serverSelectionTimeoutMS: 5000 });
    try {
      await client.connect();
      expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
    } finally {
      await client.close();
    }

    await ferretdb.stop();
    expect(fs.existsSync(lockFile)).toBe(false);
    expect(() => process.kill(ferretdb.pid, 0)).toThrow();
    // stop() is idempotent.
    await expect(ferretdb.stop()).resolves.toBeUndefined();
  }, 60_000);

  test.each([
    ['our own pid', () => String(process.pid)],
    ['something that is not a pid', () => 'not-a-pid'],
    ['an empty file', () => ''],
  ])(
    'a lock holding %s does not refuse',
    async (_label, content) => {
      requireBinary();
      writeLock(content());
      const ferretdb = await startFerretDB({ dataDir });
      started.push(ferretdb);
      expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    },
    60_000,
  );
});

describe('failed starts', () => {
  test('a start that times out stops the process it launched before releasing the lock', async () => {
    // Stands in for a FerretDB that hangs while starting: it never answers a ping.
    const pidFile = path.join(dataDir, 'child.pid');
    const binary = path.join(dataDir, 'hanging-ferretdb');
    fs.writeFileSync(binary, `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 30\n`, { mode: 0o755 });

    await expect(startFerretDB({ dataDir, binary, startTimeoutMs: 300 })).rejects.toThrow(
      /did not answer within 300 ms/,
    );
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    const lockFile = path.join(dataDir, 'ferretdb', 'salesdesk.lock');
    let stillRunning = true;
    try {
      process.kill(pid, 0);
    } catch {
      stillRunning = false;
    }
    if (stillRunning) process.kill(pid, 'SIGKILL');
    // The lock is gone, so the next start may open the same SQLite files...
    expect(fs.existsSync(lockFile)).toBe(false);
    // ...while the process that timed out is still running on them.
    expect(stillRunning).toBe(false);
  }, 10_000);

  test('a FerretDB that exits while starting stops the readiness poll too', async () => {
    const connect = jest.spyOn(MongoClient.prototype, 'connect');
    // Node is not FerretDB: it rejects the flags and exits at once.
    await expect(
      startFerretDB({ dataDir, binary: process.execPath, startTimeoutMs: 3000 }),
    ).rejects.toThrow(/FerretDB exited while starting/);
    const callsAtRejection = connect.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(connect.mock.calls.length).toBe(callsAtRejection);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // let the poll run out
  }, 10_000);
});
