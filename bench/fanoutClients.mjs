// Scenario "fanout", subscriber side: the 2S WebSocket clients live in a worker thread, so
// their parsing runs on its own core and the main thread's heap holds only the servers.
// Imported in the main thread, this module exports startClientThread(); loaded as the
// worker, it serves the requests below.
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { memorySnapshot, nowMs } from './fanoutUtil.mjs';

const ROLE = 'salesdesk-fanout-clients';
const CHAT_UPDATED = 'subscription { chatUpdated { id } }';
const CONNECT_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 10_000;
const SAMPLES = 5;

/**
 * Starts the worker and returns `call(type, args)`, which resolves with the worker's answer.
 * Requests: open, reset, waitForFirsts, receipts, memory, closeAll (see `handlers`).
 */
export function startClientThread() {
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { role: ROLE } });
  const pending = new Map();
  let nextId = 1;
  let failure;
  const failAll = (error) => {
    failure ??= error;
    for (const { reject } of pending.values()) reject(failure);
    pending.clear();
  };
  worker.on('message', ({ id, result, error }) => {
    const request = pending.get(id);
    if (!request) return;
    pending.delete(id);
    if (error) request.reject(new Error(`clients thread: ${error}`));
    else request.resolve(result);
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`the clients thread exited (code ${code})`)));

  let terminating;
  return {
    call: (type, args = {}) =>
      new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, type, args });
      }),
    terminate: () => (terminating ??= worker.terminate()),
  };
}

