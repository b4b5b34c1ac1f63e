import type { PubSubEventTarget } from '@graphql-yoga/subscription';
import type { Events } from '../../src/realtime/pubsub';
import { createMemoryPubSub, createSharedPubSub } from '../../src/realtime/pubsub';
import { Topics } from '../../src/realtime/topics';
import { createLogger } from '../../src/logger';

const logger = createLogger('silent');

/** An event target that counts its listeners per topic, as Redis channels would be. */
function countingTarget() {
  const target = new EventTarget();
  const listeners = new Map<string, number>();
  const counted = {
    addEventListener: (type: string, listener: (event: Event) => void) => {
      listeners.set(type, (listeners.get(type) ?? 0) + 1);
      target.addEventListener(type, listener);
    },
    removeEventListener: (type: string, listener: (event: Event) => void) => {
      listeners.set(type, (listeners.get(type) ?? 0) - 1);
      target.removeEventListener(type, listener);
    },
    dispatchEvent: (event: Event) => target.dispatchEvent(event),
  };
  return { target: counted as unknown as PubSubEventTarget<Events>, listeners };
}

describe('topic pub/sub', () => {
  it('delivers each event of a topic, in order, from the first pull on', async () => {
    const pubsub = createMemoryPubSub(logger);
    const events = pubsub.subscribe('chatUpdated', 'u1');
    pubsub.publish('chatUpdated', 'u1', { chatId: 'before', userId: 'u1' });
    const first = events.next();
    pubsub.publish('chatUpdated', 'u1', { chatId: 'c1', userId: 'u1' });
    pubsub.publish('chatUpdated', 'u1', { chatId: 'c2', userId: 'u1' });
    pubsub.publish('chatUpdated', 'u2', { chatId: 'other', userId: 'u2' });
    expect((await first).value).toEqual({ chatId: 'c1', userId: 'u1' });
    expect((await events.next()).value).toEqual({ chatId: 'c2', userId: 'u1' });
    await events.return!();
    expect(await events.next()).toEqual({ value: undefined, done: true });
  });

  it('copies per-user events to the admins topic', async () => {
    const pubsub = createMemoryPubSub(logger);
    const admin = pubsub.subscribe('statsUpdated', '*');
    const pending = admin.next();
    pubsub.publish('statsUpdated', 'u9', { userId: 'u9' });
    expect((await pending).value).toEqual({ userId: 'u9' });
  });

  it('ends a waiting pull when returned, and forgets the subscriber', async () => {
    const topics = new Topics();
    const a = topics.subscribe<string>('t');
    const waiting = a.next();
    await a.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    const b = topics.subscribe<string>('t');
    const next = b.next();
    topics.publish('t', 'x');
    expect((await next).value).toBe('x');
  });

  it('keeps every other subscriber when some of many leave, one listener per topic', async () => {
    const { target, listeners } = countingTarget();
    const topics = new Topics(target);
    const all = Array.from({ length: 50 }, () => topics.subscribe<number>('t'));
    const pulls = all.map((subscription) => subscription.next());
    expect(listeners.get('t')).toBe(1);
    for (const [index, subscription] of all.entries()) {
      if (index % 3 === 0) await subscription.return();
    }
    topics.publish('t', 7);
    const results = await Promise.all(pulls);
    results.forEach((result, index) =>
      expect(result).toEqual(
        index % 3 === 0 ? { value: undefined, done: true } : { value: 7, done: false },
      ),
    );
    for (const subscription of all) await subscription.return();
    expect(listeners.get('t')).toBe(0);
  });

  it('goes through the shared target both ways', async () => {
    const { target } = countingTarget();
    const pubsub = createSharedPubSub(target, logger);
    const events = pubsub.subscribe('messageAdded', 'c1');
    const next = events.next();
    pubsub.publish('messageAdded', 'c1', { chatId: 'c1', userId: 'u', messageId: 'm' });
    expect((await next).value).toEqual({ chatId: 'c1', userId: 'u', messageId: 'm' });
  });
});
