import express, { Router, type Request, type Response } from 'express';
import type { Logger } from '../logger';
import type { MetaAppSettings } from '../modules/metaApp/metaAppSettings';
import { urgently } from '../db/urgentCommands';
import { enqueueMessages } from '../modules/webhookQueue/webhookQueue';
import { claimMessages } from '../modules/integrations/unclaimedAccounts';
import type { DeliveryStatus, ParsedWebhook } from '../platforms/inbound';
import { parseMessagingWebhook } from '../platforms/messenger';
import { Platform } from '../platforms/platform';
import { WebhookPayloadError } from '../platforms/webhookPayload';
import { parseWhatsAppWebhook } from '../platforms/whatsapp';
import { verifyHandshake, verifySignature } from '../platforms/webhookSignature';
import { sendError } from './jsonError';

interface WebhookOptions {
  /** The Meta app in force (modules/metaApp/metaAppSettings.ts), read on each request. */
  metaApp: Pick<MetaAppSettings, 'current'>;
  maxBodyBytes: number;
  logger: Logger;
  /** Wakes the inbox worker: the answer never waits for it. */
  onEnqueued: () => void;
  /** WhatsApp's statuses of our sent messages. */
  recordReceipts: (statuses: DeliveryStatus[]) => Promise<void>;
}

const parsersFor = (
  appId: string | undefined,
): Record<string, (body: unknown) => ParsedWebhook> => ({
  facebook: (body) => parseMessagingWebhook(body, Platform.FACEBOOK, { appId }),
  instagram: (body) => parseMessagingWebhook(body, Platform.INSTAGRAM, { appId }),
  whatsapp: parseWhatsAppWebhook,
});

/**
 * Meta's webhooks: GET answers the subscription handshake; POST checks the signature on
 * the raw bytes, stores every message in the durable inbox, and answers 200 at once.
 */
export function webhookRoutes(options: WebhookOptions): Router {
  const router = Router();
  let parsersAppId: string | undefined;
  let parsers = parsersFor(undefined);
  /** The parsers tell this app's echoes by its id, which an admin may enter at any time. */
  const parsersNow = (appId: string | undefined) => {
    if (appId !== parsersAppId) [parsersAppId, parsers] = [appId, parsersFor(appId)];
    return parsers;
  };

  router.get('/webhooks/:platform', (req: Request, res: Response) => {
    const app = options.metaApp.current();
    if (!parsersNow(app.appId)[String(req.params.platform)])
      return sendError(res, 404, 'NOT_FOUND', 'Unknown webhook.');
    const handshake = verifyHandshake(req.query, app.verifyToken);
    if (!handshake.ok) return sendError(res, 403, 'FORBIDDEN', 'The verify token does not match.');
    res.type('text/plain').send(handshake.challenge);
  });

  router.post(
    '/webhooks/:platform',
    // Raw bytes, before any JSON parser: the signature covers them exactly as sent.
    express.raw({ type: () => true, limit: options.maxBodyBytes }),
    async (req: Request, res: Response) => {
      const app = options.metaApp.current();
      const parse = parsersNow(app.appId)[String(req.params.platform)];
      if (!parse) return sendError(res, 404, 'NOT_FOUND', 'Unknown webhook.');
      if (!app.appSecret) {
        return sendError(
          res,
          503,
          'INTERNAL',
          'Webhooks are not configured: the Meta app secret is not set.',
        );
      }
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const signature = req.get('x-hub-signature-256');
      // Accounts connected with Instagram's own login are signed with the Instagram app's secret.
      const signed =
        verifySignature(raw, signature, app.appSecret) ||
        (req.params.platform === 'instagram' &&
          app.instagramAppSecret !== undefined &&
          verifySignature(raw, signature, app.instagramAppSecret));
      if (!signed) {
        return sendError(
          res,
          401,
          'UNAUTHENTICATED',
          'The X-Hub-Signature-256 signature does not match.',
        );
      }
      let parsed: ParsedWebhook;
      try {
        parsed = parse(JSON.parse(raw.toString('utf8')));
      } catch (error) {
        const message =
          error instanceof WebhookPayloadError ? error.message : 'The body is not valid JSON.';
        return sendError(res, 400, 'BAD_USER_INPUT', message);
      }
      // Ahead of the pipeline's writes: Meta retries (and slows) a webhook left waiting.
      const added = await urgently(async () =>
        enqueueMessages(await claimMessages(parsed.messages)),
      );
      await options.recordReceipts(parsed.statuses);
      options.logger.debug(
        {
          platform: req.params.platform,
          messages: parsed.messages.length,
          added,
          statuses: parsed.statuses.length,
        },
        'webhook stored',
      );
      if (added > 0) options.onEnqueued();
      res.status(200).send('EVENT_RECEIVED');
    },
  );

  return router;
}
