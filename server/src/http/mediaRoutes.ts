import { Router, type Request, type Response } from 'express';
import { isObjectIdOrHexString, Types } from 'mongoose';
import { bearerToken, buildContext } from '../auth/context';
import { inScope, scopeOf } from '../auth/ownership';
import type { Sessions } from '../auth/sessions';
import type { Logger } from '../logger';
import { MessageModel } from '../modules/chats/message.model';
import { bytesOf } from '../modules/media/mediaBytes';
import { MediaFileModel } from '../modules/media/mediaFile.model';
import { sendError } from './jsonError';

interface MediaRouteOptions {
  jwtSecret: string;
  sessions: Sessions;
  logger: Logger;
}

/** Shown in the page: pictures (not SVG, which can script), sound and video. */
const INLINE = /^(image\/(png|jpeg|gif|webp)|audio\/[\w.+-]+|video\/[\w.+-]+)$/;

/**
 * `GET /api/media/:id`: a customer's stored media, to its owner (or an admin) only, with
 * the same bearer token as GraphQL. Anything but a picture, sound or video is sent as a
 * download, never rendered: an HTML or SVG file a customer sent cannot run in our origin.
 */
export function mediaRoutes(options: MediaRouteOptions): Router {
  const router = Router();
  router.get('/api/media/:id', async (req: Request, res: Response) => {
    try {
      const context = await buildContext({
        token: bearerToken(req.get('authorization')),
        ip: req.ip,
        requestId: res.locals.requestId as string | undefined,
        jwtSecret: options.jwtSecret,
        sessions: options.sessions,
      });
      if (!context.user) return sendError(res, 401, 'UNAUTHENTICATED', 'Sign in to see media.');
      const id = String(req.params.id);
      const file = isObjectIdOrHexString(id)
        ? await MediaFileModel.findById(new Types.ObjectId(id)).lean()
        : null;
      // Media lives as long as its message: a chat deleted (or in the trash) takes its
      // media out of reach with it, and a restore brings it back.
      const message = file && (await MessageModel.exists({ _id: file.messageId }));
      if (!file || !message || !inScope(scopeOf(context), file)) {
        return sendError(res, 404, 'NOT_FOUND', 'Media not found.');
      }
      const inline = INLINE.test(file.mimeType);
      res.setHeader('Content-Type', inline ? file.mimeType : 'application/octet-stream');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      res.setHeader('Cache-Control', 'private, max-age=3600');
      const name = (file.fileName ?? 'attachment').replace(/[^\w.\- ]+/g, '_');
      res.setHeader(
        'Content-Disposition',
        `${inline ? 'inline' : 'attachment'}; filename="${name}"`,
      );
      res.end(bytesOf(file.data));
    } catch (error) {
      options.logger.error({ err: error }, 'media request failed');
      sendError(res, 500, 'INTERNAL', 'Something went wrong on our side.');
    }
  });
  return router;
}
