import {
  CloseCode,
  GRAPHQL_TRANSPORT_WS_PROTOCOL,
  handleProtocols,
  MessageType,
  parseMessage,
  type SubscribePayload,
} from 'graphql-ws';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../logger';

/*
 * The graphql-transport-ws protocol (what graphql-ws clients speak) over a `ws` server,
 * kept small per connection: one record per socket, shared listener functions (no closures
 * per socket), one keep-alive timer for all sockets, the upgrade request not kept. Frames
 * are built here as strings, so a payload serialized once can be sent to many subscribers
 * with only their own `id` around it (sharedSubscriptions.ts).
 *
 * Behaviour follows graphql-ws's own server: the same close codes (4400 invalid message,
 * 4401 subscribe before the ack, 4403 refused connection_init, 4406 wrong subprotocol,
 * 4408 no connection_init in time, 4409 duplicate operation id, 4429 second
 * connection_init, 4500 internal error), pong for ping, and a ping every 12 s that a
 * client must answer before the next one or be dropped.
 */

/** Something running under an operation id: a query being executed, a live subscription. */
export interface Operation {
  /** The client completed it or the socket closed: stop, send nothing more. */
  stop(): void;
}

/** An id reserved while its operation is being prepared (parse, auth, guards). */
const PREPARING: Operation = { stop: () => undefined };

const ACK = JSON.stringify({ type: MessageType.ConnectionAck });
const PONG = JSON.stringify({ type: MessageType.Pong });

/** One socket's protocol state; `token` and `sessionId` are the app's (websocket.ts). */
export class WsConnection {
  /** connection_init received; `acknowledged` once the app accepted it. */
  initialised = false;
  acknowledged = false;
  /** Answered the last keep-alive ping. */
  alive = true;
  initTimer: NodeJS.Timeout | undefined = undefined;
  /**
   * Operations by id: most sockets hold one, kept in two fields; a Map only for the others
   * (a Map costs some 240 bytes, per socket).
   */
  private firstId: string | undefined = undefined;
  private first: Operation | undefined = undefined;
  private more: Map<string, Operation> | undefined = undefined;
  /** The access token of connection_init, for each operation's context. */
  token: string | undefined = undefined;
  sessionId: string | undefined = undefined;
  /** When the token expires (ms), if it does. */
  expiresAt: number | undefined = undefined;

  constructor(
    readonly socket: WebSocket,
    /** The TCP connection under it, for its address only. */
    private readonly tcp: Socket,
  ) {}

