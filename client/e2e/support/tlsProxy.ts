import { connect, type Socket } from 'node:net';
import { createServer, type Server } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

/*
 * What stands in front of a real deployment: a TLS terminator for the public name,
 * passing every byte (HTTP and WebSocket alike) to the server's plain port. Meta calls
 * only https addresses, so the browser reaches the server the way Meta's redirects do:
 * at https://<hostname>:<port>, mapped to 127.0.0.1 (launchChromium's hostResolverRules),
 * with this self-signed certificate accepted by the browser context.
 */

export interface TlsProxy {
  /** The public address: PUBLIC_URL for the server, the base URL for the browser. */
  url: string;
  hostname: string;
  /** Where connections go from now on (`http://127.0.0.1:<port>`). */
  forwardTo(url: string): void;
  close(): Promise<void>;
}

export async function startTlsProxy(hostname: string): Promise<TlsProxy> {
  const pems = await generate([{ name: 'commonName', value: hostname }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: hostname }] }],
  });
  let target: { host: string; port: number } | undefined;
  const sockets = new Set<Socket>();
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (client) => {
    if (!target) return client.destroy();
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://${hostname}:${port}`,
    hostname,
    forwardTo(url) {
      const parsed = new URL(url);
      target = { host: parsed.hostname, port: Number(parsed.port) };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
