import { Error as MongooseError, isObjectIdOrHexString, Types } from 'mongoose';
import type { Scope } from '../../auth/ownership';
import type { DbmsCollection } from './collections';
import { isPlainObject } from './recordReader';

/** A record ready to be checked against the database: owner forced, secrets dropped. */
export interface PreparedDocument {
  document: Record<string, unknown>;
  id: Types.ObjectId;
  /** Paths whose stored value is kept on update and left to defaults on insert. */
  kept: readonly string[];
}

/**
 * Why `scope` may not import into `entry` at all, or undefined. Refresh tokens are session
 * state whose only content is redacted; a collection without an owner field is everyone's.
 */
export function importRefusal(entry: DbmsCollection, scope: Scope): string | undefined {
  if (entry.name === 'refreshtokens') {
    return 'Refresh tokens are not importable: signing in creates new ones.';
  }
  if (scope.userId && !entry.model.schema.path(entry.ownerField)) {
    return `Only an admin importing for all users can write ${entry.name}.`;
  }
  return undefined;
}

/**
 * Inbound events are work orders: the worker takes pending ones and routes them by the
 * page id in their payload, not by `userId`, so a pending event imported by one user could
 * write into another user's chats. A scoped import only brings back finished ones (history).
 */
const FINISHED_EVENTS: readonly unknown[] = ['done', 'failed'];

/** Fields a user may not set on their own profile: who they are and what they may do. */
const OWN_PROFILE_KEPT = ['email', 'role'];

/**
 * Applies the import rules to one document before any lookup: redacted fields are never
 * written from a file (the stored value stays), the owner is forced to the scope's user,
 * and in `users` a scoped import may only touch that user's profile.
 */
export function prepareDocument(
  entry: DbmsCollection,
  source: Record<string, unknown>,
  scope: Scope,
): PreparedDocument | { reason: string } {
  const document = { ...source };
  const kept = [...entry.redacted];
  if (entry.name === 'users' && !scope.isAdmin) kept.push(...OWN_PROFILE_KEPT);
  for (const path of kept) unsetPath(document, path);

  if (document._id !== undefined && !isObjectIdOrHexString(document._id)) {
    return { reason: '_id must be an ObjectId.' };
  }
  if (
    scope.userId &&
    entry.name === 'inboundevents' &&
    !FINISHED_EVENTS.includes(document.status)
  ) {
    return { reason: 'Only finished inbound events (done or failed) can be imported.' };
  }
  if (scope.userId) {
    if (entry.ownerField === '_id') {
      if (document._id !== undefined && !scope.userId.equals(String(document._id))) {
        return {
          reason: scope.isAdmin
            ? 'Only the named user’s own profile can be imported.'
            : 'Only your own profile can be imported.',
        };
      }
      document._id = scope.userId;
    } else {
      document[entry.ownerField] = scope.userId;
    }
  }
  const id =
    document._id === undefined ? new Types.ObjectId() : new Types.ObjectId(String(document._id));
  document._id = id;
  return { document, id, kept };
}

/**
 * The document as it will be written: on update, the kept paths take the stored values;
 * then it is cast and validated by the model (defaults, enums, required fields), the way
 * the app itself would create it. Keys MongoDB-compatible engines refuse are rejected.
 */
export async function finalDocument(
  entry: DbmsCollection,
  prepared: PreparedDocument,
  stored: Record<string, unknown> | undefined,
): Promise<{ document: Record<string, unknown> } | { reason: string }> {
  const merged = { ...prepared.document };
  if (stored) {
    for (const path of prepared.kept) {
      const value = getPath(stored, path);
      if (value !== undefined) setPath(merged, path, value);
    }
  }
  const doc = new entry.model(merged);
  (doc as { initializeTimestamps?: () => void }).initializeTimestamps?.();
  try {
    await doc.validate();
  } catch (error) {
    if (error instanceof MongooseError.ValidationError) {
      return { reason: validationReason(entry, error, stored !== undefined) };
    }
    throw error;
  }
  const document = doc.toObject({ depopulate: true, flattenMaps: true }) as Record<string, unknown>;
  const badKey = findBadKey(document);
  if (badKey)
    return { reason: `Field name "${badKey}" is not allowed (starts with $ or has a dot).` };
  return { document };
}

function validationReason(
  entry: DbmsCollection,
  error: InstanceType<typeof MongooseError.ValidationError>,
  updating: boolean,
): string {
  return Object.entries(error.errors)
    .map(([path, problem]) => {
      if (!updating && entry.redacted.includes(path) && problem.kind === 'required') {
        return `${path} is redacted in exports and required, so this document cannot be created from one.`;
      }
      return problem.message.length > 200 ? `${problem.message.slice(0, 200)}…` : problem.message;
    })
    .join(' ');
}

/** The first key (dotted path) that starts with `$` or contains a dot, at any depth. */
function findBadKey(value: unknown, prefix = ''): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const bad = findBadKey(item, prefix);
      if (bad) return bad;
    }
    return undefined;
  }
  if (!isPlainObject(value)) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (key.startsWith('$') || key.includes('.')) return path;
    const bad = findBadKey(child, path);
    if (bad) return bad;
  }
  return undefined;
}

function getPath(document: Record<string, unknown>, path: string): unknown {
  let node: unknown = document;
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function setPath(document: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = document;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node[part] = isPlainObject(next) ? { ...next } : {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

function unsetPath(document: Record<string, unknown>, path: string): void {
  const parts = path.split('.');
  let node: Record<string, unknown> = document;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (!isPlainObject(next)) return;
    // Copy on the way down: the caller's parsed record is not ours to change.
    node[part] = { ...next };
    node = node[part] as Record<string, unknown>;
  }
  delete node[parts[parts.length - 1]!];
}
