import { badInput } from '../../errors';
import { AnalyticsPreset, type AnalyticsRange } from './analytics.types';
import { addDays, businessMoment, dayCount, dayKeyOf } from './businessDay';

export const MAX_RANGE_DAYS = 366;

const presetDays: Record<AnalyticsPreset, number> = {
  [AnalyticsPreset.LAST_7_DAYS]: 7,
  [AnalyticsPreset.LAST_30_DAYS]: 30,
  [AnalyticsPreset.LAST_90_DAYS]: 90,
};

/** Business days, as the analytics keys of their first and last day (both included). */
export interface DayRange {
  first: Date;
  last: Date;
  timeZone: string;
}

const invalid = (message: string) =>
  badInput(message, { fields: [{ path: 'range', messages: [message] }] });

/** The business days a range argument covers, validated. */
export function resolveRange(range: AnalyticsRange, timeZone: string, now = new Date()): DayRange {
  const dated = Boolean(range.from) || Boolean(range.to);
  const preset = range.preset ?? undefined;
  if (dated === (preset !== undefined)) {
    throw invalid('Give either from and to, or a preset, not both.');
  }
  if (preset !== undefined) {
    const last = businessMoment(now, timeZone).day;
    return { first: addDays(last, 1 - presetDays[preset]), last, timeZone };
  }
  if (!range.from || !range.to) throw invalid('from and to go together.');
  if (range.from > range.to) throw invalid('from must not be after to.');
  const first = businessMoment(range.from, timeZone).day;
  const last = businessMoment(range.to, timeZone).day;
  const span = dayCount(first, last);
  // A date whose business day falls past year 9999 has no day key (the zone moved it on).
  if (!Number.isFinite(span)) throw invalid('from and to must be dates before the year 9999.');
  if (span > MAX_RANGE_DAYS) {
    throw invalid(`A range covers at most ${MAX_RANGE_DAYS} days.`);
  }
  return { first, last, timeZone };
}

export const periodOf = (range: DayRange) => ({
  from: dayKeyOf(range.first),
  to: dayKeyOf(range.last),
  timezone: range.timeZone,
});
