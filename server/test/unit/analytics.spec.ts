import 'reflect-metadata';
import { Types } from 'mongoose';
import { type AppError } from '../../src/errors';
import { adKeyOf } from '../../src/modules/analytics/adStats.model';
import { derivedId } from '../../src/modules/analytics/analyticsIds';
import { resolveRange } from '../../src/modules/analytics/analyticsRange';
import { AnalyticsPreset } from '../../src/modules/analytics/analytics.types';
import {
  businessMoment,
  dayCount,
  dayKeyOf,
  daysFrom,
  startOfBusinessDay,
} from '../../src/modules/analytics/businessDay';
import { funnelSteps } from '../../src/modules/analytics/funnel';
import { topReasons } from '../../src/modules/chats/lead.service';
import {
  addCounters,
  deriveMetrics,
  emptyCounters,
  METRICS,
} from '../../src/modules/analytics/metricDefinitions';

const day = (key: string) => new Date(`${key}T00:00:00.000Z`);

describe('business days', () => {
  test('an instant falls on the business’s local day and hour', () => {
    const at = new Date('2026-11-23T10:30:00Z');
    expect(businessMoment(at, 'Pacific/Kiritimati')).toMatchObject({
      dayKey: '2026-11-24',
      hour: 0,
    });
    expect(businessMoment(at, 'America/Los_Angeles')).toMatchObject({
      dayKey: '2026-11-23',
      hour: 2,
    });
    expect(businessMoment(at)).toMatchObject({ dayKey: '2026-11-23', hour: 10 });
  });

  test('a business day begins at local midnight, daylight saving included', () => {
    expect(startOfBusinessDay(day('2026-11-24'), 'Pacific/Kiritimati').toISOString()).toBe(
      '2026-11-23T10:00:00.000Z',
    );
    expect(startOfBusinessDay(day('2026-03-08'), 'America/Los_Angeles').toISOString()).toBe(
      '2026-03-08T08:00:00.000Z',
    );
    expect(startOfBusinessDay(day('2026-03-09'), 'America/Los_Angeles').toISOString()).toBe(
      '2026-03-09T07:00:00.000Z',
    );
    expect(startOfBusinessDay(day('2026-06-01'), 'Asia/Kolkata').toISOString()).toBe(
      '2026-05-31T18:30:00.000Z',
    );
    expect(startOfBusinessDay(day('2026-06-01')).toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });

  test('day lists include both ends', () => {
    expect(daysFrom(day('2026-02-27'), day('2026-03-02')).map(dayKeyOf)).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(dayCount(day('2025-01-01'), day('2025-12-31'))).toBe(365);
  });
});

describe('ranges', () => {
  const now = new Date('2026-11-23T10:30:00Z');
  const fails = (range: object) => {
    try {
      resolveRange(range, 'UTC', now);
    } catch (error) {
      return (error as AppError).code;
    }
    return 'ok';
  };

  test('a preset is the last N business days, today included', () => {
    const range = resolveRange({ preset: AnalyticsPreset.LAST_7_DAYS }, 'Pacific/Kiritimati', now);
    expect([dayKeyOf(range.first), dayKeyOf(range.last)]).toEqual(['2026-11-18', '2026-11-24']);
    const ninety = resolveRange({ preset: AnalyticsPreset.LAST_90_DAYS }, 'UTC', now);
    expect(dayCount(ninety.first, ninety.last)).toBe(90);
  });

  test('from/to cover the business days containing them', () => {
    const range = resolveRange(
      { from: new Date('2026-11-01T09:59:00Z'), to: new Date('2026-11-01T10:00:00Z') },
      'Pacific/Kiritimati',
      now,
    );
    expect([dayKeyOf(range.first), dayKeyOf(range.last)]).toEqual(['2026-11-01', '2026-11-02']);
  });

  test('exactly one form, from <= to, at most 366 days', () => {
    const d = (key: string) => new Date(`${key}T12:00:00Z`);
    expect(fails({})).toBe('BAD_USER_INPUT');
    expect(
      fails({ preset: AnalyticsPreset.LAST_7_DAYS, from: d('2026-01-01'), to: d('2026-01-02') }),
    ).toBe('BAD_USER_INPUT');
    expect(fails({ from: d('2026-01-01') })).toBe('BAD_USER_INPUT');
    expect(fails({ from: d('2026-01-02'), to: d('2026-01-01') })).toBe('BAD_USER_INPUT');
    expect(fails({ from: d('2024-01-01'), to: d('2024-12-31') })).toBe('ok'); // 366 days (leap year)
    expect(fails({ from: d('2025-01-01'), to: d('2026-01-02') })).toBe('BAD_USER_INPUT');
  });
});

describe('metric definitions', () => {
  test('every metric has a definition, and an empty day is all zeros', () => {
    for (const metric of Object.values(METRICS))
      expect(metric.definition.length).toBeGreaterThan(20);
    expect(Object.values(deriveMetrics(emptyCounters())).every((value) => value === 0)).toBe(true);
  });

  test('rates come from the summed counters', () => {
    const counters = addCounters(emptyCounters(), {
      conversationsStarted: 8,
      engagedConversations: 6,
      respondedConversations: 7,
      aiHandledConversations: 5,
      takenOverConversations: 1,
      handedOffConversations: 2,
      convertedConversations: 2,
      conversions: 3,
      revenue: 300,
      responseTimeSumMs: 9000,
      responseTimeCount: 4,
      unknownCounter: 99,
    });
    expect(deriveMetrics(counters)).toMatchObject({
      responseRate: 7 / 8,
      engagementRate: 6 / 8,
      bounceRate: 2 / 8,
      aiAccuracy: 4 / 5,
      aiHandoffRate: 2 / 5,
      conversionRate: 2 / 8,
      avgOrderValue: 100,
      avgResponseTime: 2250,
    });
  });

  test('the funnel gives each stage’s share of the one before and of the start', () => {
    const counters = addCounters(emptyCounters(), {
      conversationsStarted: 10,
      engagedConversations: 5,
      qualifiedConversations: 2,
      convertedConversations: 1,
    });
    expect(
      funnelSteps(counters).map((step) => [
        step.stage,
        step.count,
        step.rateFromPrevious,
        step.rateFromStart,
      ]),
    ).toEqual([
      ['CONVERSATIONS', 10, 1, 1],
      ['ENGAGED', 5, 0.5, 0.5],
      ['QUALIFIED', 2, 0.4, 0.2],
      ['CONVERTED', 1, 0.5, 0.1],
    ]);
    expect(funnelSteps(emptyCounters()).every((step) => step.rateFromPrevious === 0)).toBe(true);
  });
});

test('top reasons: largest change first, newest first among equals, three at most', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
  const reasons = [
    { signal: 'asked about price', delta: 10, at: at(1) },
    { signal: 'objection raised', delta: -5, at: at(2) },
    { signal: 'answered a qualification question', delta: 10, at: at(3) },
    { signal: 'owner: hot lead', delta: 40, at: at(4) },
  ];
  expect(topReasons(reasons).map((reason) => reason.signal)).toEqual([
    'owner: hot lead',
    'answered a qualification question',
    'asked about price',
  ]);
});

test('counter documents get ids derived from their key; ads are keyed by id, else source', () => {
  const user = new Types.ObjectId();
  expect(derivedId(user, null, 'facebook', '2026-01-01')).toEqual(
    derivedId(user, null, 'facebook', '2026-01-01'),
  );
  expect(derivedId(user, null, 'facebook', '2026-01-01')).not.toEqual(
    derivedId(user, null, 'facebook', '2026-01-02'),
  );
  expect(adKeyOf({ adId: '42', source: 'ADS' })).toBe('ad:42');
  expect(adKeyOf({ source: 'SHORTLINK' })).toBe('source:SHORTLINK');
  expect(adKeyOf({ headline: 'x' })).toBeUndefined();
});

test('a range whose business day falls past the year 9999 is refused, not a crash', () => {
  // 23:59 UTC on 9999-12-31 is already 10000-01-01 in Tokyo: no day key exists for it.
  const range = { from: new Date('9999-12-31T20:00:00Z'), to: new Date('9999-12-31T23:59:59Z') };
  expect(() => resolveRange(range, 'Asia/Tokyo')).toThrow(
    expect.objectContaining({ code: 'BAD_USER_INPUT' }),
  );
});
