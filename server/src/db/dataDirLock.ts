import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

/**
 * One process at a time on an embedded database: the server makes its updates atomic by
 * talking to FerretDB over a single connection (see connect.ts) and keeps in-process state
 * about the data, neither of which holds across two processes on the same files. The lock
 * is `<dataDir>/salesdesk.lock`, created with O_EXCL and holding who took it.
 */
export const LOCK_FILE_NAME = 'salesdesk.lock';

/** What a lock file says about the process that holds it. */
export interface LockOwner {
  pid: number;
  /** When that process started (ISO 8601). */
  startedAt?: string;
  /** Linux: the kernel's boot id; a lock from an earlier boot is stale whatever its pid. */
  bootId?: string;
  /** Linux: the process's start in clock ticks since boot, which tells a reused pid apart. */
  startTicks?: number;
}

export interface DataDirLock {
  file: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | undefined,
  ) {
    const who = owner
      ? `Another Salesdesk process (pid ${owner.pid}${owner.startedAt ? `, started at ${owner.startedAt}` : ''})`
      : 'Another Salesdesk process';
    super(
      `${who} is using the embedded database in ${dataDir}. ` +
        'Stop it first, or give this one a different DATA_DIR.',
    );
    this.name = 'DataDirBusyError';
  }
}

/** How long a lock file that is not yet readable may be in the middle of being written. */
const UNREADABLE_GRACE_MS = 1000;

/** Locks this process holds, shared by every copy of this module in the process. */
const heldHere = ((globalThis as Record<symbol, Set<string> | undefined>)[
  Symbol.for('salesdesk.dataDirLocks')
] ??= new Set<string>());

/**
 * Takes `<dataDir>/salesdesk.lock`, creating the directory if needed. A lock whose process
 * is running refuses with a DataDirBusyError; one left by a process that is gone (a crash,
 * a power cut) is taken over. Released by `release()`, or at the latest on process exit.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE_NAME);
  const content = `${JSON.stringify(thisProcess())}\n`;

  if (!createExclusive(file, content)) {
    const found = await readLock(file);
    if (found) {
      if (found.owner && isRunning(found.owner, file)) throw new DataDirBusyError(dir, found.owner);
      await removeStale(file, found.raw, content);
    }
    // Once: a process that took the stale lock over before us has won.
    if (!createExclusive(file, content)) {
      throw new DataDirBusyError(dir, (await readLock(file))?.owner);
    }
  }

  heldHere.add(file);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    heldHere.delete(file);
    try {
      // Only our own: never a lock another process took after ours was removed by hand.
      if (readFileSync(file, 'utf8') === content) unlinkSync(file);
    } catch {
      // already gone
    }
  };
  // Best effort when the process ends without stopping the database (process.exit).
  process.on('exit', release);
  return { file, release };
}

/** O_EXCL: exactly one of any number of racing processes creates the file. */
function createExclusive(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } catch (error) {
    closeSync(fd);
    rmSync(file, { force: true });
    throw error;
  }
  closeSync(fd);
  return true;
}

/**
 * The lock file's text and what it says, or undefined if there is no file. An empty or
 * unreadable file may be one being written this instant: it gets a moment to be completed.
 */
async function readLock(file: string): Promise<{ raw: string; owner?: LockOwner } | undefined> {
  const deadline = Date.now() + UNREADABLE_GRACE_MS;
  for (;;) {
    let raw: string;
    try {
      raw = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const owner = parseOwner(raw);
    // Still unreadable after the grace: left by a process that died while writing it.
    if (owner || Date.now() >= deadline) return { raw, owner };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function parseOwner(raw: string): LockOwner | undefined {
  const text = raw.trim();
  // A bare pid: the format of earlier versions.
  if (/^\d+$/.test(text)) return validPid(Number(text)) ? { pid: Number(text) } : undefined;
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (!validPid(value.pid)) return undefined;
    return {
      pid: value.pid,
      startedAt: typeof value.startedAt === 'string' ? value.startedAt : undefined,
      bootId: typeof value.bootId === 'string' ? value.bootId : undefined,
      startTicks: typeof value.startTicks === 'number' ? value.startTicks : undefined,
    };
  } catch {
    return undefined;
  }
}

const validPid = (pid: unknown): pid is number =>
  typeof pid === 'number' && Number.isSafeInteger(pid) && pid > 0;

/**
 * Whether the process the lock names is still the one that wrote it. Where the system
 * cannot tell (no /proc), a live pid counts as the owner: refusing wrongly is recoverable,
 * two processes on one database are not.
 */
function isRunning(owner: LockOwner, file: string): boolean {
  const boot = bootId();
  if (owner.bootId && boot && owner.bootId !== boot) return false;
  if (!pidExists(owner.pid)) return false;
  const ticks = startTicksOf(owner.pid);
  // Same pid, later start: the pid was reused (a container restarted: same pids again).
  if (owner.startTicks !== undefined && ticks !== undefined) return owner.startTicks === ticks;
  // Our own pid in a lock we do not hold: left by an earlier process that had it.
  if (owner.pid === process.pid) return heldHere.has(file);
  return true;
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes a stale lock without ever removing a fresh one. Takeovers go one at a time, under
 * `salesdesk.lock.takeover` (O_EXCL too): its holder removes the lock only if it still
 * holds exactly what was judged stale, so a lock that a racing process has just taken over
 * is left alone (and our next create fails). Whoever finds a takeover under way waits for
 * it to end.
 */
async function removeStale(file: string, staleContent: string, content: string): Promise<void> {
  const guard = `${file}.takeover`;
  if (!createExclusive(guard, content)) {
    const other = await readLock(guard);
    // Left by a process that died in the middle of a takeover (a rare crash): set aside.
    if (other && !(other.owner && isRunning(other.owner, guard))) setAsideStale(guard, other.raw);
    if (!createExclusive(guard, content)) {
      await gone(guard, TAKEOVER_WAIT_MS);
      return;
    }
  }
  try {
    if (readIfExists(file) === staleContent) unlinkSync(file);
  } finally {
    if (readIfExists(guard) === content) unlinkSync(guard);
  }
}

/** How long a takeover under way may take: microseconds, unless that process is stuck. */
const TAKEOVER_WAIT_MS = 2000;

async function gone(file: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (readIfExists(file) !== undefined && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Removes an abandoned takeover guard. If another process claimed it after we read it, the
 * file we move aside is that one's, and goes straight back.
 */
function setAsideStale(file: string, staleContent: string): void {
  const aside = `${file}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (readFileSync(aside, 'utf8') === staleContent) return;
    try {
      linkSync(aside, file);
    } catch (error) {
      // EEXIST: yet another process holds it now. Without hard links, move it back.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') renameSync(aside, file);
    }
  } finally {
    rmSync(aside, { force: true });
  }
}

function thisProcess(): LockOwner {
  return {
    pid: process.pid,
    startedAt: new Date(performance.timeOrigin).toISOString().replace(/\.\d+Z$/, 'Z'),
    bootId: bootId(),
    startTicks: startTicksOf(process.pid),
  };
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/<pid>/stat, counted after the command name (which may hold spaces). */
function startTicksOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    return Number.isSafeInteger(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}
