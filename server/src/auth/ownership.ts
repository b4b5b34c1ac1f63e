import { Types } from 'mongoose';
import { forbidden, unauthenticated } from '../errors';
import { Role } from '../modules/users/user.model';
import type { RequestContext } from './context';

/**
 * Whose documents an operation may touch. Services take a Scope and filter every read
 * and write with `ownerFilter`, so ownership is enforced below the transport.
 */
export interface Scope {
  /** The caller. */
  actorId: Types.ObjectId;
  isAdmin: boolean;
  /** Only this owner's documents; undefined means every owner's (admins only). */
  userId?: Types.ObjectId;
}

/**
 * The caller's scope: their own documents, or for an admin everyone's, optionally
 * narrowed to `userId`. A non-admin naming another user is refused.
 */
export function scopeOf(context: RequestContext, userId?: Types.ObjectId | null): Scope {
  if (!context.user) throw unauthenticated();
  const actorId = new Types.ObjectId(context.user.id);
  const isAdmin = context.user.role === Role.ADMIN;
  if (isAdmin) return { actorId, isAdmin, userId: userId ?? undefined };
  if (userId && !userId.equals(actorId)) throw forbidden('Only admins can act for another user.');
  return { actorId, isAdmin, userId: actorId };
}

/** The caller's own scope, even for admins: for documents created on their behalf. */
export function ownScope(context: RequestContext): Scope {
  const scope = scopeOf(context);
  return { ...scope, userId: scope.actorId };
}

/** The scope of an owner acting on their own documents (the server's jobs on their behalf). */
export const ownScopeOf = (userId: Types.ObjectId): Scope => ({
  actorId: userId,
  isAdmin: false,
  userId,
});

export const ownerFilter = (scope: Scope): { userId?: Types.ObjectId } =>
  scope.userId ? { userId: scope.userId } : {};

/** The owner for new documents: the named user for admins acting for one, else the caller. */
export const ownerOf = (scope: Scope): Types.ObjectId => scope.userId ?? scope.actorId;

/**
 * Whether the scope may see this document. Reads by `_id` then this check, rather than
 * one query on `{ _id, userId }`: FerretDB's SQLite backend serves only an exact `_id`
 * filter from its index, and any other (that one included) reads the whole collection.
 */
export const inScope = (scope: Scope, document: { userId?: Types.ObjectId } | null) =>
  document !== null && (!scope.userId || (document.userId?.equals(scope.userId) ?? false));
