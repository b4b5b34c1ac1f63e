import type { Types } from 'mongoose';
import { isDuplicateKey } from '../../db/writeErrors';
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
 * sales and revenue and the chats waiting; once a day (the day is claimed on the owner's
 * preferences document before the email is queued), and only when there is something to say.
 */
export class DailySummaries {
  constructor(
    private readonly mailer: Mailer,
    private readonly figuresOf: (userId: Types.ObjectId) => Promise<SummaryFigures>,
    private readonly dashboardUrl: () => string,
  ) {}

  async sweep(now = new Date()): Promise<number> {
    if (!this.mailer.available) return 0;
    // One document per account: the owners of this server, never their history.
    const users = await UserModel.find({}).select({ _id: 1 }).lean();
    let queued = 0;
    for (const user of users) {
      if (await this.summarize(user._id, now)) queued++;
    }
    return queued;
  }

  private async summarize(userId: Types.ObjectId, now: Date): Promise<boolean> {
    const { dailySummary } = await preferencesOf(userId);
    if (!dailySummary.enabled) return false;
    const moment = businessMoment(now, await businessTimeZone(userId));
    if (moment.hour < dailySummary.hour) return false;
    if (!(await claimDay(userId, moment.dayKey))) return false;
    const figures = await this.figuresOf(userId);
    if (figures.chats === 0 && figures.sales === 0 && figures.waiting === 0) return false;
    const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
    const lines = [
      `Yesterday: ${plural(figures.chats, 'new chat')}, ${plural(figures.sales, 'sale')}, ${figures.revenue} in revenue.`,
      figures.waiting > 0
        ? `${plural(figures.waiting, 'chat')} ${figures.waiting === 1 ? 'is' : 'are'} waiting for a person.`
        : 'No chat is waiting for a person.',
    ];
    await AlertDeliveryModel.create({
      userId,
      channel: AlertChannel.EMAIL,
      subject: `Your sales desk yesterday: ${plural(figures.sales, 'sale')}, ${figures.revenue}`,
      text: lines.join('\n'),
      link: `${this.dashboardUrl()}${figures.waiting > 0 ? '/inbox?attention=1' : '/dashboard'}`,
      attempts: 0,
      nextAttemptAt: now,
    });
    return true;
  }
}

/** True for the one caller that claims `day` for this owner's summary. */
async function claimDay(userId: Types.ObjectId, day: string): Promise<boolean> {
  try {
    const result = await AlertPrefsModel.updateOne(
      { _id: userId, summaryDay: { $ne: day } },
      { $set: { summaryDay: day } },
      { upsert: true },
    );
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}
