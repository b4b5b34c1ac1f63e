import { mongo, Types } from 'mongoose';
import { redact, type DbmsCollection } from './collections';

const { EJSON } = mongo.BSON;

/** A stored document as the database manager shows it. */
export interface DocumentView {
  id: string;
  collection: string;
  ownerId: Types.ObjectId | null;
  json: string;
  preview: string;
  createdAt: Date;
}

export type RawDocument = Record<string, unknown> & { _id: Types.ObjectId };

const PREVIEW_LENGTH = 120;

/** Redacted, as canonical Extended JSON so ObjectIds, dates and number types survive. */
export function viewOf(entry: DbmsCollection, document: RawDocument): DocumentView {
  const shown = withBinarySizes(entry, redact(entry, document));
  return {
    id: String(document._id),
    collection: entry.name,
    ownerId: ownerOf(entry, document),
    json: EJSON.stringify(shown, { relaxed: false }),
    preview: previewOf(entry, shown),
    createdAt: createdAtOf(document),
  };
}

/** A customer's photo would be megabytes of base64 in the view: its size says enough. */
function withBinarySizes(entry: DbmsCollection, document: RawDocument): RawDocument {
  if (!entry.binary?.length) return document;
  const copy: RawDocument = { ...document };
  for (const field of entry.binary) {
    const value = copy[field];
    const size =
      value instanceof mongo.Binary
        ? value.length()
        : Buffer.isBuffer(value)
          ? value.length
          : undefined;
    if (size !== undefined) copy[field] = `[${size} bytes, kept whole in exports]`;
  }
  return copy;
}

/** The document's owner, by the collection's owner field. */
export function ownerOf(entry: DbmsCollection, document: RawDocument): Types.ObjectId | null {
  const owner = document[entry.ownerField];
  return owner instanceof Types.ObjectId ? owner : null;
}

/** The first searchable field with text, on one line; else the id. */
export function previewOf(entry: DbmsCollection, document: RawDocument): string {
  for (const path of entry.searchable) {
    const value = valueAt(document, path);
    if (typeof value !== 'string') continue;
    const line = value.replace(/\s+/g, ' ').trim();
    if (!line) continue;
    return line.length > PREVIEW_LENGTH ? `${line.slice(0, PREVIEW_LENGTH - 1)}…` : line;
  }
  return String(document._id);
}

function createdAtOf(document: RawDocument): Date {
  if (document.createdAt instanceof Date) return document.createdAt;
  if (document._id instanceof Types.ObjectId) return document._id.getTimestamp();
  return new Date(0);
}

function valueAt(document: Record<string, unknown>, path: string): unknown {
  let node: unknown = document;
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
