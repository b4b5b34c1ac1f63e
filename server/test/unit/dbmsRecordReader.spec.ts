import { PassThrough } from 'node:stream';
import { mongo, Types } from 'mongoose';
import {
  parseRecord,
  readRecords,
  RecordTooLargeError,
  type RawRecord,
} from '../../src/modules/dbms/recordReader';
import { RecordWriter } from '../../src/modules/dbms/recordWriter';

const { Int32, Long, Double } = mongo.BSON;

/** Feeds `text` in chunks of `size` bytes (1: every byte alone, splitting UTF-8 sequences). */
async function read(text: string, size = 7, maxChars?: number): Promise<RawRecord[]> {
  const bytes = Buffer.from(text, 'utf8');
  async function* chunks() {
    for (let index = 0; index < bytes.length; index += size)
      yield bytes.subarray(index, index + size);
  }
  const records: RawRecord[] = [];
  for await (const record of readRecords(chunks(), maxChars)) records.push(record);
  return records;
}

test('NDJSON: one record a line, blank lines and CRLF ignored, lines counted from 1', async () => {
  const text = '\n{"a":1}\r\n\n  \n{"b":"ünïcødé ✓"}\n{"c":3}';
  for (const size of [1, 3, 1024]) {
    expect(await read(text, size)).toEqual([
      { line: 2, text: '{"a":1}' },
      { line: 5, text: '{"b":"ünïcødé ✓"}' },
      { line: 6, text: '{"c":3}' },
    ]);
  }
});

test('JSON arrays in any layout: elements with the line they start on', async () => {
  const text = [
    '',
    '  [ {"s": "a ] tricky, \\"string\\" {"},',
    '{"nested": [1, [2, {"x": "]"}]],',
    '  "more": {}}',
    ',{"last":true}]',
    '',
  ].join('\n');
  for (const size of [1, 5, 4096]) {
    expect(await read(text, size)).toEqual([
      { line: 2, text: '{"s": "a ] tricky, \\"string\\" {"}' },
      { line: 3, text: '{"nested": [1, [2, {"x": "]"}]],\n  "more": {}}' },
      { line: 5, text: '{"last":true}' },
    ]);
  }
  expect(await read('[]')).toEqual([]);
  expect(await read('[1, "two"]')).toEqual([
    { line: 1, text: '1' },
    { line: 1, text: '"two"' },
  ]);
});

test('broken input still yields records, so each is reported with its line', async () => {
  // A truncated last element, and text after the closing bracket.
  expect(await read('[\n{"a":1},\n{"b":')).toEqual([
    { line: 2, text: '{"a":1}' },
    { line: 3, text: '{"b":' },
  ]);
  expect(await read('[{"a":1}]\ntrailing', 4096)).toEqual([
    { line: 1, text: '{"a":1}' },
    { line: 2, text: 'trailing' },
  ]);
  expect(parseRecord('{"a":', true)).toEqual({
    ok: false,
    reason: expect.stringMatching(/^Not valid Extended JSON/),
  });
  expect(parseRecord('{"collection":"x"}', true)).toEqual({
    ok: false,
    reason: 'The record has no "document" object.',
  });
  expect(parseRecord('{"document":{}}', true)).toEqual({
    ok: false,
    reason: 'The record has no "collection" name.',
  });
});

test('a record past the limit stops the reader with its line', async () => {
  await expect(read(`{"a":1}\n{"b":"${'x'.repeat(100)}"}\n`, 16, 50)).rejects.toEqual(
    new RecordTooLargeError(2, 50),
  );
  await expect(read(`[{"a":1},\n{"b":"${'x'.repeat(100)}"}]`, 16, 50)).rejects.toBeInstanceOf(
    RecordTooLargeError,
  );
});

test('what the writer writes, the reader reads back with exact BSON types', async () => {
  const document = {
    _id: new Types.ObjectId(),
    at: new Date('2026-11-24T10:00:00Z'),
    int: new Int32(7),
    long: Long.fromString('9007199254740993'),
    double: new Double(2),
    nested: { list: [new Int32(1), 'two', null] },
  };
  for (const format of ['ndjson', 'json'] as const) {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const writer = new RecordWriter(out, format);
    await writer.write('things', document);
    await writer.write('things', { _id: 2 });
    await writer.end();
    const records = await read(Buffer.concat(chunks).toString(), 64);
    expect(records.map((record) => record.line)).toEqual(format === 'json' ? [2, 3] : [1, 2]);
    const parsed = parseRecord(records[0]!.text, false);
    expect(parsed).toEqual({ ok: true, collection: 'things', document });
    // Relaxed parsing gives plain numbers, what the models expect.
    expect(parseRecord(records[0]!.text, true)).toMatchObject({
      document: { int: 7, double: 2, long: 9007199254740992 },
    });
  }
});
