// The app in a process of its own (bench/benchServer.mjs), so a scenario can read that
// process's memory alone: started from a configuration (variables as loadConfig takes them).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const RSS_SAMPLE_MS = 50;

/** Starts it; resolves once it listens. `defer` registers its stop with the caller. */
export const startServerProcess = (config, defer) =>
  startScript(path.join(here, 'benchServer.mjs'), config, defer, 'the bench server');

/**
 * A bench script in a process of its own, given its configuration as JSON; it prints
 * `READY <url>` once it listens. Resolves to its url, pid and stop.
 */
export async function startScript(script, config, defer, name) {
  const child = spawn(process.execPath, [script, JSON.stringify(config)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  defer(stop);
  const url = await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/READY (\S+)/);
      if (match) resolve(match[1]);
    });
    exited.then((code) => reject(new Error(`${name} exited (${code}) before it was ready`)));
  });
  return { url, pid: child.pid, stop };
}

/** VmRSS and VmHWM of a process, in kB (NaN when it is gone). */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1]);
    return { rss: field('VmRSS'), hwm: field('VmHWM') };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

/** Samples a process's RSS every 50 ms; `stop()` gives the highest sample. */
export function sampleRss(pid) {
  let peak = 0;
  const timer = setInterval(() => {
    const { rss } = memoryOf(pid);
    if (rss > peak) peak = rss;
  }, RSS_SAMPLE_MS);
  return () => {
    clearInterval(timer);
    return Math.max(peak, memoryOf(pid).rss || 0);
  };
}
