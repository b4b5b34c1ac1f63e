import { Types } from 'mongoose';
import { inScope, type Scope } from '../../auth/ownership';
import { badInput, notFound } from '../../errors';
import { currencyOf } from '../business/money';
import { CampaignModel, type Campaign } from '../campaigns/campaign.model';
import { playbookOf } from '../campaigns/playbooks';
import { productsOf } from '../catalog/catalogRead';
import { offerRules } from '../catalog/offerRules';
import { ChatMode, ChatStatus } from '../chats/chat.model';
import type { ChatService } from '../chats/chat.service';
import type { CustomerMessagesService } from '../chats/customerMessages.service';
import { Sender } from '../chats/message.model';
import { businessProfileOf } from '../users/businessProfile';
import {
  CampaignTestModel,
  type CampaignTest,
  type TestExpectations,
  type TestRun,
} from './campaignTest.model';
import { starterTests } from './starterTests';
import { firstUnmet } from './testVerdict';

export interface CampaignTestData {
  name: string;
  lines: string[];
  expect?: Partial<TestExpectations> | null;
}

export interface TestSummary {
  total: number;
  passed: number;
  ranAt?: Date;
  /** A run is playing the tests right now. */
  running: boolean;
}

/** A campaign has at most this many tests; each run plays them all. */
export const MAX_TESTS = 30;
/** Campaigns whose tests a sweep reruns after a change. */
const RERUNS_PER_SWEEP = 3;

/**
 * Tests owners can run: a campaign's saved test conversations, played through the real
 * pipeline as simulator chats (archived afterwards), each judged by its expectations.
 */
