import { ChatMode, ChatStatus, type Chat } from '../chats/chat.model';
import type { Message } from '../chats/message.model';
import { DayIncrements, incrementAd, type Occurrence } from './analyticsStore';
import { PendingCounts } from './pendingCounts';
import { businessMoment } from './businessDay';
import { businessTimeZone } from './businessTimeZone';
import { reachMilestones, type Milestone } from '../chats/milestones';
import type { Counter } from './metricDefinitions';

/** Campaign stats that move with the same events. */
type CampaignStat = 'messagesSent' | 'responses' | 'conversions' | 'revenue';

export interface CustomerMessageEvent {
  /** The chat as it was before this message (for a new chat: as created). */
  before: Chat;
  /** The chat with this message appended. */
  chat: Chat;
  message: Message;
  created: boolean;
}

export interface ReplyEvent {
  /** The chat after the AI's decision, and before it. */
  chat: Chat;
  previous: Chat;
  /** The responder's output; absent for the out-of-hours message or a retried delivery. */
  output?: { handoff?: unknown };
  reply: Message;
  customerMessage: Message;
  sent: boolean;
}

const occurrenceOf = (chat: Chat, at: Date): Occurrence => ({
  userId: chat.userId,
  campaignId: chat.campaignId ?? null,
  platform: chat.platform,
  at,
});

/** Cohort counters go to the day the conversation started. */
const cohortOf = (chat: Chat): Occurrence => occurrenceOf(chat, chat.startedAt ?? chat.createdAt);

const qualifiedOrBeyond = (chat: Chat): boolean =>
  chat.status === ChatStatus.QUALIFIED ||
  chat.status === ChatStatus.CONVERTED ||
  chat.conversion?.converted === true;

const isTest = (chat: Chat): boolean => chat.isTest || chat.platform === 'simulator';

/**
 * Counts what happens in conversations into the pre-aggregated day documents (and the
 * ad and campaign counters), at the state transition that defines each counter, once.
 * What each counter means: metricDefinitions.ts. The pipeline, ingest and the inbox call
 * the event methods; reads never look at messages.
 */
export class AnalyticsService {
  /**
   * `pending`: gathered with what the rest of the event counts and written by the caller
   * (MessagePipeline.handle); without it, written now.
   */
  async customerMessage(
    { before, chat, message, created }: CustomerMessageEvent,
    pending?: PendingCounts,
  ): Promise<void> {
    const zone = await businessTimeZone(chat.userId);
    const at = message.createdAt;
    const event = occurrenceOf(chat, at);
    const tally = pending ?? new PendingCounts();
    const counts = tally.days(zone);
    if (created) {
      counts.add(
        event,
        { conversationsStarted: 1, leadsGenerated: chat.campaignId ? 1 : 0 },
        { conversations: 1 },
      );
    }
    // Per chat, messages are handled in the customer's order, so the previous customer
    // message tells whether this is the chat's first of the day (and not its first ever).
    const previous = created ? undefined : before.lastCustomerMessageAt;
    const firstToday =
      !previous || businessMoment(previous, zone).dayKey !== businessMoment(at, zone).dayKey;
    const received = { messagesReceived: 1, activeConversations: firstToday ? 1 : 0 };
    counts.add(event, received, { messages: 1 });
    if (previous) this.countMilestones(counts, chat, await reachMilestones(chat, ['engaged']), at);
    this.campaignStats(chat, { responses: 1 }, tally);
    if (chat.referral && (created || !before.referral)) {
      await incrementAd(chat.userId, chat.referral, chat.platform, at, zone, { chats: 1 });
    }
    if (!pending) await tally.write();
  }

  /** `pending`: as for customerMessage. */
  async replied(
    { chat, previous, output, reply, customerMessage, sent }: ReplyEvent,
    pending?: PendingCounts,
  ): Promise<void> {
    const zone = await businessTimeZone(chat.userId);
    const at = reply.createdAt;
    const counters: Partial<Record<Counter, number>> = { aiReplies: 1 };
    const milestones: Milestone[] = [];
    if (output) milestones.push('aiHandled');
    if (sent) {
      counters.messagesSent = 1;
      counters.responseTimeSumMs = Math.max(0, at.getTime() - customerMessage.createdAt.getTime());
      counters.responseTimeCount = 1;
      milestones.push('responded');
    }
    if (output?.handoff) {
      counters.aiHandoffs = 1;
      milestones.push('handedOff');
    }
    milestones.push(...this.progress(chat, previous));
    const tally = pending ?? new PendingCounts();
    const counts = tally.days(zone).add(occurrenceOf(chat, at), counters, {
      messages: sent ? 1 : 0,
    });
    const reached = await reachMilestones(chat, milestones);
    this.countMilestones(counts, chat, reached, at);
    await this.afterSale(chat, reached, at, zone, { messagesSent: sent ? 1 : 0 }, tally);
    if (!pending) await tally.write();
  }

