import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import { derivedId } from '../../db/derivedId';
import type { Logger } from '../../logger';
import type { GraphApiClient } from '../../platforms/graphApi';
import type { Attachment } from '../../platforms/inbound';
import { Platform } from '../../platforms/platform';
import { openSecret } from '../../security/secretBox';
import type { LiveUpdates } from '../chats/liveUpdates';
import { MessageModel, type Message } from '../chats/message.model';
import { connectedIntegration } from '../integrations/connectedIntegration';
import {
  fetchLimited,
  fetchWhatsAppMedia,
  MediaTooLargeError,
  type Downloaded,
} from './mediaDownload';
import { bytesOf } from './mediaBytes';
import { MediaFileModel, MediaQueueModel } from './mediaFile.model';

export interface MediaOptions {
  /** Largest file kept; a bigger one is shown as unavailable. */
  maxBytes: number;
  maxAttempts: number;
  retryBaseMs: number;
}

/** An attachment as stored on its message (`metadata.attachments[i]`). */
type StoredAttachment = Attachment & { mediaFileId?: string; unavailable?: string; size?: number };

const BATCH = 20;

export const mediaFileIdOf = (messageId: Types.ObjectId, index: number) =>
  derivedId('mediafile', messageId, String(index));

/**
 * Keeps customers' media before it expires: messages with attachments are put on a small
 * work list at ingest, and the sweep downloads each attachment (Meta's CDN link, or
 * WhatsApp's media id with the number's token) into `mediafiles`, then notes it on the
 * message. A download that fails is tried again with backoff, then marked unavailable:
 * it never holds up the message or its answer.
 */
export class MediaService {
  constructor(
    private readonly graphApi: GraphApiClient,
    private readonly secretsKey: Buffer,
    private readonly live: LiveUpdates,
    private readonly logger: Logger,
    private readonly options: MediaOptions,
  ) {}

  /** After a customer message with attachments is stored (idempotent). */
  async enqueue(message: Pick<Message, '_id' | 'metadata'>): Promise<void> {
    const attachments = attachmentsOf(message);
    if (!attachments.some((item) => downloadable(item, this.graphApi.baseUrl))) return;
    await MediaQueueModel.updateOne(
      { _id: message._id },
      { $setOnInsert: { attempts: 0, nextAttemptAt: new Date() } },
      { upsert: true },
    );
  }

  async sweep(now = new Date()): Promise<void> {
    const due = await MediaQueueModel.find({ nextAttemptAt: { $lte: now } })
      .sort({ nextAttemptAt: 1 })
      .limit(BATCH)
      .lean();
    for (const item of due) await this.fetchFor(item._id, item.attempts);
  }

  private async fetchFor(messageId: Types.ObjectId, attempts: number): Promise<void> {
    const message = await MessageModel.findById(messageId).lean();
    if (!message) {
      await MediaQueueModel.deleteOne({ _id: messageId });
      return;
    }
    const attachments = attachmentsOf(message);
    const set: Record<string, unknown> = {};
    let failure: Error | undefined;
    for (const [index, attachment] of attachments.entries()) {
      if (attachment.mediaFileId || attachment.unavailable) continue;
      if (!downloadable(attachment, this.graphApi.baseUrl)) continue;
      try {
        Object.assign(set, (await this.store(message, index, attachment)).noted);
      } catch (error) {
        const tooLarge = error instanceof MediaTooLargeError;
        if (tooLarge || attempts + 1 >= this.options.maxAttempts) {
          set[`metadata.attachments.${index}.unavailable`] = tooLarge
            ? 'Too large to keep.'
            : 'Could not be downloaded from Meta.';
        } else {
          failure = error as Error;
        }
      }
    }
    if (Object.keys(set).length > 0) {
      const updated = await MessageModel.findOneAndUpdate(
        { _id: message._id },
        { $set: set },
        {
          returnDocument: 'after',
        },
      ).lean();
      if (updated) this.live.messageChanged(updated);
    }
    if (!failure) {
      await MediaQueueModel.deleteOne({ _id: messageId });
      return;
    }
    this.logger.warn(
      { messageId: String(messageId), err: failure.message },
      'media download failed',
    );
    await MediaQueueModel.updateOne(
      { _id: messageId },
      {
        $set: { nextAttemptAt: new Date(Date.now() + this.options.retryBaseMs * 2 ** attempts) },
        $inc: { attempts: 1 },
      },
    );
  }

  /**
   * One attachment's bytes now (a voice note to transcribe): the kept copy, or downloaded
   * and kept at once.
   */
  async keep(message: Message, index: number): Promise<Downloaded & { fileName?: string }> {
    const attachment = attachmentsOf(message)[index];
    if (!attachment || !downloadable(attachment, this.graphApi.baseUrl)) {
      throw new Error('the message has no such media');
    }
    const kept = await MediaFileModel.findById(mediaFileIdOf(message._id, index)).lean();
    if (kept) {
      return {
        data: Buffer.from(bytesOf(kept.data)),
        mimeType: kept.mimeType,
        fileName: kept.fileName,
      };
    }
    const { file, noted } = await this.store(message, index, attachment);
    await MessageModel.updateOne({ _id: message._id }, { $set: noted });
    return file;
  }

  private async store(message: Message, index: number, attachment: StoredAttachment) {
    const downloaded = await this.download(message, attachment);
    const _id = mediaFileIdOf(message._id, index);
    const file = {
      userId: message.userId,
      messageId: message._id,
      chatId: message.chatId,
      mimeType: downloaded.mimeType,
      size: downloaded.data.length,
      sha256: createHash('sha256').update(downloaded.data).digest('hex'),
      fileName: attachment.title,
      data: downloaded.data,
    };
    await MediaFileModel.updateOne({ _id }, { $set: file }, { upsert: true });
    const noted = {
      [`metadata.attachments.${index}.mediaFileId`]: String(_id),
      [`metadata.attachments.${index}.size`]: file.size,
      [`metadata.attachments.${index}.mimeType`]: file.mimeType,
    };
    return { file, noted };
  }

  private async download(message: Message, attachment: StoredAttachment): Promise<Downloaded> {
    if (attachment.mediaId && message.platform === Platform.WHATSAPP) {
      const integration = await connectedIntegration(message.userId, message.platform);
      const sealed = integration?.credentials?.accessToken;
      if (!sealed) throw new Error('the WhatsApp integration is not connected');
      const token = openSecret(sealed, this.secretsKey);
      return fetchWhatsAppMedia(this.graphApi, attachment.mediaId, token, this.options.maxBytes);
    }
    return fetchLimited(attachment.url!, this.options.maxBytes, this.graphApi.timeoutMs);
  }
}

const attachmentsOf = (message: Pick<Message, 'metadata'>): StoredAttachment[] =>
  ((message.metadata?.attachments ?? []) as StoredAttachment[]).filter(
    (item) => item && typeof item === 'object',
  );

/**
 * Media that can be fetched: a WhatsApp media id, or an https link (Meta's CDN; plain http
 * only from the configured Graph API, which is a local fixture in tests).
 */
function downloadable(attachment: StoredAttachment, graphApiUrl = ''): boolean {
  const url = attachment.url ?? '';
  return (
    Boolean(attachment.mediaId) ||
    /^https:\/\//i.test(url) ||
    (graphApiUrl !== '' && url.startsWith(`${graphApiUrl}/`))
  );
}
