import type { Logger } from '../../logger';
import { businessTimeZone } from '../analytics/businessTimeZone';
import { UserModel } from '../users/user.model';
import { preferencesOf, quietUntil } from './alertPrefs';
import {
  AlertChannel,
  AlertDeliveryModel,
  AlertThrottleModel,
  type AlertDelivery,
} from './alertDelivery.model';
import { alertEmail } from './alertEmail';
import type { Mailer } from './mailer';
import { PushSubscriptionModel } from './pushSubscription.model';
import type { WebPush } from './webPush';

export interface SenderOptions {
  /** A claimed item is left alone this long (an attempt takes at most the SMTP timeout). */
  leaseMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  /** Items sent at once per sweep. */
  batch: number;
}

/**
 * Sends the email and push of the alert work list: due items are claimed (so a second
 * process or an overlapping sweep skips them), sent, and deleted; a failure is retried
 * with backoff up to `maxAttempts`, then given up and logged.
 */
export class AlertSender {
  constructor(
    private readonly mailer: Mailer,
    private readonly push: WebPush,
    private readonly options: SenderOptions,
    private readonly logger: Logger,
  ) {}

  private prunedAt = 0;

  async sweep(now = new Date()): Promise<number> {
    // Windows that ended: kept, they would make every claim read more (one per chat alerted).
    if (now.getTime() - this.prunedAt > 60_000) {
      this.prunedAt = now.getTime();
      await AlertThrottleModel.deleteMany({ until: { $lte: now } });
    }
    const due = await AlertDeliveryModel.find({ nextAttemptAt: { $lte: now } })
      .sort({ nextAttemptAt: 1 })
      .limit(this.options.batch)
      .lean();
    const sent = await Promise.all(due.map((item) => this.attempt(item, now)));
    return sent.filter(Boolean).length;
  }

  private async attempt(item: AlertDelivery, now: Date): Promise<boolean> {
    // Quiet hours again, as the business's clock reads now (a DST night moves their end).
    if (!item.anyHour) {
      const { quietHours } = await preferencesOf(item.userId);
      const held = quietUntil(quietHours, now, await businessTimeZone(item.userId));
      if (held) {
        await AlertDeliveryModel.updateOne({ _id: item._id }, { $set: { nextAttemptAt: held } });
        return false;
      }
    }
    const claimed = await AlertDeliveryModel.updateOne(
      { _id: item._id, nextAttemptAt: item.nextAttemptAt },
      { $set: { nextAttemptAt: new Date(now.getTime() + this.options.leaseMs) } },
    );
    if (claimed.modifiedCount === 0) return false;
    try {
      await this.send(item);
      await AlertDeliveryModel.deleteOne({ _id: item._id });
      return true;
    } catch (error) {
      await this.failed(item, error instanceof Error ? error.message : String(error));
      return false;
    }
  }

  private async send(item: AlertDelivery): Promise<void> {
    if (item.channel === AlertChannel.EMAIL) {
      const user = await UserModel.findById(item.userId).select({ email: 1 }).lean();
      if (!user) return;
      await this.mailer.send({ to: user.email, ...alertEmail(item) });
      return;
    }
    const browser = await PushSubscriptionModel.findById(item.subscriptionId).lean();
    // A browser that signed in to another account since is that account's now.
    if (!browser || !browser.userId.equals(item.userId)) return;
    const outcome = await this.push.send(browser, {
      title: item.subject,
      body: item.text,
      link: item.link,
    });
    if (outcome === 'gone') await PushSubscriptionModel.deleteOne({ _id: browser._id });
  }

  private async failed(item: AlertDelivery, reason: string): Promise<void> {
    const attempts = item.attempts + 1;
    if (attempts >= this.options.maxAttempts) {
      await AlertDeliveryModel.deleteOne({ _id: item._id });
      this.logger.error(
        { channel: item.channel, userId: String(item.userId), reason, attempts },
        'an alert could not be delivered: given up',
      );
      return;
    }
    const wait = Math.min(this.options.retryBaseMs * 2 ** (attempts - 1), this.options.retryMaxMs);
    await AlertDeliveryModel.updateOne(
      { _id: item._id },
      {
        $set: { attempts, lastError: reason, nextAttemptAt: new Date(Date.now() + wait) },
      },
    );
    this.logger.warn(
      { channel: item.channel, reason, attempts, retryInMs: wait },
      'an alert was not delivered: will retry',
    );
  }
}
