import { escapeHtml } from '../security/html';
import express, { Router } from 'express';
import type { Logger } from '../logger';
import {
  CALLBACK_PATH,
  DATA_DELETION_PATH,
  DEAUTHORIZE_PATH,
  DELETION_PATH,
  type MetaConnectService,
} from '../modules/metaConnect/metaConnect.service';
import { SignedRequestRefused } from '../modules/metaConnect/signedRequest';
import { sendError } from './jsonError';

/** Meta posts `signed_request` as a form; nothing else comes in these bodies. */
const form = express.urlencoded({ extended: false, limit: '8kb' });

/**
 * Meta's side of the login: the dialog's return (always a redirect to the dashboard, with
 * the Pages to pick from or what went wrong), the Deauthorize and Data Deletion callbacks
 * (signed with the app secret), and the deletion status page Meta links people to.
 */
export function metaCallbackRoutes(metaConnect: MetaConnectService, logger: Logger): Router {
  const router = Router();
  router.get(CALLBACK_PATH, async (req, res) => {
    try {
      res.redirect(303, await metaConnect.callback(req.query));
    } catch (error) {
      logger.error({ err: error }, 'the Meta login callback failed');
      res.redirect(
        303,
        metaConnect.failureUrl('Something went wrong on our side. Please try again.'),
      );
    }
  });

  const signed =
    (handle: (signedRequest: unknown) => Promise<unknown>) =>
    async (req: express.Request, res: express.Response) => {
      try {
        res.json(
          await handle((req.body as { signed_request?: unknown } | undefined)?.signed_request),
        );
      } catch (error) {
        if (error instanceof SignedRequestRefused) {
          sendError(res, 400, 'BAD_USER_INPUT', error.message);
          return;
        }
        logger.error({ err: error }, 'a Meta callback failed');
        sendError(res, 500, 'INTERNAL', 'Something went wrong on our side.');
      }
    };
  router.post(
    DEAUTHORIZE_PATH,
    form,
    signed(async (request) => ({
      success: true,
      disconnected: await metaConnect.deauthorize(request),
    })),
  );
  router.post(
    DATA_DELETION_PATH,
    form,
    signed((request) => metaConnect.deleteData(request)),
  );

  router.get(`${DELETION_PATH}/:code`, async (req, res) => {
    const code = String(req.params.code);
    const done = code.length <= 64 ? await metaConnect.deletionStatus(code) : null;
    res.status(done ? 200 : 404).type('html');
    const body = done
      ? `<p>Deletion request <strong>${escapeHtml(code)}</strong> was completed on ${done.requestedAt.toISOString().slice(0, 10)}: the access your Facebook login gave Salesdesk was removed from ${done.channels} connected channel${done.channels === 1 ? '' : 's'}, and Salesdesk keeps no token or id of yours.</p>`
      : `<p>No deletion request has the code <strong>${escapeHtml(code)}</strong>.</p>`;
    res.send(
      `<!doctype html><html lang="en"><meta charset="utf-8"><title>Salesdesk: data deletion</title><main>${body}</main></html>`,
    );
  });
  return router;
}
