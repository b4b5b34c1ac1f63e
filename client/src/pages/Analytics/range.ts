import type { AnalyticsPreset, AnalyticsRange } from '../../gql/graphql';

export type RangeChoice = '7d' | '30d' | '90d' | 'custom';

export const PRESETS: Record<Exclude<RangeChoice, 'custom'>, AnalyticsPreset> = {
  '7d': 'LAST_7_DAYS',
  '30d': 'LAST_30_DAYS',
  '90d': 'LAST_90_DAYS',
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 366;

/** The problem with a custom range, or null when it can be asked for. */
export function customRangeProblem(from: string, to: string): string | null {
  if (!DAY.test(from) || !DAY.test(to)) return 'Pick both a start and an end day.';
  if (from > to) return 'The start day must be on or before the end day.';
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days > MAX_DAYS) return `Pick at most ${MAX_DAYS} days.`;
  return null;
}

/**
 * The API's range. Custom days are sent at noon UTC: the server takes "the business days
 * containing them", and noon UTC falls on the same calendar day in every time zone
 * between UTC-12 and UTC+11.
 */
export function toRange(choice: RangeChoice, from: string, to: string): AnalyticsRange | null {
  if (choice !== 'custom') return { preset: PRESETS[choice] };
  if (customRangeProblem(from, to)) return null;
  return { from: `${from}T12:00:00.000Z`, to: `${to}T12:00:00.000Z` };
}

export function isRangeChoice(value: string | null): value is RangeChoice {
  return value === '7d' || value === '30d' || value === '90d' || value === 'custom';
}
