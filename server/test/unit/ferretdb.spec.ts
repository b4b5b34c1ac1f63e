import type { ChildProcess } from 'node:child_process';
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
const children: ChildProcess[] = [];
const started: EmbeddedFerretDB[] = [];

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesdesk-ferretdb-'));
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((instance) => instance.stop()));
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

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

// The data directory's lock: test/integration/dataDirLock.int.spec.ts.

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
