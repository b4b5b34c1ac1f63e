import type { Types } from 'mongoose';
import { inScope, ownerFilter, type Scope } from '../../auth/ownership';
import { badInput, notFound } from '../../errors';
import { pageOf, skipFor, type Page, type PageArgs } from '../../graphql/pagination';
import type { Platform } from '../../platforms/platform';
import {
  ChatModel,
  ChatStatus,
  LEAD_SCORE_REASONS,
  type Chat,
  type LeadScoreReason,
} from './chat.model';
import type { Lead } from '../analytics/insights.types';
import type { LiveUpdates } from './liveUpdates';

export interface LeadFilter {
  minScore?: number | null;
  status?: ChatStatus | null;
  /** SIMULATOR lists the test chats; otherwise they are left out. */
  platform?: Platform | null;
  /** With no platform named: test chats listed beside the real ones. */
  includeTests?: boolean;
}

export const TOP_REASONS = 3;

/** The reasons that moved the score most: largest change first, newest first among equals. */
export function topReasons(reasons: LeadScoreReason[], count = TOP_REASONS): LeadScoreReason[] {
  return [...reasons]
    .sort(
      (a, b) =>
        Math.abs(b.delta) - Math.abs(a.delta) ||
        new Date(b.at).getTime() - new Date(a.at).getTime(),
    )
    .slice(0, count);
}

/**
 * Explainable lead scores. Every change of a chat's score keeps its reason
 * (`leadScoreReasons`, written by the reply pipeline and here); `leads` ranks chats by
 * score and `adjust` lets the owner correct one, the correction being a reason too.
 */
export class LeadService {
  constructor(private readonly live: LiveUpdates) {}

  async list(scope: Scope, filter: LeadFilter, page: PageArgs): Promise<Page<Lead>> {
    const query: Record<string, unknown> = {
      ...ownerFilter(scope),
      leadScore: { $gte: filter.minScore ?? 0 },
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.platform
        ? { platform: filter.platform }
        : filter.includeTests
          ? {}
          : { isTest: false }),
    };
    const [chats, total] = await Promise.all([
      ChatModel.find(query)
        .sort({ leadScore: -1, lastMessageAt: -1, _id: -1 })
        .skip(skipFor(page))
        .limit(page.limit)
        .lean(),
      ChatModel.countDocuments(query),
    ]);
    const items = chats.map((chat) => ({ chat, topReasons: topReasons(chat.leadScoreReasons) }));
    return pageOf(items, total, page);
  }

  /**
   * Sets the score and records why as the reason `owner: <note>` with the change it made.
   */
  async adjust(scope: Scope, chatId: Types.ObjectId, score: number, note: string): Promise<Chat> {
    const text = note.trim();
    if (!text) {
      throw badInput('Say why the score changes.', {
        fields: [{ path: 'note', messages: ['note must not be blank'] }],
      });
    }
    const found = await ChatModel.findById(chatId).lean();
    const chat = found && inScope(scope, found) ? found : null;
    if (!chat) throw notFound('Chat');
    const reason = { signal: `owner: ${text}`, delta: score - chat.leadScore, at: new Date() };
    const updated = await this.addReason(chat._id, { $set: { leadScore: score } }, reason);
    if (!updated) throw notFound('Chat');
    this.live.chatChanged(updated);
    return updated;
  }

  /**
   * A customer silent for 48 hours costs the lead points once per silence, with the
   * reason, so the hottest leads stay the ones still talking. A new customer message
   * clears `silenceNoted` (ingest), and the next silence counts again.
   */
  async penalizeSilence(now = new Date()): Promise<number> {
    const silent = await ChatModel.find({
      lastCustomerMessageAt: { $lte: new Date(now.getTime() - SILENCE_MS) },
      silenceNoted: { $ne: true },
      status: { $in: [ChatStatus.ACTIVE, ChatStatus.QUALIFIED] },
      isTest: false,
    })
      .limit(500)
      .lean();
    let count = 0;
    for (const chat of silent) {
      const score = Math.max(0, chat.leadScore + SILENCE_DELTA);
      const reason = { signal: SILENCE_SIGNAL, delta: score - chat.leadScore, at: now };
      // Conditional: a message arriving meanwhile wins, and the silence is not charged.
      const updated = await this.addReason(
        chat._id,
        { $set: { leadScore: score, silenceNoted: true } },
        reason,
        { lastCustomerMessageAt: chat.lastCustomerMessageAt, silenceNoted: { $ne: true } },
      );
      if (!updated) continue;
      count += 1;
      this.live.chatChanged(updated);
    }
    return count;
  }

  /**
   * Applies `update` with one more reason. The reason is appended with `$push` so a reply
   * being scored at the same moment cannot drop it; the list is then cut to its newest
   * entries (FerretDB ignores `$slice`).
   */
  private async addReason(
    chatId: Types.ObjectId,
    update: { $set: Record<string, unknown> },
    reason: LeadScoreReason,
    condition: Record<string, unknown> = {},
  ): Promise<Chat | null> {
    const updated = await ChatModel.findOneAndUpdate(
      { _id: chatId, ...condition },
      { ...update, $push: { leadScoreReasons: reason } },
      { returnDocument: 'after' },
    ).lean();
    if (!updated || updated.leadScoreReasons.length <= LEAD_SCORE_REASONS) return updated;
    return (
      (await ChatModel.findOneAndUpdate(
        { _id: chatId },
        { $set: { leadScoreReasons: updated.leadScoreReasons.slice(-LEAD_SCORE_REASONS) } },
        { returnDocument: 'after' },
      ).lean()) ?? updated
    );
  }
}

const SILENCE_MS = 48 * 60 * 60 * 1000;
const SILENCE_DELTA = -10;
export const SILENCE_SIGNAL = 'silence for 48 h';