  /** A reply typed by a person in the inbox. */
  async businessReply(chat: Chat, message: Message, sent: boolean): Promise<void> {
    if (!sent) return;
    const tally = new PendingCounts();
    const counts = tally
      .days(await businessTimeZone(chat.userId))
      .add(occurrenceOf(chat, message.createdAt), { messagesSent: 1 }, { messages: 1 });
    this.countMilestones(
      counts,
      chat,
      await reachMilestones(chat, ['responded']),
      message.createdAt,
    );
    this.campaignStats(chat, { messagesSent: 1 }, tally);
    await tally.write();
  }

  /**
   * One of our messages reached the customer after its first attempt had failed or gone
   * unconfirmed (a retry, a resend, a WhatsApp status): counted as sent now.
   */
  sentLater(chat: Chat, message: Message): Promise<void> {
    return this.businessReply(chat, message, true);
  }

  /**
   * The business moves a chat from the AI to a person (sendMessage or setChatMode HUMAN).
   * Only a chat the AI has answered can be taken over; a chat already in human mode (the
   * AI handed it off) is not taken over again.
   */
  async takeover(chat: Chat, at = new Date()): Promise<void> {
    if (chat.mode !== ChatMode.AI || !chat.milestones?.aiHandled) return;
    const counts = new DayIncrements(await businessTimeZone(chat.userId));
    this.countMilestones(counts, chat, await reachMilestones(chat, ['takenOver']), at);
    await counts.write();
  }

  /** The owner set the chat's status (setChatStatus). Resolves to whether anything counted. */
  async statusSet(before: Chat, chat: Chat, at = new Date()): Promise<boolean> {
    const milestones = this.progress(chat, before);
    if (chat.status === ChatStatus.CLOSED || chat.status === ChatStatus.ARCHIVED) {
      milestones.push('completed');
    }
    if (milestones.length === 0) return false;
    const zone = await businessTimeZone(chat.userId);
    const counts = new DayIncrements(zone);
    const reached = await reachMilestones(chat, milestones);
    this.countMilestones(counts, chat, reached, at);
    await counts.write();
    const sale = new PendingCounts();
    await this.afterSale(chat, reached, at, zone, {}, sale);
    await sale.write();
    return reached.length > 0;
  }

  /** Milestones implied by moving from `previous` to `chat`: qualifying, converting. */
  private progress(chat: Chat, previous: Chat): Milestone[] {
    const milestones: Milestone[] = [];
    if (qualifiedOrBeyond(chat) && !qualifiedOrBeyond(previous)) {
      milestones.push('engaged', 'qualified');
    }
    if (chat.conversion?.converted && !previous.conversion?.converted) {
      milestones.push('engaged', 'qualified', 'converted', 'completed');
    }
    return milestones;
  }

  /** The counters each milestone reached by this call stands for. */
  private countMilestones(counts: DayIncrements, chat: Chat, reached: Milestone[], at: Date) {
    const cohort: Partial<Record<Counter, number>> = {};
    const event: Partial<Record<Counter, number>> = {};
    const cohortCounter: Record<Milestone, Counter> = {
      engaged: 'engagedConversations',
      responded: 'respondedConversations',
      aiHandled: 'aiHandledConversations',
      handedOff: 'handedOffConversations',
      takenOver: 'takenOverConversations',
      qualified: 'qualifiedConversations',
      converted: 'convertedConversations',
      completed: 'conversationsCompleted',
    };
    for (const milestone of reached) {
      // Completion is an event of its day; the rest are counted under the start day.
      if (milestone === 'completed') event.conversationsCompleted = 1;
      else cohort[cohortCounter[milestone]] = 1;
    }
    if (reached.includes('qualified')) event.qualifiedLeads = 1;
    const sold = reached.includes('converted');
    if (sold) {
      event.conversions = 1;
      event.revenue = chat.conversion?.orderValue ?? 0;
    }
    counts.add(cohortOf(chat), cohort);
    counts.add(occurrenceOf(chat, at), event, { conversions: sold ? 1 : 0 });
  }

  private async afterSale(
    chat: Chat,
    reached: Milestone[],
    at: Date,
    zone: string,
    stats: Partial<Record<CampaignStat, number>>,
    tally: PendingCounts,
  ): Promise<void> {
    const revenue = chat.conversion?.orderValue ?? 0;
    if (reached.includes('converted')) {
      Object.assign(stats, { conversions: 1, revenue });
      await incrementAd(chat.userId, chat.referral, chat.platform, at, zone, {
        conversions: 1,
        revenue,
      });
    }
    this.campaignStats(chat, stats, tally);
  }

  /** The campaign's own running totals, into `tally`; simulator chats stay out of them. */
  private campaignStats(
    chat: Chat,
    stats: Partial<Record<CampaignStat, number>>,
    tally: PendingCounts,
  ): void {
    if (!chat.campaignId || isTest(chat)) return;
    for (const [name, value] of Object.entries(stats)) {
      if (value) tally.campaign(chat.campaignId, `stats.${name}`, value);
    }
  }
}