export class CampaignTestService {
  /** Runs in progress, by campaign id: one at a time per campaign. */
  private readonly running = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    private readonly customers: CustomerMessagesService,
    private readonly chats: ChatService,
    private readonly logger?: { error(details: object, message: string): void },
  ) {}

  async list(campaignId: Types.ObjectId, scope: Scope): Promise<CampaignTest[]> {
    const campaign = await this.campaign(campaignId, scope);
    return CampaignTestModel.find({ userId: campaign.userId, campaignId: campaign._id })
      .sort({ createdAt: 1, _id: 1 })
      .lean<CampaignTest[]>();
  }

  async create(
    campaignId: Types.ObjectId,
    data: CampaignTestData,
    scope: Scope,
  ): Promise<CampaignTest> {
    const campaign = await this.campaign(campaignId, scope);
    const count = await CampaignTestModel.countDocuments({ userId: campaign.userId, campaignId });
    if (count >= MAX_TESTS) throw badInput(`A campaign has at most ${MAX_TESTS} tests.`);
    const created = await CampaignTestModel.create({
      ...clean(data),
      userId: campaign.userId,
      campaignId: campaign._id,
      generated: false,
    });
    return created.toObject();
  }

  async update(id: Types.ObjectId, data: CampaignTestData, scope: Scope): Promise<CampaignTest> {
    const test = await this.test(id, scope);
    const updated = await CampaignTestModel.findOneAndUpdate(
      { _id: test._id, userId: test.userId },
      { $set: { ...clean(data), generated: false }, $unset: { lastRun: '' } },
      { returnDocument: 'after', runValidators: true },
    ).lean<CampaignTest>();
    if (!updated) throw notFound('Campaign test');
    return updated;
  }

  async remove(id: Types.ObjectId, scope: Scope): Promise<boolean> {
    const test = await this.test(id, scope);
    await CampaignTestModel.deleteOne({ _id: test._id, userId: test.userId });
    return true;
  }

  /** The starter set from the playbook, replacing the generated tests made before. */
  async generate(campaignId: Types.ObjectId, scope: Scope): Promise<CampaignTest[]> {
    const campaign = await this.campaign(campaignId, scope);
    const products = campaign.productIds?.length
      ? (await productsOf(campaign.userId, campaign.productIds)).map((p) => ({
          ...p,
          id: String(p._id),
        }))
      : [campaign.product];
    const info = (await businessProfileOf(campaign.userId))?.businessInfo;
    const starters = starterTests({
      qualificationQuestions: campaign.chatFlow.qualificationQuestions ?? [],
      objectionHandling: campaign.chatFlow.objectionHandling ?? [],
      products,
      offers: offerRules(campaign.offers),
      shippingFee: campaign.shippingFee,
      currency: currencyOf(info),
    });
    await CampaignTestModel.deleteMany({ userId: campaign.userId, campaignId, generated: true });
    const own = await CampaignTestModel.countDocuments({ userId: campaign.userId, campaignId });
    await CampaignTestModel.insertMany(
      starters.slice(0, Math.max(0, MAX_TESTS - own)).map((starter) => ({
        ...starter,
        userId: campaign.userId,
        campaignId: campaign._id,
        generated: true,
      })),
    );
    return this.list(campaignId, scope);
  }

  /**
   * Starts playing every test of the campaign, one after another, in the background (a
   * run is many pipeline turns: the request that asks for it returns at once); a run
   * already going on is not started twice. `testSummary.running` says when it is done.
   */
  async run(campaignId: Types.ObjectId, scope: Scope): Promise<CampaignTest[]> {
    const tests = await this.list(campaignId, scope);
    const key = String(campaignId);
    if (!this.running.has(key) && !this.stopping && tests.length > 0) {
      const play = (async () => {
        for (const test of tests) {
          if (this.stopping) return;
          await this.runOne(test);
        }
      })()
        .catch((error: unknown) =>
          this.logger?.error({ err: error, campaignId: key }, 'campaign tests failed to run'),
        )
        .finally(() => this.running.delete(key));
      this.running.set(key, play);
    }
    return tests;
  }

  /** Resolves when no run is going on (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  /** Stops between tests and waits for the one playing. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }

  async summary(campaign: Campaign): Promise<TestSummary> {
    const tests = await CampaignTestModel.find({
      userId: campaign.userId,
      campaignId: campaign._id,
    })
      .select({ lastRun: 1 })
      .lean<CampaignTest[]>();
    const runs = tests.map((test) => test.lastRun).filter((run): run is TestRun => !!run);
    const ranAt = runs.reduce<Date | undefined>(
      (latest, run) => (!latest || run.at > latest ? run.at : latest),
      undefined,
    );
    return {
      total: tests.length,
      passed: runs.filter((run) => run.passed).length,
      ranAt,
      running: this.running.has(String(campaign._id)),
    };
  }

  /**
   * Runs again, by itself, the tests of campaigns changed since their last run: the
   * campaign, one of its products, or the knowledge base it answers from.
   */
  async rerunChanged(): Promise<number> {
    const ran = await CampaignTestModel.find({ 'lastRun.at': { $exists: true } })
      .select({ userId: 1, campaignId: 1, 'lastRun.at': 1 })
      .lean<CampaignTest[]>();
    const oldest = new Map<string, { userId: Types.ObjectId; at: Date }>();
    for (const test of ran) {
      const key = String(test.campaignId);
      const known = oldest.get(key);
      if (!known || test.lastRun!.at < known.at)
        oldest.set(key, { userId: test.userId, at: test.lastRun!.at });
    }
    let reran = 0;
    for (const [campaignId, { userId, at }] of oldest) {
      if (reran >= RERUNS_PER_SWEEP) break;
      const changed = await this.changedAt(new Types.ObjectId(campaignId), userId);
      if (!changed || changed <= at) continue;
      await this.run(new Types.ObjectId(campaignId), { actorId: userId, isAdmin: false, userId });
      await this.running.get(campaignId);
      reran++;
    }
    return reran;
  }

  private async changedAt(
    campaignId: Types.ObjectId,
    userId: Types.ObjectId,
  ): Promise<Date | undefined> {
    const campaign = await playbookOf({ campaignId, userId });
    if (!campaign) return undefined;
    const products = campaign.productIds?.length
      ? await productsOf(userId, campaign.productIds)
      : [];
    const profile = await businessProfileOf(userId);
    const times = [
      campaign.updatedAt,
      ...products.map((product) => product.updatedAt),
      profile?.lastTrainedAt,
    ].filter((time): time is Date => time instanceof Date);
    return times.reduce<Date | undefined>(
      (latest, time) => (!latest || time > latest ? time : latest),
      undefined,
    );
  }

  private async runOne(test: CampaignTest): Promise<void> {
    const scope: Scope = { actorId: test.userId, isAdmin: false, userId: test.userId };
    // A new customer each run: every run starts the conversation from its first line.
    const customerName = `Test · ${test.name.slice(0, 60)} · ${new Types.ObjectId().toHexString().slice(-6)}`;
    let last: Awaited<ReturnType<CustomerMessagesService['simulate']>> | undefined;
    for (const text of test.lines) {
      last = await this.customers.simulate(scope, {
        campaignId: test.campaignId,
        customerName,
        text,
        quiet: true,
      });
    }
    const at = new Date();
    let run: TestRun;
    if (!last) {
      run = { at, passed: false, failure: 'the test has no customer lines', transcript: [] };
    } else {
      const chat = last.chat;
      const info = (await businessProfileOf(test.userId))?.businessInfo;
      const transcript = chat.recent.map((entry) => ({
        sender: entry.sender,
        content: entry.content,
      }));
      const failure = firstUnmet(test.expect ?? { mentions: [], notMentions: [] }, {
        status: chat.status,
        converted: chat.conversion.converted,
        orderValue: chat.conversion.orderValue,
        objections: chat.aiContext.objections ?? [],
        handedOff: chat.mode === ChatMode.HUMAN,
        replies: chat.recent
          .filter((entry) => entry.sender === Sender.AI)
          .map((entry) => entry.content),
        currency: currencyOf(info),
      });
      run = { at, passed: !failure, ...(failure ? { failure } : {}), transcript };
      // The test chat keeps its transcript but leaves the inbox's open chats.
      await this.chats.setStatus(scope, chat._id, ChatStatus.ARCHIVED);
    }
    await CampaignTestModel.updateOne(
      { _id: test._id, userId: test.userId },
      { $set: { lastRun: run } },
    );
  }

  private async campaign(campaignId: Types.ObjectId, scope: Scope): Promise<Campaign> {
    const campaign = await CampaignModel.findById(campaignId).lean<Campaign>();
    if (!campaign || !inScope(scope, campaign)) throw notFound('Campaign');
    return campaign;
  }

  private async test(id: Types.ObjectId, scope: Scope): Promise<CampaignTest> {
    const test = await CampaignTestModel.findById(id).lean<CampaignTest>();
    if (!test || !inScope(scope, test)) throw notFound('Campaign test');
    return test;
  }
}

function clean(data: CampaignTestData) {
  return {
    name: data.name.trim(),
    lines: data.lines.map((line) => line.trim()).filter(Boolean),
    expect: {
      ...Object.fromEntries(
        Object.entries(data.expect ?? {}).filter(
          ([, value]) => value !== null && value !== undefined,
        ),
      ),
      mentions: (data.expect?.mentions ?? []).map((word) => word.trim()).filter(Boolean),
      notMentions: (data.expect?.notMentions ?? []).map((word) => word.trim()).filter(Boolean),
    },
  };
}
