import type { Types } from 'mongoose';
import { derivedId } from '../../db/derivedId';
import { isDuplicateKey } from '../../db/writeErrors';
import type { Logger } from '../../logger';
import { businessMoment } from '../analytics/businessDay';
import { businessTimeZone } from '../analytics/businessTimeZone';
import { UserModel } from '../users/user.model';
import { AlertChannel, AlertDeliveryModel } from './alertDelivery.model';
import { preferencesOf } from './alertPrefs';
import { AlertPrefsModel } from './alertPrefs.model';
import type { Mailer } from './mailer';

/** Yesterday's figures of one owner, and the chats waiting for a person now. */
export interface SummaryFigures {
  chats: number;
  sales: number;
  /** Formatted in the business currency. */
  revenue: string;
  waiting: number;
}

/**
 * The morning email: at the owner's chosen hour of their business day, yesterday's chats,
 * sales and revenue and the chats waiting; once a day (the email's id is derived from the
 * owner and the day, and the day is marked on the owner's preferences once it is queued),
 * and only when there is something to say.
 */
export class DailySummaries {
  constructor(
    private readonly mailer: Mailer,
    private readonly figuresOf: (userId: Types.ObjectId) => Promise<SummaryFigures>,
    private readonly dashboardUrl: () => string,
    private readonly logger: Logger,
  ) {}

  async sweep(now = new Date()): Promise<number> {
    if (!this.mailer.available) return 0;
    // One document per account: the owners of this server, never their history.
    const users = await UserModel.find({}).select({ _id: 1 }).lean();
    let queued = 0;
    for (const user of users) {
      try {
        if (await this.summarize(user._id, now)) queued++;
      } catch (error) {
        // One owner's failure is theirs: the others still get theirs, and theirs comes next sweep.
        this.logger.error({ err: error, userId: String(user._id) }, 'a daily summary failed');
      }
    }
    return queued;
  }

  private async summarize(userId: Types.ObjectId, now: Date): Promise<boolean> {
    const { dailySummary } = await preferencesOf(userId);
    if (!dailySummary.enabled) return false;
    const moment = businessMoment(now, await businessTimeZone(userId));
    if (moment.hour < dailySummary.hour) return false;
    const stored = await AlertPrefsModel.findById(userId).select({ summaryDay: 1 }).lean();
    if (stored?.summaryDay === moment.dayKey) return false;
    const figures = await this.figuresOf(userId);
    const worth = figures.chats > 0 || figures.sales > 0 || figures.waiting > 0;
    if (worth) await this.queue(userId, moment.dayKey, figures, now);
    // Marked after the email is queued: a stop in between queues it again under the same id.
    await AlertPrefsModel.updateOne(
      { _id: userId },
      { $set: { summaryDay: moment.dayKey } },
      { upsert: true },
    );
    return worth;
  }

  private async queue(userId: Types.ObjectId, day: string, figures: SummaryFigures, now: Date) {
    const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
    const lines = [
      `Yesterday: ${plural(figures.chats, 'new chat')}, ${plural(figures.sales, 'sale')}, ${figures.revenue} in revenue.`,
      figures.waiting > 0
        ? `${plural(figures.waiting, 'chat')} ${figures.waiting === 1 ? 'is' : 'are'} waiting for a person.`
        : 'No chat is waiting for a person.',
    ];
    try {
      await AlertDeliveryModel.create({
        _id: derivedId('alertsummary', userId, day),
        userId,
        channel: AlertChannel.EMAIL,
        subject: `Your sales desk yesterday: ${plural(figures.sales, 'sale')}, ${figures.revenue}`,
        text: lines.join('\n'),
        link: `${this.dashboardUrl()}${figures.waiting > 0 ? '/inbox?attention=1' : '/dashboard'}`,
        attempts: 0,
        nextAttemptAt: now,
        anyHour: true,
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}
