import { enforceLimits, MemoryRateLimitStore, type RateLimitStore } from '../../src/auth/rateLimit';
import { AppError } from '../../src/errors';

const WINDOW_MS = 60_000;
const START = new Date('2030-01-01T00:00:00Z').getTime();

beforeEach(() => {
  jest.useFakeTimers();
  jest.setSystemTime(START);
});
afterEach(() => {
  jest.useRealTimers();
});

async function rateLimitError(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected RATE_LIMITED, but the call was allowed');
}

describe('MemoryRateLimitStore', () => {
  test('counts hits per key within a window', async () => {
    const store = new MemoryRateLimitStore();
    expect(await store.hit('a', WINDOW_MS)).toEqual({ count: 1, resetAt: START + WINDOW_MS });
    expect((await store.hit('a', WINDOW_MS)).count).toBe(2);
    expect((await store.hit('b', WINDOW_MS)).count).toBe(1);
    expect((await store.hit('a', WINDOW_MS)).count).toBe(3);
  });

  test('the window is fixed: hits inside it do not move its reset time', async () => {
    const store = new MemoryRateLimitStore();
    await store.hit('a', WINDOW_MS);
    jest.setSystemTime(START + 30_000);
    expect(await store.hit('a', WINDOW_MS)).toEqual({ count: 2, resetAt: START + WINDOW_MS });
  });

  test('a window still counts one millisecond before it ends', async () => {
    const store = new MemoryRateLimitStore();
    await store.hit('a', WINDOW_MS);
    jest.setSystemTime(START + WINDOW_MS - 1);
    expect((await store.hit('a', WINDOW_MS)).count).toBe(2);
  });

  test('the count resets once the window has passed', async () => {
    const store = new MemoryRateLimitStore();
    await store.hit('a', WINDOW_MS);
    await store.hit('a', WINDOW_MS);
    jest.setSystemTime(START + WINDOW_MS);
    expect(await store.hit('a', WINDOW_MS)).toEqual({
      count: 1,
      resetAt: START + 2 * WINDOW_MS,
    });
  });

  test('returns a copy: changing the result does not change the stored count', async () => {
    const store = new MemoryRateLimitStore();
    const first = await store.hit('a', WINDOW_MS);
    first.count = 100;
    expect((await store.hit('a', WINDOW_MS)).count).toBe(2);
  });

  test('keeps counting live windows when there are many keys', async () => {
    const store = new MemoryRateLimitStore();
    await store.hit('kept', WINDOW_MS);
    for (let i = 0; i < 10_001; i++) await store.hit(`old-${i}`, 1000);
    jest.setSystemTime(START + 2000);
    // The sweep drops the expired keys; the live one keeps its count.
    expect((await store.hit('kept', WINDOW_MS)).count).toBe(2);
    expect((await store.hit('old-0', 1000)).count).toBe(1);
  });
});

describe('enforceLimits', () => {
  test('allows up to max hits, then throws RATE_LIMITED with a retry time', async () => {
    const store = new MemoryRateLimitStore();
    const limits = [{ key: 'email:ann@example.com', max: 3 }];
    for (let i = 0; i < 3; i++)
      await expect(enforceLimits(store, limits, WINDOW_MS)).resolves.toBeUndefined();

    const error = await rateLimitError(enforceLimits(store, limits, WINDOW_MS));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.details.retryAfterSeconds).toBe(60);
    expect(error.message).toContain('60 seconds');
  });

  test('retryAfterSeconds counts down with the window and is never below 1', async () => {
    const store = new MemoryRateLimitStore();
    const limits = [{ key: 'k', max: 1 }];
    await enforceLimits(store, limits, WINDOW_MS);

    jest.setSystemTime(START + 45_500);
    expect((await rateLimitError(enforceLimits(store, limits, WINDOW_MS))).details).toEqual({
      retryAfterSeconds: 15,
    });

    jest.setSystemTime(START + WINDOW_MS - 1);
    const last = await rateLimitError(enforceLimits(store, limits, WINDOW_MS));
    expect(last.details.retryAfterSeconds).toBe(1);
  });

  test('allows again once the window has passed', async () => {
    const store = new MemoryRateLimitStore();
    const limits = [{ key: 'k', max: 1 }];
    await enforceLimits(store, limits, WINDOW_MS);
    await expect(enforceLimits(store, limits, WINDOW_MS)).rejects.toBeInstanceOf(AppError);
    jest.setSystemTime(START + WINDOW_MS);
    await expect(enforceLimits(store, limits, WINDOW_MS)).resolves.toBeUndefined();
  });

  test('keys are independent', async () => {
    const store = new MemoryRateLimitStore();
    await enforceLimits(store, [{ key: 'email:a', max: 1 }], WINDOW_MS);
    await expect(
      enforceLimits(store, [{ key: 'email:a', max: 1 }], WINDOW_MS),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(
      enforceLimits(store, [{ key: 'email:b', max: 1 }], WINDOW_MS),
    ).resolves.toBeUndefined();
  });

  test('any one exhausted limit refuses, whichever position it has', async () => {
    const store = new MemoryRateLimitStore();
    const limits = [
      { key: 'ip:1.2.3.4', max: 100 },
      { key: 'email:ann@example.com', max: 2 },
    ];
    await enforceLimits(store, limits, WINDOW_MS);
    await enforceLimits(store, limits, WINDOW_MS);
    await expect(enforceLimits(store, limits, WINDOW_MS)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    // The same IP with another email is still within its own, larger limit.
    await expect(
      enforceLimits(
        store,
        [
          { key: 'ip:1.2.3.4', max: 100 },
          { key: 'email:bob@example.com', max: 2 },
        ],
        WINDOW_MS,
      ),
    ).resolves.toBeUndefined();
  });

  test('uses the window it is given and the store it is given', async () => {
    const hits: [string, number][] = [];
    const store: RateLimitStore = {
      async hit(key, windowMs) {
        hits.push([key, windowMs]);
        return { count: 1, resetAt: Date.now() + windowMs };
      },
      async peek() {
        return { count: 0, resetAt: Date.now() };
      },
    };
    await enforceLimits(
      store,
      [
        { key: 'x', max: 5 },
        { key: 'y', max: 5 },
      ],
      1234,
    );
    expect(hits).toEqual([
      ['x', 1234],
      ['y', 1234],
    ]);
  });
});