if (!isMainThread && workerData?.role === ROLE) {
  const { createClient } = await import('graphql-ws');
  const { default: WebSocket } = await import('ws');

  /** Every open client: { group: 'a' | 'other', firsts: Map<chatId, ms>, close() }. */
  let clients = [];
  let state = freshState();

  function freshState() {
    return {
      firsts: 0,
      ignored: new Set(),
      otherEvents: 0,
      otherSample: [],
      errors: 0,
      errorSample: [],
      unexpectedCloses: 0,
      closeSample: [],
      ended: 0,
    };
  }

  const sample = (list, value) => {
    if (list.length < SAMPLES) list.push(value);
  };

  /** One event as it arrives at one client: only the first per chat and client is timed. */
  function received(client, at, payload) {
    if (payload?.errors) {
      state.errors += 1;
      sample(state.errorSample, JSON.stringify(payload.errors).slice(0, 300));
      return;
    }
    const chatId = payload?.data?.chatUpdated?.id;
    if (client.group !== 'a') {
      state.otherEvents += 1;
      sample(state.otherSample, JSON.stringify(payload).slice(0, 300));
      return;
    }
    if (typeof chatId !== 'string' || state.ignored.has(chatId) || client.firsts.has(chatId)) {
      return;
    }
    client.firsts.set(chatId, at);
    state.firsts += 1;
  }

  function closedUnexpectedly(client, code, reason) {
    if (client.closing) return;
    state.unexpectedCloses += 1;
    sample(state.closeSample, `${client.group} #${client.index}: ${code} ${reason ?? ''}`.trim());
  }

  /** A graphql-ws client subscribed to chatUpdated; `opened` settles with the server's ack. */
  function openGraphql({ url, token, group, index }) {
    const client = { group, index, firsts: new Map(), closing: false, ready: false };
    let closed;
    const whenClosed = new Promise((done) => (closed = done));
    let gql;
    client.opened = new Promise((resolve, reject) => {
      gql = createClient({
        url,
        webSocketImpl: WebSocket,
        connectionParams: { token },
        lazy: true,
        retryAttempts: 0,
        on: {
          connected: () => {
            client.ready = true;
            resolve();
          },
          closed: (event) => {
            closed();
            if (!client.ready) reject(new Error(`closed before its ack (${event?.code})`));
            else closedUnexpectedly(client, event?.code, event?.reason);
          },
          error: (error) => {
            if (!client.ready) reject(new Error(String(error?.message ?? error)));
          },
        },
      });
    });
    gql.subscribe(
      { query: CHAT_UPDATED },
      {
        next: (value) => received(client, nowMs(), value),
        error: (error) => {
          state.ended += 1;
          const detail = Array.isArray(error) ? JSON.stringify(error) : String(error?.message);
          sample(state.errorSample, `${group} #${index} ended: ${detail.slice(0, 300)}`);
        },
        complete: () => {
          if (!client.closing) state.ended += 1;
        },
      },
    );
    client.close = async () => {
      client.closing = true;
      await gql.dispose();
      await Promise.race([whenClosed, timeout(CLOSE_TIMEOUT_MS)]);
    };
    return client;
  }

  /** A bare `ws` client; the server knows its group from the URL. */
  function openBare({ url, group, index }) {
    const client = { group, index, firsts: new Map(), closing: false };
    const socket = new WebSocket(`${url}?group=${group}&index=${index}`);
    const whenClosed = new Promise((done) => socket.once('close', done));
    client.opened = new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.on('error', () => undefined);
    socket.on('message', (data) => {
      // Parsed before the clock is read, as graphql-ws does before calling `next`.
      const { payload } = JSON.parse(data.toString());
      received(client, nowMs(), payload);
    });
    socket.on('close', (code, reason) => closedUnexpectedly(client, code, reason.toString()));
    client.close = async () => {
      client.closing = true;
      socket.close();
      await Promise.race([whenClosed, timeout(CLOSE_TIMEOUT_MS)]);
      socket.terminate();
    };
    return client;
  }

  const timeout = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

  const handlers = {
    /** Opens one batch: `tokens` (graphql, one client each) or `count` bare clients. */
    async open({ kind, url, group, tokens, count }) {
      const size = kind === 'graphql' ? tokens.length : count;
      const first = clients.filter((client) => client.group === group).length;
      // Registered at once, so closeAll() reaches them even if the batch fails.
      const batch = Array.from({ length: size }, (_, offset) => {
        const index = first + offset;
        return kind === 'graphql'
          ? openGraphql({ url, token: tokens[offset], group, index })
          : openBare({ url, group, index });
      });
      clients.push(...batch);
      let timer;
      const outcome = await Promise.race([
        Promise.allSettled(batch.map((client) => client.opened)),
        new Promise((resolve) => (timer = setTimeout(resolve, CONNECT_TIMEOUT_MS, 'timeout'))),
      ]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        throw new Error(`${kind} clients (${group}) not connected after ${CONNECT_TIMEOUT_MS} ms`);
      }
      const failed = outcome.flatMap((result, offset) =>
        result.status === 'rejected' ? [`#${first + offset}: ${result.reason?.message}`] : [],
      );
      if (failed.length > 0) {
        throw new Error(
          `${failed.length} of ${size} ${kind} clients (${group}) did not connect, ` +
            `first: ${failed[0]}`,
        );
      }
      return { open: clients.length };
    },

    /** Forgets the receipts so far; events for `ignore` chats are not counted from now on. */
    reset({ ignore = [] }) {
      for (const client of clients) client.firsts.clear();
      state = { ...freshState(), ignored: new Set(ignore) };
    },

    /** Resolves once the A clients have `count` first receipts in all, or at the timeout. */
    async waitForFirsts({ count, timeoutMs }) {
      const deadline = Date.now() + timeoutMs;
      while (state.firsts < count && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return { firsts: state.firsts, reached: state.firsts >= count };
    },

    /** Per A client, its first receipt time per chat; what the other clients got. */
    receipts() {
      const { ignored: _ignored, ...counts } = state;
      return {
        a: clients
          .filter((client) => client.group === 'a')
          .map((client) => Object.fromEntries(client.firsts)),
        ...counts,
      };
    },

    memory: () => memorySnapshot(),

    async closeAll() {
      const closing = clients;
      clients = [];
      await Promise.all(closing.map((client) => client.close().catch(() => undefined)));
      state = freshState();
      return { closed: closing.length };
    },
  };

  parentPort.on('message', async ({ id, type, args }) => {
    try {
      const result = await handlers[type](args);
      parentPort.postMessage({ id, result });
    } catch (error) {
      parentPort.postMessage({ id, error: error?.stack ?? String(error) });
    }
  });
}
