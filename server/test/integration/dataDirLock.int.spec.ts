import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { DataDirBusyError, LOCK_FILE_NAME, lockDataDir } from '../../src/db/dataDirLock';
import { startFerretDB, type EmbeddedFerretDB } from '../../src/db/ferretdb';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { TEST_JWT_SECRET, TEST_SECRETS_KEY, tempDataDir } from '../support/testApp';

/**
 * Issue 15: one process at a time on an embedded database. A second one (another
 * startFerretDB, a second server, a backup) is refused at start with a message naming the
 * first; a lock left behind by a process that is gone is taken over.
 */
const serverRoot = path.resolve(__dirname, '../..');
const swcRegister = path.join(serverRoot, 'test/support/swcRegister.js');

let data: { dir: string; remove(): void };
let lockFile: string;
const cleanups: (() => unknown)[] = [];

beforeEach(() => {
  data = tempDataDir();
  lockFile = path.join(data.dir, LOCK_FILE_NAME);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  data.remove();
});

async function started(dataDir: string): Promise<EmbeddedFerretDB> {
  const ferretdb = await startFerretDB({ dataDir });
  cleanups.push(() => ferretdb.stop());
  return ferretdb;
}

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

/** A process that runs until the test ends. */
function liveProcess(): ChildProcess {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  cleanups.push(() => child.kill('SIGKILL'));
  return child;
}

const readLock = () => JSON.parse(fs.readFileSync(lockFile, 'utf8')) as { pid: number };

async function insertAndCount(uri: string): Promise<number> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  try {
    const things = client.db('locktest').collection('things');
    await things.insertOne({ at: new Date() });
    return await things.countDocuments();
  } finally {
    await client.close();
  }
}

const busyMessage = (pid: number, dataDir: string) =>
  new RegExp(
    `^Another Salesdesk process \\(pid ${pid}, started at \\d{4}-\\d\\d-\\d\\dT[\\d:]+Z\\) ` +
      `is using the embedded database in ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\. ` +
      'Stop it first, or give this one a different DATA_DIR\\.$',
  );

describe('startFerretDB on a data directory in use', () => {
  test('a second start is refused with a clear message, and the first keeps working', async () => {
    const first = await started(data.dir);
    expect(readLock().pid).toBe(process.pid);
    const held = fs.readFileSync(lockFile, 'utf8');

    const second = startFerretDB({ dataDir: data.dir });
    await expect(second).rejects.toThrow(DataDirBusyError);
    await expect(second).rejects.toThrow(busyMessage(process.pid, data.dir));
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(held);

    expect(await insertAndCount(first.uri)).toBe(1);
    expect(await insertAndCount(first.uri)).toBe(2);

    // Stopping releases it: the next start finds the same data.
    await first.stop();
    expect(fs.existsSync(lockFile)).toBe(false);
    const again = await started(data.dir);
    expect(await insertAndCount(again.uri)).toBe(3);
  }, 30_000);

  test('a lock left by a process that died is taken over, and released on stop', async () => {
    const pid = await deadPid();
    fs.writeFileSync(lockFile, JSON.stringify({ pid, startedAt: '2024-01-01T00:00:00Z' }));

    const ferretdb = await started(data.dir);
    expect(readLock().pid).toBe(process.pid);
    expect(await insertAndCount(ferretdb.uri)).toBe(1);
    await ferretdb.stop();
    expect(fs.existsSync(lockFile)).toBe(false);
  }, 30_000);
});

