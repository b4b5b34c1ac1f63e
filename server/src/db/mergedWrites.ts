import type { Model } from 'mongoose';
import { databaseEngine } from './engine';
import { writeFailuresOf, type WriteFailure } from './writeErrors';

/*
 * Group commit for the embedded engine. FerretDB's cost is mostly per command (measured:
 * an insert of one document ~1.7 ms, of ten ~2.2 ms; a `$inc` by `_id` ~2.8 ms) and the
 * server talks to it over one connection, so under load the pipeline's writes queue up.
 * Writes that can be merged without changing their meaning are: an insert made while an
 * insert into the same collection is on its way joins the next one; a `$inc` on a document
 * that has one on its way is added to the next. Every caller still resolves only once its
 * own write is stored, so nothing is held back or lost in a crash. On MongoDB each call is
 * its own command, as written.
 */

const merging = () => databaseEngine() === 'ferretdb';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any>;

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

interface InsertCall extends Waiter<WriteFailure[]> {
  documents: object[];
}

interface InsertLane {
  /** Batches sent and not answered yet: at most LANE_DEPTH. */
  inFlight: number;
  next: InsertCall[];
}

/**
 * Two batches on their way at once: a call made while one is queued behind other commands
 * goes out at once in a second, rather than waiting for the first's answer and then for
 * its own turn (measured: the webhook ack's p50 ~60 ms -> see the closing note).
 */
const LANE_DEPTH = 2;

const insertLanes = new WeakMap<AnyModel, InsertLane>();

/**
 * An unordered insertMany of `documents` (plain objects or the model's documents, which get
 * their defaults and timestamps as with insertMany). Resolves to the documents the database
 * refused, by their index in `documents` (a failure that names no document, index -1, is
 * given to every caller of the batch); rejects when the error is not about documents.
 */
export function insertUnordered(model: AnyModel, documents: object[]): Promise<WriteFailure[]> {
  if (documents.length === 0) return Promise.resolve([]);
  if (!merging()) return insertOnce(model, documents);
  let lane = insertLanes.get(model);
  if (!lane) {
    lane = { inFlight: 0, next: [] };
    insertLanes.set(model, lane);
  }
  const queued = lane;
  return new Promise((resolve, reject) => {
    queued.next.push({ documents, resolve, reject });
    if (queued.inFlight < LANE_DEPTH) void drainInserts(model, queued);
  });
}

async function drainInserts(model: AnyModel, lane: InsertLane): Promise<void> {
  lane.inFlight++;
  while (lane.next.length > 0) await insertBatch(model, lane.next.splice(0));
  lane.inFlight--;
}

/** One insertMany for all `calls`, each settled with the failures of its own documents. */
async function insertBatch(model: AnyModel, calls: InsertCall[]): Promise<void> {
  let failures: WriteFailure[];
  try {
    failures = await insertOnce(
      model,
      calls.flatMap((call) => call.documents),
    );
  } catch (error) {
    for (const call of calls) call.reject(error);
    return;
  }
  // One pass over the failures in index order, beside the calls in order: linear in both.
  const unplaced = failures.filter((f) => f.index < 0);
  const placed = failures.filter((f) => f.index >= 0).sort((a, b) => a.index - b.index);
  let next = 0;
  let start = 0;
  for (const call of calls) {
    const end = start + call.documents.length;
    const own = [...unplaced];
    for (; next < placed.length && placed[next]!.index < end; next++) {
      own.push({ ...placed[next]!, index: placed[next]!.index - start });
    }
    call.resolve(own);
    start = end;
  }
}

async function insertOnce(model: AnyModel, documents: object[]): Promise<WriteFailure[]> {
  try {
    // Without the flag mongoose would skip an invalid document silently.
    await model.insertMany(documents, { ordered: false, throwOnValidationError: true });
    return [];
  } catch (error) {
    const failures = writeFailuresOf(error);
    if (failures.length === 0) throw error;
    return failures;
  }
}

interface IncrementCall extends Waiter<boolean> {
  inc: Record<string, number>;
}

interface IncrementLane {
  next: IncrementCall[];
}

const incrementLanes = new WeakMap<AnyModel, Map<string, IncrementLane>>();

/**
 * `$inc` on the document with this `_id`, through the model (its middleware and
 * timestamps apply). Resolves to whether the document was there: when it was not, nothing
 * was applied, for this caller or any it was merged with.
 */
export async function incrementById(
  model: AnyModel,
  _id: unknown,
  inc: Record<string, number>,
): Promise<boolean> {
  if (!merging()) return (await model.updateOne({ _id }, { $inc: inc })).matchedCount > 0;
  let lanes = incrementLanes.get(model);
  if (!lanes) {
    lanes = new Map();
    incrementLanes.set(model, lanes);
  }
  const key = String(_id);
  const running = lanes.get(key);
  if (running) {
    return new Promise((resolve, reject) => running.next.push({ inc, resolve, reject }));
  }
  const lane: IncrementLane = { next: [] };
  lanes.set(key, lane);
  try {
    return (await model.updateOne({ _id }, { $inc: inc })).matchedCount > 0;
  } finally {
    void drainIncrements(model, _id, lanes, key, lane);
  }
}

async function drainIncrements(
  model: AnyModel,
  _id: unknown,
  lanes: Map<string, IncrementLane>,
  key: string,
  lane: IncrementLane,
): Promise<void> {
  while (lane.next.length > 0) {
    const calls = lane.next.splice(0);
    const inc: Record<string, number> = {};
    for (const call of calls) {
      for (const [path, value] of Object.entries(call.inc)) inc[path] = (inc[path] ?? 0) + value;
    }
    try {
      const matched = (await model.updateOne({ _id }, { $inc: inc })).matchedCount > 0;
      for (const call of calls) call.resolve(matched);
    } catch (error) {
      for (const call of calls) call.reject(error);
    }
  }
  lanes.delete(key);
}

/**
 * `model.create(fields)` for one document, merged like insertUnordered; resolves to the
 * stored document as a plain object. A refusal rejects with its code (a duplicate key:
 * 11000, as `create` would).
 */
export async function createOne<T>(model: Model<T>, fields: object): Promise<T> {
  const document = new model(fields);
  // Here, so an invalid document is this caller's error and never enters a shared batch.
  await document.validate();
  const [failure] = await insertUnordered(model as AnyModel, [document]);
  if (failure) throw Object.assign(new Error(failure.message), { code: failure.code });
  return document.toObject() as T;
}
