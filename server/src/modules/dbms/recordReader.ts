import { StringDecoder } from 'node:string_decoder';
import { mongo } from 'mongoose';

const { EJSON } = mongo.BSON;

/** One record's text and the line of the input it starts on (1-based). */
export interface RawRecord {
  line: number;
  text: string;
}

/** A record (line or array element) longer than the reader accepts. */
export class RecordTooLargeError extends Error {
  constructor(
    readonly line: number,
    readonly maxChars: number,
  ) {
    super(`The record on line ${line} is longer than ${Math.round(maxChars / 1024 / 1024)} MB.`);
    this.name = 'RecordTooLargeError';
  }
}

/** MongoDB's own document limit, with room for the record wrapper and Extended JSON. */
export const DEFAULT_MAX_RECORD_CHARS = 32 * 1024 * 1024;

/**
 * Splits a stream into records as it arrives, never holding more than one record: NDJSON
 * (one record a line; blank lines ignored) or, when the first non-blank character is `[`,
 * one JSON array of records in any layout. Records are not parsed here: a malformed one is
 * still yielded, so its line can be reported and the rest goes on.
 */
export async function* readRecords(
  source: AsyncIterable<Buffer | string>,
  maxChars = DEFAULT_MAX_RECORD_CHARS,
): AsyncGenerator<RawRecord> {
  const decoder = new StringDecoder('utf8');
  let splitter: Splitter | undefined;
  let head = '';
  let leadingLines = 0;
  const feed = function* (text: string): Generator<RawRecord> {
    if (!splitter) {
      // Decide the layout on the first non-blank character.
      head += text;
      const first = head.search(/\S/);
      if (first < 0) {
        leadingLines += countLines(head, head.length);
        head = '';
        return;
      }
      leadingLines += countLines(head, first);
      const rest = head.slice(first);
      head = '';
      splitter =
        rest[0] === '['
          ? new ArraySplitter(maxChars, leadingLines)
          : new LineSplitter(maxChars, leadingLines);
      yield* splitter.feed(rest);
      return;
    }
    yield* splitter.feed(text);
  };
  for await (const chunk of source) {
    yield* feed(typeof chunk === 'string' ? chunk : decoder.write(chunk));
  }
  yield* feed(decoder.end());
  if (splitter) yield* splitter.finish();
}

function countLines(text: string, end: number): number {
  let lines = 0;
  for (
    let index = text.indexOf('\n');
    index >= 0 && index < end;
    index = text.indexOf('\n', index + 1)
  )
    lines++;
  return lines;
}

interface Splitter {
  feed(text: string): Generator<RawRecord>;
  finish(): Generator<RawRecord>;
}

class LineSplitter implements Splitter {
  private partial = '';
  private line: number;

  constructor(
    private readonly maxChars: number,
    skippedLines: number,
  ) {
    this.line = skippedLines + 1;
  }

  *feed(text: string): Generator<RawRecord> {
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      const piece = this.partial + text.slice(start, end);
      this.partial = '';
      start = end + 1;
      yield* this.emit(piece);
    }
    this.partial += text.slice(start);
    if (this.partial.length > this.maxChars)
      throw new RecordTooLargeError(this.line, this.maxChars);
  }

  *finish(): Generator<RawRecord> {
    if (this.partial) yield* this.emit(this.partial);
    this.partial = '';
  }

  private *emit(piece: string): Generator<RawRecord> {
    const line = this.line++;
    const text = piece.endsWith('\r') ? piece.slice(0, -1) : piece;
    if (text.trim()) yield { line, text };
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

/**
 * The elements of one top-level JSON array, found by tracking nesting and strings only:
 * each element is parsed (and its errors reported) later, like an NDJSON line.
 */
class ArraySplitter implements Splitter {
  private line: number;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Text of the element being read, from earlier chunks. */
  private element = '';
  private inElement = false;
  private elementLine = 0;
  /** Past the closing bracket: nothing more is read. */
  private ended = false;

  constructor(
    private readonly maxChars: number,
    skippedLines: number,
  ) {
    this.line = skippedLines + 1;
  }

  *feed(text: string): Generator<RawRecord> {
    if (this.ended) return;
    let start = this.inElement ? 0 : -1;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code === NEWLINE) this.line++;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (code === BACKSLASH) this.escaped = true;
        else if (code === QUOTE) this.inString = false;
        continue;
      }
      if (this.depth === 0) {
        // Before the array ("[" is the first non-blank character) or after its end.
        if (code === OPEN_BRACKET) this.depth = 1;
        else if (!isBlank(code)) {
          yield* this.trailing(text.slice(index));
          return;
        }
        continue;
      }
      if (this.depth === 1 && !this.inElement) {
        if (isBlank(code) || code === COMMA) continue;
        if (code === CLOSE_BRACKET) {
          this.depth = 0;
          continue;
        }
        this.inElement = true;
        this.elementLine = this.line;
        start = index;
      }
      if (code === QUOTE) this.inString = true;
      else if (code === OPEN_BRACE || code === OPEN_BRACKET) this.depth++;
      else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        if (this.depth === 1) {
          // "]" right after a scalar element: the element ends here, and so does the array.
          yield this.take(text.slice(start, index));
          this.depth = 0;
          continue;
        }
        this.depth--;
        if (this.depth === 1) yield this.take(text.slice(start, index + 1));
      } else if (code === COMMA && this.depth === 1) {
        yield this.take(text.slice(start, index));
      }
    }
    if (this.inElement) {
      this.element += text.slice(start);
      if (this.element.length > this.maxChars)
        throw new RecordTooLargeError(this.elementLine, this.maxChars);
    }
  }

  *finish(): Generator<RawRecord> {
    // A truncated last element is still reported, as malformed, with its line.
    if (this.inElement && this.element.trim()) yield this.take('');
  }

  private take(tail: string): RawRecord {
    const record = { line: this.elementLine, text: (this.element + tail).trim() };
    this.element = '';
    this.inElement = false;
    return record;
  }

  private *trailing(rest: string): Generator<RawRecord> {
    // Anything after the closing bracket is not part of the export: report it once.
    this.ended = true;
    if (rest.trim()) yield { line: this.line, text: rest.trim().slice(0, 200) };
  }
}

const isBlank = (code: number): boolean =>
  code === 0x20 || code === NEWLINE || code === 0x0d || code === 0x09;

/** A parsed record, or why it is not one. */
export type ParsedRecord =
  | { ok: true; collection: string; document: Record<string, unknown> }
  | { ok: false; reason: string };

/**
 * Parses one record's Extended JSON. `relaxed: true` gives plain JS numbers (what the
 * models expect); `relaxed: false` keeps Int32/Double/Long exactly (what backups restore).
 */
export function parseRecord(text: string, relaxed: boolean): ParsedRecord {
  let value: unknown;
  try {
    value = EJSON.parse(text, { relaxed });
  } catch (error) {
    return { ok: false, reason: `Not valid Extended JSON: ${(error as Error).message}` };
  }
  if (!isPlainObject(value)) return { ok: false, reason: 'A record must be a JSON object.' };
  const { collection, document } = value;
  if (typeof collection !== 'string' || !collection) {
    return { ok: false, reason: 'The record has no "collection" name.' };
  }
  if (!isPlainObject(document)) {
    return { ok: false, reason: 'The record has no "document" object.' };
  }
  return { ok: true, collection, document };
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype;
