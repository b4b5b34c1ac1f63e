// A minimal local Meta Graph API: only the Send API, answering at once in Meta's format.
import { createServer } from 'node:http';

const SEND_PATH = /^\/v26\.0\/([^/?]+)\/messages$/;

const metaError = (message, type, code) => ({
  error: { message, type, code, fbtrace_id: 'bench' },
});

/**
 * Answers `POST /v26.0/:id/messages` with `{ recipient_id, message_id: "m_<n>" }` when the
 * bearer token is the page token, and counts the sends. Anything else is a Meta-style error,
 * counted as rejected so the scenario can report it.
 */
export async function startGraphFixture({ pageId, pageToken }) {
  // sentAt: when each recipient's last send arrived (performance.now() of this process).
  const state = { sends: 0, rejected: 0, recipients: new Set(), sentAt: new Map() };

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const reply = (status, body) => {
        if (status !== 200) state.rejected += 1;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const match = req.method === 'POST' ? SEND_PATH.exec(req.url ?? '') : null;
      if (!match) {
        return reply(
          400,
          metaError(`Unsupported ${req.method} ${req.url}`, 'GraphMethodException', 100),
        );
      }
      if (match[1] !== pageId || req.headers.authorization !== `Bearer ${pageToken}`) {
        return reply(401, metaError('Invalid OAuth access token', 'OAuthException', 190));
      }
      let recipientId;
      try {
        recipientId = JSON.parse(Buffer.concat(chunks).toString('utf8'))?.recipient?.id;
      } catch {
        recipientId = undefined;
      }
      if (typeof recipientId !== 'string' || recipientId === '') {
        return reply(
          400,
          metaError('(#100) The parameter recipient is required', 'OAuthException', 100),
        );
      }
      state.sends += 1;
      state.recipients.add(recipientId);
      state.sentAt.set(recipientId, performance.now());
      return reply(200, { recipient_id: recipientId, message_id: `m_${state.sends}` });
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();

  let closing;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    close: () =>
      (closing ??= new Promise((resolve) => {
        server.close(() => resolve());
        // The app's fetch keeps connections alive: close them rather than wait them out.
        server.closeAllConnections();
      })),
  };
}
