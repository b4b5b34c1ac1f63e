// Posts signed webhooks from a worker thread of its own, as Meta would from its own
// machines. On the bench's main thread each ack also waited for the Graph API fixture and
// the bench's bookkeeping there: its event loop lagged 63 ms at p99 during a 400-webhook
// burst while the server itself answered in 87 ms at p99 (growth, 1k chats).
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runPool } from './stats.mjs';

/** One POST; `sentAt` on the wall clock (ms), so the main thread can compare it. */
async function post(url, { raw, signature }) {
  const started = performance.now();
  const response = await fetch(`${url}/webhooks/facebook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    body: raw,
  });
  await response.text();
  if (response.status !== 200) throw new Error(`webhook answered HTTP ${response.status}`);
  return { sentAt: performance.timeOrigin + started, ackMs: performance.now() - started };
}

async function send({ url, bodies, concurrency, rate }) {
  const results = new Array(bodies.length);
  if (rate) {
    // Paced: the i-th at i/rate seconds, whether or not earlier ones were answered.
    const started = performance.now();
    const inFlight = [];
    for (let index = 0; index < bodies.length; index++) {
      const wait = started + (index * 1000) / rate - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(post(url, bodies[index]).then((result) => (results[index] = result)));
    }
    await Promise.all(inFlight);
  } else {
    await runPool(bodies.length, concurrency, async (index) => {
      results[index] = await post(url, bodies[index]);
    });
  }
  return results;
}

/**
 * Sends `bodies` ({ raw, signature }) to the app at `url`: paced at `rate` a second, or as
 * fast as `concurrency` loops allow. Resolves, per body, to its ack time and when it was
 * sent on this thread's `performance.now()` clock.
 */
export function sendWebhooks({ url, bodies, concurrency = 1, rate }) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { url, bodies, concurrency, rate },
    });
    worker.once('message', (message) => {
      // Its fetch keeps connections alive: end it rather than wait them out.
      void worker.terminate();
      if (message.error) reject(new Error(message.error));
      else
        resolve(
          message.results.map(({ sentAt, ackMs }) => ({
            sentAt: sentAt - performance.timeOrigin,
            ackMs,
          })),
        );
    });
    worker.once('error', reject);
  });
}

if (!isMainThread) {
  send(workerData).then(
    (results) => parentPort.postMessage({ results }),
    (error) => parentPort.postMessage({ error: String(error?.message ?? error) }),
  );
}
