import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { closedPortUrl } from '../graphApiFixture';

/**
 * The server process's memory, as the fuzz judges it: RSS from /proc, read right after
 * a full garbage collection asked for through the process's inspector, so that two
 * readings compare what the process really holds, not where V8's lazy collector happens
 * to be (between collections the same idle server reads anywhere from 200 to 330 MB).
 */

/** A loopback port for the server's inspector (`--inspect=127.0.0.1:<port>`). */
export async function inspectorPort(): Promise<number> {
  return Number(new URL(await closedPortUrl()).port);
}

function readRssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}

/** A full garbage collection in the server, through its inspector. */
async function collectGarbage(port: number): Promise<void> {
  try {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
      webSocketDebuggerUrl: string;
    }[];
    const socket = new WebSocket(targets[0]!.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    await new Promise<void>((resolve) => {
      socket.on('message', (message) => {
        if ((JSON.parse(String(message)) as { id?: number }).id === 1) resolve();
      });
      socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }));
    });
    socket.close();
  } catch {
    // no inspector: the reading is plain RSS
  }
}

/** RSS after a full collection (plain RSS if the inspector cannot be reached). */
export async function settledRssKb(pid: number, port: number): Promise<number> {
  await collectGarbage(port);
  return readRssKb(pid);
}