  /**
   * The client's address, read when asked: reading it makes Node keep the address on the
   * socket (~90 bytes), and a socket that only subscribes never needs it.
   */
  get ip(): string | undefined {
    return this.tcp.remoteAddress;
  }

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  send(frame: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(frame);
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  /** Reserves `id` for an operation being prepared; false if the id is in use. */
  reserve(id: string): boolean {
    if (this.get(id)) return false;
    this.set(id, PREPARING);
    return true;
  }

  /** Still being prepared (not completed by the client, socket open)? */
  isPreparing(id: string): boolean {
    return this.get(id) === PREPARING;
  }

  /** Puts `operation` under its reserved id; false when the id was given up meanwhile. */
  attach(id: string, operation: Operation): boolean {
    if (!this.isPreparing(id)) return false;
    this.set(id, operation);
    return true;
  }

  /**
   * Ends `id` (held by `operation`, PREPARING when omitted) with a last frame: next and
   * complete for a single result, error, or complete alone. Nothing if the id moved on.
   */
  finish(id: string, frames: string[], operation: Operation = PREPARING): void {
    if (this.get(id) !== operation) return;
    this.delete(id);
    for (const frame of frames) this.send(frame);
  }

  /** The client's `complete`: stops the operation without a word back. */
  cancel(id: string): void {
    const operation = this.get(id);
    if (!operation) return;
    this.delete(id);
    operation.stop();
  }

  /** The socket closed: every operation stops. */
  stopAll(): void {
    const operations = [...(this.first ? [this.first] : []), ...(this.more?.values() ?? [])];
    this.firstId = this.first = this.more = undefined;
    for (const operation of operations) operation.stop();
  }

  private get(id: string): Operation | undefined {
    return id === this.firstId ? this.first : this.more?.get(id);
  }

  private set(id: string, operation: Operation): void {
    if (this.firstId === id || (this.firstId === undefined && !this.more?.has(id))) {
      this.firstId = id;
      this.first = operation;
    } else {
      (this.more ??= new Map()).set(id, operation);
    }
  }

  private delete(id: string): void {
    if (id === this.firstId) this.firstId = this.first = undefined;
    else this.more?.delete(id);
  }
}

/** Frames of the protocol; `idJson` is the operation id as a JSON string. */
export const frames = {
  next: (idJson: string, payloadJson: string) =>
    `{"id":${idJson},"type":"next","payload":${payloadJson}}`,
  error: (idJson: string, errorsJson: string) =>
    `{"id":${idJson},"type":"error","payload":${errorsJson}}`,
  complete: (idJson: string) => `{"id":${idJson},"type":"complete"}`,
};

export interface ProtocolHooks {
  /**
   * connection_init: resolves true to acknowledge it. On false the socket closes with 4403,
   * unless the hook closed it first with a code of its own.
   */
  connect(connection: WsConnection, params: Record<string, unknown> | undefined): Promise<boolean>;
  /**
   * subscribe, with `id` reserved: the hook answers through connection.finish(id, ...) or
   * attaches a live operation with connection.attach(id, ...).
   */
  subscribe(connection: WsConnection, id: string, payload: SubscribePayload): Promise<void>;
  /** After the socket closed and its operations stopped. */
  closed(connection: WsConnection): void;
}

export interface ProtocolOptions {
  connectionInitWaitTimeoutMs: number;
  keepAliveMs: number;
  /** Internal errors name their cause in the close reason only outside production. */
  isProduction: boolean;
  logger: Logger;
}

/** Each socket's record, on the socket itself (a Map beside them costs more). */
const CONNECTION = Symbol('graphql-ws connection');
type Tagged = WebSocket & { [CONNECTION]?: WsConnection };
const connectionOf = (socket: WebSocket): WsConnection | undefined =>
  (socket as Tagged)[CONNECTION];

/** Serves the protocol on every connection of `wsServer`; `dispose` stops it. */
export function serveGraphqlWs(
  wsServer: WebSocketServer,
  hooks: ProtocolHooks,
  options: ProtocolOptions,
) {
  const { logger } = options;
  wsServer.options.handleProtocols = handleProtocols;

  const internalError = (connection: WsConnection, error: unknown) => {
    logger.error({ err: error }, 'WebSocket message handling failed');
    const message = error instanceof Error ? error.message : String(error);
    connection.close(
      CloseCode.InternalServerError,
      options.isProduction || message.length >= 124 ? 'Internal server error' : message,
    );
  };

  async function handle(connection: WsConnection, data: string): Promise<void> {
    let message;
    try {
      message = parseMessage(data);
    } catch {
      return connection.close(CloseCode.BadRequest, 'Invalid message received');
    }
    switch (message.type) {
      case MessageType.ConnectionInit: {
        if (connection.initialised) {
          return connection.close(
            CloseCode.TooManyInitialisationRequests,
            'Too many initialisation requests',
          );
        }
        connection.initialised = true;
        clearTimeout(connection.initTimer);
        connection.initTimer = undefined;
        const params = isObject(message.payload) ? message.payload : undefined;
        if (!(await hooks.connect(connection, params))) {
          return connection.close(CloseCode.Forbidden, 'Forbidden');
        }
        if (!connection.isOpen) return;
        connection.acknowledged = true;
        return connection.send(ACK);
      }
      case MessageType.Ping:
        return connection.send(
          message.payload
            ? JSON.stringify({ type: MessageType.Pong, payload: message.payload })
            : PONG,
        );
      case MessageType.Pong:
        return;
      case MessageType.Subscribe: {
        if (!connection.acknowledged)
          return connection.close(CloseCode.Unauthorized, 'Unauthorized');
        if (!connection.reserve(message.id)) {
          return connection.close(
            CloseCode.SubscriberAlreadyExists,
            `Subscriber for ${message.id} already exists`,
          );
        }
        try {
          return await hooks.subscribe(connection, message.id, message.payload);
        } finally {
          // Answered or attached by now; an id the hook left behind is freed.
          connection.finish(message.id, []);
        }
      }
      case MessageType.Complete:
        return connection.cancel(message.id);
      default:
        // next, error, connection_ack and pong are the server's to send.
        throw new Error(`Unexpected message of type ${message.type} received`);
    }
  }

  // Shared listeners: `this` is the socket, its record is looked up.
  function onMessage(this: WebSocket, data: RawData) {
    const connection = connectionOf(this);
    if (!connection) return;
    handle(connection, String(data)).catch((error: unknown) => internalError(connection, error));
  }
  function onPong(this: WebSocket) {
    const connection = connectionOf(this);
    if (connection) connection.alive = true;
  }
  function onError(this: WebSocket, error: Error) {
    // ws closes the socket itself (1009 for a frame over maxPayload, 1002 ...); graphql-ws
    // would then close with 4500, which the closing socket no longer sends.
    logger.warn({ err: error }, 'WebSocket error');
    this.close(CloseCode.InternalServerError, 'Internal server error');
  }
  function onClose(this: WebSocket) {
    const connection = connectionOf(this);
    if (!connection) return;
    (this as Tagged)[CONNECTION] = undefined;
    clearTimeout(connection.initTimer);
    connection.stopAll();
    hooks.closed(connection);
  }
  function initTimeout(connection: WsConnection) {
    if (!connection.initialised) {
      connection.close(
        CloseCode.ConnectionInitialisationTimeout,
        'Connection initialisation timeout',
      );
    }
  }

  const onConnection = (socket: WebSocket, request: IncomingMessage) => {
    const connection = new WsConnection(socket, request.socket);
    socket.on('error', onError);
    if (socket.protocol !== GRAPHQL_TRANSPORT_WS_PROTOCOL) {
      socket.close(CloseCode.SubprotocolNotAcceptable, 'Subprotocol not acceptable');
      return;
    }
    (socket as Tagged)[CONNECTION] = connection;
    socket.on('message', onMessage);
    socket.on('pong', onPong);
    // `on`, not `once`: close comes once, and `once` costs a wrapper per socket.
    socket.on('close', onClose);
    const wait = options.connectionInitWaitTimeoutMs;
    if (wait > 0 && Number.isFinite(wait)) {
      connection.initTimer = setTimeout(initTimeout, wait, connection);
    }
  };
  wsServer.on('connection', onConnection);

  // One timer pings every socket; one that did not answer the previous ping is dropped.
  const keepAlive =
    options.keepAliveMs > 0 && Number.isFinite(options.keepAliveMs)
      ? setInterval(() => {
          for (const socket of wsServer.clients) {
            const connection = connectionOf(socket);
            if (!connection || socket.readyState !== socket.OPEN) continue;
            if (!connection.alive) {
              socket.terminate();
              continue;
            }
            connection.alive = false;
            socket.ping();
          }
        }, options.keepAliveMs).unref()
      : undefined;

  return {
    dispose: async () => {
      clearInterval(keepAlive);
      for (const socket of wsServer.clients) socket.close(1001, 'Going away');
      wsServer.off('connection', onConnection);
      await new Promise<void>((resolve, reject) =>
        wsServer.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
