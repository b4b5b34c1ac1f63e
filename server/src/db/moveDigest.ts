import { createHash } from 'node:crypto';
import { mongo } from 'mongoose';

const { EJSON } = mongo.BSON;

/**
 * Reads documents with their BSON types as stored: an Int32, a Double and a Long stay
 * distinct (promoted, 2.0 would come back as the int 2), regexes keep their flags.
 */
export const EXACT_TYPES = {
  promoteValues: false,
  promoteLongs: false,
  promoteBuffers: false,
  bsonRegExp: true,
} as const;

const MASK = (1n << 256n) - 1n;

/**
 * A collection's count and checksum: the sum, mod 2^256, of every document's sha256 over
 * its canonical Extended JSON (which spells out every BSON type). A sum does not depend on
 * the order documents are read in, so neither side is sorted: on FerretDB's SQLite backend
 * a sort is done in memory over the whole collection. `_id`s are unique, so no document is
 * counted twice, and the count is compared beside it.
 *
 * JavaScript objects put integer-like keys ("7") first: a free-form payload with such keys
 * is copied with them reordered (values and types unchanged), identically on both sides.
 */
export class CollectionDigest {
  count = 0;
  private sum = 0n;

  /** Adds one document; answers the size of its JSON, to bound batches by. */
  add(document: mongo.Document): number {
    const json = EJSON.stringify(document, { relaxed: false });
    const hash = createHash('sha256').update(json).digest('hex');
    this.sum = (this.sum + BigInt(`0x${hash}`)) & MASK;
    this.count++;
    return json.length;
  }

  hex(): string {
    return this.sum.toString(16).padStart(64, '0');
  }

  static async of(collection: mongo.Collection, batchSize: number): Promise<CollectionDigest> {
    const digest = new CollectionDigest();
    const cursor = collection.find({}, { ...EXACT_TYPES, batchSize });
    try {
      for await (const document of cursor) digest.add(document);
    } finally {
      await cursor.close();
    }
    return digest;
  }
}
