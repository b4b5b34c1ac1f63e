import type { PubSubEvent, PubSubEventTarget } from '@graphql-yoga/subscription';
import type { Events } from './pubsub';

/*
 * Topic subscriptions kept small: every idle subscriber holds one of these for as long as
 * its socket is open. @graphql-yoga/subscription's createPubSub costs 1,656 bytes of heap
 * per subscription (a Repeater and an EventTarget listener each, measured on Node 20);
 * here a subscriber is one small iterator in its topic's list, and a topic is one
 * listener on the event target however many subscribers it has.
 *
 * Topic names are yoga's, `<routing key>:<id>`, so processes on either side of an upgrade
 * still hear each other over Redis.
 */

type Listener = (event: Event) => void;

/** One subscriber's events, in order, as an async iterator. */
export class TopicSubscription<T> implements AsyncIterableIterator<T> {
  /** Events not yet pulled (the subscriber is busy with an earlier one). */
  private queue: T[] | undefined = undefined;
  private waiting: ((step: IteratorResult<T>) => void) | undefined = undefined;
  private listening = false;
  private done = false;
  /** Its place in its topic's list, when the topic has several (removal in constant time). */
  slot = -1;

  constructor(
    private readonly topics: Topics,
    readonly name: string,
  ) {}

  /** Listens from the first pull on (as graphql's subscribe and yoga's Repeater do). */
  next(): Promise<IteratorResult<T>> {
    if (!this.listening && !this.done) {
      this.listening = true;
      this.topics.add(this as TopicSubscription<unknown>);
    }
    if (this.queue && this.queue.length > 0) {
      return Promise.resolve({ value: this.queue.shift()!, done: false });
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    this.end();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** An event of its topic. */
  push(event: T): void {
    if (this.done) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting({ value: event, done: false });
    } else {
      (this.queue ??= []).push(event);
    }
  }

  private end(): void {
    if (this.done) return;
    this.done = true;
    this.queue = undefined;
    if (this.listening) this.topics.remove(this as TopicSubscription<unknown>);
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: undefined, done: true });
  }
}

/** A topic's subscribers: one kept as itself, several in an array (most topics have one). */
type Subscribers = TopicSubscription<unknown> | TopicSubscription<unknown>[];

/**
 * The process's topics. Without an event target, publishing delivers here at once; with
 * one (Redis), publishing goes to the target, and each topic listens on it once.
 */
export class Topics {
  private readonly subscribers = new Map<string, Subscribers>();
  private readonly listener: Listener = (event) =>
    this.deliver(event.type, (event as CustomEvent).detail);

  constructor(private readonly target?: PubSubEventTarget<Events>) {}

  publish(name: string, payload: unknown): void {
    if (!this.target) return this.deliver(name, payload);
    this.target.dispatchEvent(
      new CustomEvent(name, { detail: payload }) as PubSubEvent<Events, keyof Events>,
    );
  }

  subscribe<T>(name: string): TopicSubscription<T> {
    return new TopicSubscription<T>(this, name);
  }

  add(subscription: TopicSubscription<unknown>): void {
    const entry = this.subscribers.get(subscription.name);
    if (!entry) {
      this.subscribers.set(subscription.name, subscription);
      this.target?.addEventListener(subscription.name, this.listener);
    } else if (Array.isArray(entry)) {
      subscription.slot = entry.push(subscription) - 1;
    } else {
      entry.slot = 0;
      subscription.slot = 1;
      this.subscribers.set(subscription.name, [entry, subscription]);
    }
  }

  remove(subscription: TopicSubscription<unknown>): void {
    const { name } = subscription;
    const entry = this.subscribers.get(name);
    if (Array.isArray(entry)) {
      if (entry[subscription.slot] !== subscription) return;
      const last = entry.pop()!;
      if (last !== subscription) {
        entry[subscription.slot] = last;
        last.slot = subscription.slot;
      }
      subscription.slot = -1;
      if (entry.length === 1) {
        entry[0]!.slot = -1;
        this.subscribers.set(name, entry[0]!);
      }
      return;
    }
    if (entry !== subscription) return;
    this.subscribers.delete(name);
    this.target?.removeEventListener(name, this.listener);
  }

  private deliver(name: string, payload: unknown): void {
    const entry = this.subscribers.get(name);
    if (!entry) return;
    if (!Array.isArray(entry)) return entry.push(payload);
    // A copy: a subscriber may leave while it is handed the event.
    for (const subscription of [...entry]) subscription.push(payload);
  }
}
