import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Card, Input, Select, Tabs, useToast } from '../../components/ui';
import { graphql } from '../../gql';
import type { Platform } from '../../gql/graphql';
import { PLATFORM_LABELS } from '../../lib/format';
import { customRangeProblem, type RangeChoice } from './range';

export const PLATFORMS: Platform[] = ['FACEBOOK', 'INSTAGRAM', 'WHATSAPP', 'SIMULATOR'];

export const AnalyticsCampaignOptionsDocument = graphql(`
  query AnalyticsCampaignOptions {
    campaigns(limit: 100) {
      items {
        id
        name
      }
    }
  }
`);

interface AnalyticsFiltersProps {
  choice: RangeChoice;
  /** The custom range's days as the URL keeps them (only valid ranges get there). */
  savedFrom: string;
  savedTo: string;
  campaignId: string | null;
  platform: Platform | null;
  /** Sets URL parameters; an empty or null value removes one. */
  update: (changes: Record<string, string | null>) => void;
}

/** Range, campaign and platform: every figure on the page follows them. */
export function AnalyticsFilters({
  choice,
  savedFrom,
  savedTo,
  campaignId,
  platform,
  update,
}: AnalyticsFiltersProps) {
  const toast = useToast();
  // The days as typed: a half-picked range is shown, but only a valid one is applied.
  const [from, setFrom] = useState(savedFrom);
  const [to, setTo] = useState(savedTo);
  const customProblem = choice === 'custom' ? customRangeProblem(from, to) : null;
  const campaigns = useQuery(AnalyticsCampaignOptionsDocument);
  useEffect(() => {
    if (campaigns.error) toast.error(campaigns.error);
  }, [campaigns.error, toast]);

  function applyCustom(nextFrom: string, nextTo: string) {
    setFrom(nextFrom);
    setTo(nextTo);
    if (!customRangeProblem(nextFrom, nextTo)) update({ from: nextFrom, to: nextTo });
  }

  function chooseRange(id: RangeChoice) {
    if (id !== 'custom') {
      update({ range: id, from: null, to: null });
      return;
    }
    // A custom range starts as the last two weeks, or the days picked before.
    const today = new Date().toISOString().slice(0, 10);
    const start = new Date(Date.now() - 13 * 86_400_000).toISOString().slice(0, 10);
    const f = from || start;
    const t = to || today;
    setFrom(f);
    setTo(t);
    update({ range: 'custom', from: f, to: t });
  }

  return (
    <Card className="mb-6">
      <div className="flex flex-wrap items-end gap-4">
        <div className="grid gap-1.5">
          <span className="text-sm font-medium text-slate-800" id="range-label">
            Range
          </span>
          <Tabs
            label="Date range"
            value={choice}
            onChange={chooseRange}
            tabs={[
              { id: '7d', label: '7 days' },
              { id: '30d', label: '30 days' },
              { id: '90d', label: '90 days' },
              { id: 'custom', label: 'Custom' },
            ]}
          />
        </div>
        {choice === 'custom' && (
          <>
            <Input
              label="From"
              type="date"
              value={from}
              max={to || undefined}
              onChange={(e) => applyCustom(e.target.value, to)}
              wrapperClassName="w-40"
            />
            <Input
              label="To"
              type="date"
              value={to}
              min={from || undefined}
              onChange={(e) => applyCustom(from, e.target.value)}
              wrapperClassName="w-40"
              error={customProblem}
            />
          </>
        )}
        <Select
          label="Campaign"
          value={campaignId ?? ''}
          onChange={(e) => update({ campaign: e.target.value || null })}
          wrapperClassName="min-w-[12rem] flex-1 sm:flex-none"
        >
          <option value="">All campaigns</option>
          {campaigns.data?.campaigns.items.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
        <Select
          label="Platform"
          value={platform ?? ''}
          onChange={(e) => update({ platform: e.target.value || null })}
          wrapperClassName="min-w-[10rem] flex-1 sm:flex-none"
        >
          <option value="">All platforms</option>
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {p === 'SIMULATOR' ? 'Simulator (test chats)' : PLATFORM_LABELS[p]}
            </option>
          ))}
        </Select>
      </div>
    </Card>
  );
}
