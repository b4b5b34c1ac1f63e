import type { ExecutionResult } from 'graphql';
import { frames, type Operation, type WsConnection } from './wsProtocol';

/*
 * Subscriptions that select the same thing share one execution. A selection is the
 * operation document, its operation name and variables, and the subscriber's scope (who
 * the user is and their role, all that the resolvers may look at): subscribers with the
 * same selection would get byte-for-byte the same results, so the selection subscribes
 * once, each event is executed once, its result serialized once, and every subscriber is
 * sent those bytes inside its own `{"id":...,"type":"next","payload":...}` envelope.
 * Subscribers whose scope differs never share a selection, so never see each other's events.
 */

/**
 * One distinct selection's execution, as websocket.ts builds it for the first subscriber:
 * one object (no closures) per selection, as it lives as long as its subscribers.
 */
export interface Selection {
  /** Everything the results depend on (see above), as one string. */
  readonly key: string;
  /** Subscribes once for all: the source event stream, or a single result (a refusal). */
  start(): Promise<AsyncIterator<unknown> | ExecutionResult>;
  /** The source's next event. */
  next(source: AsyncIterator<unknown>): Promise<IteratorResult<unknown>>;
  /** Resolves one event into the result every subscriber of the selection gets. */
  execute(event: unknown): Promise<ExecutionResult> | ExecutionResult;
  /** A result as the JSON of a `next` payload, sent to `receivers` subscribers. */
  payload(result: ExecutionResult, receivers: number): string;
  /** The stream failed: the JSON of an `error` payload (an array of errors). */
  failure(error: unknown, receivers: number): string;
}

/** Counts subscriptions that are live (listening); the app's gauge. */
export interface LiveCounter {
  inc(): void;
  dec(): void;
}

class Member implements Operation {
  live = false;
  /** Its place in the group's list (for removal in constant time). */
  index = -1;

  /** Set as it joins. */
  group: Group | undefined = undefined;

  constructor(
    readonly connection: WsConnection,
    readonly id: string,
  ) {}

  stop(): void {
    this.group?.leave(this);
  }
}

/**
 * The subscribers of one selection and the one execution they share. Driven by promise
 * callbacks rather than an async loop: a suspended async function per selection would
 * cost several times these few fields.
 */
class Group {
  /**
   * An array, not a Set: most selections have one subscriber, and a Set costs ~220 bytes.
   * Made with its first member, so it is allocated for one (an empty array grows to 17).
   */
  readonly members: Member[];
  private source: AsyncIterator<unknown> | undefined = undefined;
  /** The source is listening: members joining now get every later event. */
  private ready = false;
  /** Ended, or left by every member: it sends nothing more. */
  private closed = false;

  constructor(
    private readonly hub: SharedSubscriptions,
    readonly selection: Selection,
    private readonly live: LiveCounter,
    first: Member,
  ) {
    this.members = [first];
    first.index = 0;
  }

  add(member: Member): void {
    member.index = this.members.push(member) - 1;
    if (this.ready) this.goLive(member);
  }

  leave(member: Member): void {
    const { members } = this;
    if (members[member.index] !== member) return;
    const last = members.pop()!;
    if (last !== member) {
      members[member.index] = last;
      last.index = member.index;
    }
    member.index = -1;
    this.goDead(member);
    if (members.length === 0) this.close();
  }

  /** No one listens any more: the source is returned, the group forgotten. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.hub.forget(this);
    for (const member of this.members) this.goDead(member);
    this.members.length = 0;
    const source = this.source;
    this.source = undefined;
    if (source?.return) Promise.resolve(source.return()).catch(() => undefined);
  }

  /** Subscribes, then pulls events one at a time. */
  start(): void {
    let started;
    try {
      started = this.selection.start();
    } catch (error) {
      return this.fail(error);
    }
    started.then((source) => this.started(source), this.onFailure);
  }

  private started(source: AsyncIterator<unknown> | ExecutionResult): void {
    if (!isAsyncIterator(source)) {
      // Refused when subscribing (not signed in, not the caller's chat): said once to all.
      const payload = this.selection.payload(source, this.members.length);
      const complete = (member: Member) => [
        frames.next(JSON.stringify(member.id), payload),
        frames.complete(JSON.stringify(member.id)),
      ];
      return this.end(complete);
    }
    if (this.closed) {
      // Everyone left while it was subscribing.
      if (source.return) Promise.resolve(source.return()).catch(() => undefined);
      return;
    }
    this.source = source;
    this.pull();
  }

  private pull(): void {
    const source = this.source;
    if (!source || this.closed) return;
    let next;
    try {
      next = this.selection.next(source);
    } catch (error) {
      return this.fail(error);
    }
    if (!this.ready) {
      // The first next() has the source listen: from now on no event is missed.
      this.ready = true;
      for (const member of this.members) this.goLive(member);
    }
    next.then(this.onEvent, this.onFailure);
  }

  private readonly onEvent = (step: IteratorResult<unknown>): void => {
    if (this.closed) return;
    if (step.done) return this.end((member) => [frames.complete(JSON.stringify(member.id))]);
    void this.deliver(step.value);
  };

  /** Executes one event, sends the result to every member, then waits for the next event. */
  private async deliver(event: unknown): Promise<void> {
    let result;
    try {
      result = await this.selection.execute(event);
    } catch (error) {
      return this.fail(error);
    }
    if (this.closed) return;
    this.broadcast(result);
    this.pull();
  }

  private readonly onFailure = (error: unknown): void => this.fail(error);

  private broadcast(result: ExecutionResult): void {
    const payload = this.selection.payload(result, this.members.length);
    for (const member of this.members) {
      member.connection.send(frames.next(JSON.stringify(member.id), payload));
    }
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    const errors = this.selection.failure(error, this.members.length);
    this.end((member) => [frames.error(JSON.stringify(member.id), errors)]);
  }

  /** Sends each member its last frames and frees their operation ids. */
  private end(last: (member: Member) => string[]): void {
    if (this.closed) return;
    const members = [...this.members];
    this.close();
    for (const member of members) member.connection.finish(member.id, last(member), member);
  }

  private goLive(member: Member): void {
    if (member.live) return;
    member.live = true;
    this.live.inc();
  }

  private goDead(member: Member): void {
    if (!member.live) return;
    member.live = false;
    this.live.dec();
  }
}

/** The live selections of one server, by key. */
export class SharedSubscriptions {
  private readonly groups = new Map<string, Group>();

  constructor(private readonly live: LiveCounter) {}

  /**
   * Subscribes `id` of `connection` (reserved there) to `selection`: into its group if one
   * exists, else a new group that subscribes once. False if the id was given up meanwhile.
   */
  join(connection: WsConnection, id: string, selection: Selection): boolean {
    const existing = this.groups.get(selection.key);
    const member = new Member(connection, id);
    if (!connection.attach(id, member)) return false;
    if (existing) {
      member.group = existing;
      existing.add(member);
      return true;
    }
    const group = new Group(this, selection, this.live, member);
    member.group = group;
    this.groups.set(selection.key, group);
    group.start();
    return true;
  }

  /** Called by a group that closed. */
  forget(group: Group): void {
    if (this.groups.get(group.selection.key) === group) this.groups.delete(group.selection.key);
  }

  /** At shutdown: every source is returned, nothing more is sent. */
  dispose(): void {
    for (const group of [...this.groups.values()]) group.close();
  }
}

const isAsyncIterator = (
  value: AsyncIterator<unknown> | ExecutionResult,
): value is AsyncIterator<unknown> => typeof (value as AsyncIterator<unknown>).next === 'function';
