// Scenario "fanout", baseline side: the same fan-out through a bare `ws` server that
// broadcasts one pre-serialized JSON frame to the subscribers of one user, nothing else.
import WebSocket, { WebSocketServer } from 'ws';
import { nowMs } from './fanoutUtil.mjs';

/**
 * A WebSocketServer on a free loopback port. Clients say their group in the URL
 * (`?group=a`: user A's subscribers; anything else: other users'). A client of group
 * `publisher` plays the webhook: for each `{"type":"inbound","chatId":...}` it sends, the
 * server answers `{"type":"ack"}`, takes the ack time, then sends user A's subscribers a
 * graphql-ws-shaped `next` frame for that chat.
 */
export async function startBareServer() {
  const groups = { a: new Set(), other: new Set() };
  const ackAt = new Map();
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket, request) => {
    const group = new URL(request.url ?? '/', 'http://bench').searchParams.get('group');
    if (group === 'publisher') {
      socket.on('message', (data) => {
        const { chatId } = JSON.parse(data.toString());
        socket.send('{"type":"ack"}');
        ackAt.set(chatId, nowMs());
        const frame = JSON.stringify({
          type: 'next',
          payload: { data: { chatUpdated: { id: chatId } } },
        });
        for (const subscriber of groups.a) subscriber.send(frame);
      });
      return;
    }
    const members = group === 'a' ? groups.a : groups.other;
    members.add(socket);
    socket.on('close', () => members.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const url = `ws://127.0.0.1:${server.address().port}`;

  /** The webhook's stand-in: one connection sending inbound messages, awaiting each ack. */
  const publisher = new WebSocket(`${url}?group=publisher`);
  await new Promise((resolve, reject) => {
    publisher.once('open', resolve);
    publisher.once('error', reject);
  });
  const acks = [];
  publisher.on('message', () => acks.shift()?.());

  let closing;
  return {
    url,
    ackAt,
    count: (group) => groups[group].size,
    /** Sends one inbound message and resolves when its ack is back. */
    post: (chatId) =>
      new Promise((resolve) => {
        acks.push(resolve);
        publisher.send(JSON.stringify({ type: 'inbound', chatId }));
      }),
    close: () =>
      (closing ??= new Promise((resolve) => {
        publisher.terminate();
        for (const socket of server.clients) socket.terminate();
        server.close(() => resolve());
      })),
  };
}
