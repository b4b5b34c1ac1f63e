import type { Scope } from '../../auth/ownership';
import type { Platform } from '../../platforms/platform';
import { campaignNames } from './campaignNames';
import { sumAll, sumBy, type DayDocument } from './dayDocuments';
import {
  FunnelStage,
  type CampaignFunnel,
  type FunnelStep,
  type PlatformFunnel,
} from './insights.types';
import { FUNNEL, ratio, type Counters } from './metricDefinitions';

const STAGES = [
  FunnelStage.CONVERSATIONS,
  FunnelStage.ENGAGED,
  FunnelStage.QUALIFIED,
  FunnelStage.CONVERTED,
] as const;

/** The four stages from cohort counters, each with its rate from the stage before and the start. */
export function funnelSteps(counters: Counters): FunnelStep[] {
  const counts = STAGES.map((stage) => counters[FUNNEL[stage].counter]);
  return STAGES.map((stage, index) => ({
    stage,
    count: counts[index]!,
    rateFromPrevious: ratio(counts[index]!, counts[Math.max(0, index - 1)]!),
    rateFromStart: ratio(counts[index]!, counts[0]!),
  }));
}

const started = (steps: FunnelStep[]) => steps[0]!.count;

/** The funnel overall, per campaign and per platform, busiest first. */
export async function funnelOf(
  scope: Scope,
  documents: DayDocument[],
): Promise<{ steps: FunnelStep[]; byCampaign: CampaignFunnel[]; byPlatform: PlatformFunnel[] }> {
  const perCampaign = sumBy(documents, (document) =>
    document.campaignId ? String(document.campaignId) : null,
  );
  const ids = documents.map((document) => document.campaignId);
  const names = await campaignNames(scope, ids);
  const idOf = new Map(ids.map((id) => [id ? String(id) : null, id]));
  const byCampaign = [...perCampaign].map(([key, counters]) => ({
    key: key ?? '',
    campaignId: idOf.get(key) ?? null,
    campaignName: key ? (names.get(key) ?? null) : null,
    steps: funnelSteps(counters),
  }));
  const byPlatform = [...sumBy(documents, (document) => document.platform)].map(
    ([platform, counters]) => ({
      key: platform,
      platform: platform as Platform,
      steps: funnelSteps(counters),
    }),
  );
  const busiest = (a: { steps: FunnelStep[]; key: string }, b: typeof a) =>
    started(b.steps) - started(a.steps) || a.key.localeCompare(b.key);
  return {
    steps: funnelSteps(sumAll(documents)),
    byCampaign: byCampaign.sort(busiest).map(({ key: _key, ...row }) => row),
    byPlatform: byPlatform.sort(busiest).map(({ key: _key, ...row }) => row),
  };
}
