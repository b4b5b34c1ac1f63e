import { Types } from 'mongoose';
import type { Logger } from '../../logger';
import type { AlertRaisedEvent, PubSub } from '../../realtime/pubsub';
import { businessTimeZone } from '../analytics/businessTimeZone';
import { type Alert, AlertEvent, type AlertList } from './alert.model';
import { AlertChannel, AlertDeliveryModel, type AlertDelivery } from './alertDelivery.model';
import { addToFeed, feedOf, markFeedRead } from './alertFeed';
import { channelsFor, preferencesOf, quietUntil } from './alertPrefs';
import {
  addPushSubscription,
  pushBrowsersOf,
  removePushSubscription,
  updatePreferences,
} from './alertSettings';
import type {
  AlertPreferences,
  AlertPreferencesInput,
  PushSubscriptionInput,
} from './alerts.types';
import { claimWindow } from './alertThrottle';
import type { Mailer } from './mailer';
import { PushSubscriptionModel } from './pushSubscription.model';
import type { WebPush } from './webPush';
import { UserModel } from '../users/user.model';
import { notFound, rateLimited } from '../../errors';

const TEST_GAP_MS = 60_000;

export interface RaiseAlert {
  userId: Types.ObjectId;
  event: AlertEvent;
  title: string;
  body: string;
  chatId?: Types.ObjectId;
  /** What "at most one email per 10 minutes" counts by; the chat, else the event. */
  subject?: string;
  /** A simulator chat: shown in the app, never emailed or pushed. */
  test?: boolean;
}

export interface AlertOptions {
  /** The dashboard's address for links in email and push (PUBLIC_URL, else localhost). */
  dashboardUrl: () => string;
  /** At most one email (and one push) per chat in this long. */
  gapMs: number;
  /** Push endpoints on this machine or network, over http too (local push services in tests). */
  allowLocalPush: boolean;
}

/** An alert back from its wire form on the `alertRaised` topic (JSON over Redis). */
export const alertOfEvent = (event: AlertRaisedEvent): Alert => ({
  ...event.alert,
  event: event.alert.event as AlertEvent,
  _id: new Types.ObjectId(event.alert.id),
  chatId: event.alert.chatId ? new Types.ObjectId(event.alert.chatId) : undefined,
  createdAt: new Date(event.alert.createdAt),
});

/**
 * Alerts the owner where they are: in the app at once (the feed and a live event), by
 * email and web push through a work list that AlertSender delivers and retries, so a slow
 * SMTP server or push service never holds up the message pipeline. Raising never throws
 * into its caller: an alert that cannot be recorded is logged.
 */
export class AlertService {
  constructor(
    private readonly pubsub: PubSub,
    private readonly mailer: Mailer,
    private readonly push: WebPush,
    private readonly options: AlertOptions,
    private readonly logger: Logger,
  ) {}

  async preferences(userId: Types.ObjectId): Promise<AlertPreferences> {
    const [preferences, user, pushPublicKey, pushBrowsers] = await Promise.all([
      preferencesOf(userId),
      UserModel.findById(userId).select({ email: 1 }).lean(),
      this.push.publicKey(),
      pushBrowsersOf(userId),
    ]);
    if (!user) throw notFound('User');
    return {
      ...preferences,
      email: user.email,
      emailAvailable: this.mailer.available,
      pushPublicKey,
      pushBrowsers,
    };
  }

  async updatePreferences(
    userId: Types.ObjectId,
    input: AlertPreferencesInput,
  ): Promise<AlertPreferences> {
    await updatePreferences(userId, input);
    return this.preferences(userId);
  }

  async subscribePush(userId: Types.ObjectId, input: PushSubscriptionInput): Promise<boolean> {
    await addPushSubscription(userId, input, this.options.allowLocalPush);
    return true;
  }

  async unsubscribePush(userId: Types.ObjectId, endpoint: string): Promise<boolean> {
    await removePushSubscription(userId, endpoint);
    return true;
  }

  /** Every channel at once, whatever the preferences: the owner checks their setup. */
  async sendTest(userId: Types.ObjectId): Promise<void> {
    // Once a minute: each test reaches every browser and the mailbox.
    if (!(await claimWindow(userId, AlertChannel.EMAIL, 'test alert', TEST_GAP_MS))) {
      throw rateLimited(TEST_GAP_MS / 1000);
    }
    await this.record({
      userId,
      event: AlertEvent.TEST,
      title: 'A test alert from Salesdesk',
      body: 'Alerts reach you here: handoffs, chats that need you, replies not sent, sales.',
    });
  }

  async raise(input: RaiseAlert): Promise<void> {
    try {
      await this.record(input);
    } catch (error) {
      this.logger.error({ err: error, event: input.event }, 'an alert could not be recorded');
    }
  }

  list(userId: Types.ObjectId, limit: number): Promise<AlertList> {
    return feedOf(userId, limit);
  }

  markRead(userId: Types.ObjectId): Promise<void> {
    return markFeedRead(userId);
  }

  private async record(input: RaiseAlert): Promise<void> {
    const now = new Date();
    const preferences = await preferencesOf(input.userId);
    const channels = channelsFor(preferences, input.event);
    const alert: Alert = {
      _id: new Types.ObjectId(),
      event: input.event,
      title: input.title,
      body: input.body,
      chatId: input.chatId,
      link: input.chatId ? `/inbox/${String(input.chatId)}` : '/settings#alerts',
      test: input.test === true,
      createdAt: now,
    };
    if (channels.inApp) {
      await addToFeed(input.userId, alert);
      this.pubsub.publish('alertRaised', String(input.userId), {
        userId: String(input.userId),
        alert: {
          ...alert,
          id: String(alert._id),
          chatId: input.chatId ? String(input.chatId) : undefined,
          createdAt: now.toISOString(),
        },
      });
    }
    if (input.test && input.event !== AlertEvent.TEST) return;

    const always = input.event === AlertEvent.TEST;
    const subject = input.subject ?? (input.chatId ? `chat:${String(input.chatId)}` : input.event);
    const zone = await businessTimeZone(input.userId);
    const due = (always ? undefined : quietUntil(preferences.quietHours, now, zone)) ?? now;
    // The window runs from when the message goes: quiet hours hold one, not one per 10 minutes.
    const gap = due.getTime() - now.getTime() + this.options.gapMs;
    const mayGo = (channel: AlertChannel) =>
      always || claimWindow(input.userId, channel, subject, gap, now);
    const base: Omit<AlertDelivery, '_id' | 'channel'> = {
      userId: input.userId,
      subject: input.title,
      text: input.body,
      link: `${this.options.dashboardUrl()}${alert.link}`,
      attempts: 0,
      nextAttemptAt: due,
      ...(always ? { anyHour: true } : {}),
    };
    const deliveries: Omit<AlertDelivery, '_id'>[] = [];
    if (channels.email && this.mailer.available && (await mayGo(AlertChannel.EMAIL))) {
      deliveries.push({ ...base, channel: AlertChannel.EMAIL });
    }
    if (channels.push) {
      const browsers = await PushSubscriptionModel.find({ userId: input.userId })
        .select({ _id: 1 })
        .lean();
      if (browsers.length > 0 && (await mayGo(AlertChannel.PUSH))) {
        for (const browser of browsers) {
          deliveries.push({ ...base, channel: AlertChannel.PUSH, subscriptionId: browser._id });
        }
      }
    }
    if (deliveries.length > 0) await AlertDeliveryModel.insertMany(deliveries);
  }
}