describe('the lock', () => {
  test('a live process named by the lock refuses, and keeps its lock', async () => {
    const other = liveProcess();
    const content = JSON.stringify({ pid: other.pid, startedAt: '2024-01-01T00:00:00Z' });
    fs.writeFileSync(lockFile, content);
    await expect(lockDataDir(data.dir)).rejects.toThrow(busyMessage(other.pid!, data.dir));
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(content);
    // The format of earlier versions (a bare pid) is honoured too.
    fs.writeFileSync(lockFile, String(other.pid));
    await expect(lockDataDir(data.dir)).rejects.toThrow(`(pid ${other.pid}) is using`);
  });

  test.each([
    ['an earlier boot', (pid: number) => ({ pid, bootId: 'not-this-boot' })],
    ['a reused pid (the process started later)', (pid: number) => ({ pid, startTicks: 1 })],
  ])('a lock from %s is stale even though its pid is alive', async (_label, owner) => {
    if (!fs.existsSync('/proc/self/stat')) return; // Linux only: elsewhere it refuses
    const other = liveProcess();
    fs.writeFileSync(lockFile, JSON.stringify(owner(other.pid!)));
    const lock = await lockDataDir(data.dir);
    expect(readLock().pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  test.each([
    ['our own pid from an earlier process (a restarted container)', () => String(process.pid)],
    ['a half-written file', () => ''],
    ['something that is not a lock', () => 'not-a-pid'],
  ])('a lock holding %s is taken over', async (_label, content) => {
    fs.writeFileSync(lockFile, content());
    const lock = await lockDataDir(data.dir);
    expect(readLock().pid).toBe(process.pid);
    lock.release();
  });

  test('release leaves alone a lock that is no longer ours', async () => {
    const lock = await lockDataDir(data.dir);
    const other = liveProcess();
    fs.writeFileSync(lockFile, String(other.pid));
    lock.release();
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(other.pid));
  });

  test('processes racing to take over one stale lock: exactly one wins', async () => {
    fs.writeFileSync(lockFile, JSON.stringify({ pid: await deadPid() }));
    const at = Date.now() + 1500;
    // Each one tries at the same moment; a winner holds on until every one has answered.
    const script = `
      const { lockDataDir } = require(${JSON.stringify(path.join(serverRoot, 'src/db/dataDirLock.ts'))});
      setTimeout(() => lockDataDir(${JSON.stringify(data.dir)}).then(
        (lock) => { console.log('won'); process.stdin.on('end', () => lock.release()).resume(); },
        (error) => console.log(error.name),
      ), ${at} - Date.now());`;
    const children = Array.from({ length: 6 }, () =>
      spawn(process.execPath, ['-r', swcRegister, '-e', script], {
        stdio: ['pipe', 'pipe', 'inherit'],
      }),
    );
    cleanups.push(() => children.forEach((child) => child.kill('SIGKILL')));
    const exited = children.map((child) => new Promise((done) => child.once('exit', done)));
    const outcomes = await Promise.all(
      children.map(
        (child) =>
          new Promise<string>((resolve) => {
            let output = '';
            child.stdout.on('data', (chunk: Buffer) => {
              output += chunk.toString();
              if (output.includes('\n')) resolve(output.trim());
            });
            child.once('exit', () => resolve(output.trim()));
          }),
      ),
    );
    for (const child of children) child.stdin.end();
    await Promise.all(exited);
    expect(outcomes.sort()).toEqual([...Array(5).fill('DataDirBusyError'), 'won']);
    expect(fs.readdirSync(data.dir)).toEqual([]);
  }, 20_000);
});

describe('two server processes on one DATA_DIR', () => {
  /** main.ts (or a script) in a child process on DATA_DIR, run to its exit. */
  async function runToExit(entry: string, args: string[] = []) {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'salesdesk-process-'));
    cleanups.push(() => fs.rmSync(cwd, { recursive: true, force: true }));
    const child = spawn(process.execPath, ['-r', swcRegister, entry, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        DATA_DIR: data.dir,
        MONGODB_URI: '',
        JWT_SECRET: TEST_JWT_SECRET,
        SECRETS_KEY: TEST_SECRETS_KEY,
      },
    });
    cleanups.push(() => child.kill('SIGKILL'));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { code, stdout, stderr };
  }

  let first: ServerProcess;

  test('the second exits 1 with the message alone, the first still answers', async () => {
    first = await startServerProcess('unused', { DATA_DIR: data.dir }, { embedded: true });
    cleanups.push(() => first.kill());
    expect(readLock().pid).toBe(first.pid);

    const [second, backup, migrate] = await Promise.all([
      runToExit(path.join(serverRoot, 'src/main.ts')),
      runToExit(path.join(serverRoot, 'src/scripts/backup.ts'), [path.join(data.dir, 'backup')]),
      runToExit(path.join(serverRoot, 'src/scripts/migrate.ts')),
    ]);
    for (const refused of [second, backup, migrate]) {
      expect(refused.code).toBe(1);
      // The message alone on one line: no stack trace.
      expect(refused.stderr.trimEnd()).toMatch(busyMessage(first.pid, data.dir));
    }
    expect(second.stdout).not.toMatch(/listening/);
    expect(fs.existsSync(path.join(data.dir, 'backup'))).toBe(false);

    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${first.url}/readyz`);
    expect(await ready.json()).toMatchObject({ database: { status: 'up', engine: 'ferretdb' } });
    expect(readLock().pid).toBe(first.pid);

    // A clean stop releases the lock for the next process.
    expect(await first.terminate()).toBe(0);
    expect(fs.existsSync(lockFile)).toBe(false);
  }, 30_000);
});
