import { Router } from 'express';
import type { Logger } from '../logger';
import { CALLBACK_PATH, type MetaConnectService } from '../modules/metaConnect/metaConnect.service';

/**
 * Where Meta's login dialog returns the owner: always a redirect to the dashboard, with
 * the Pages to pick from or what went wrong, never a page of its own.
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
  return router;
}
