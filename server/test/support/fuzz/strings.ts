import { DBMS_COLLECTION_NAMES } from '../../../src/modules/dbms/collections';
import type { FuzzRole } from './operation';
import type { Rng } from './random';

/**
 * Strings for String arguments: by the argument's name where the name says what it
 * holds (an email, a page id, an opening hour...), mostly well-formed so the request
 * reaches the resolver's own checks, sometimes not; otherwise random text from a
 * mixed alphabet, and now and then one of the classic hostile strings.
 */

/** Letters, digits, accents, CJK, emoji, quotes, brackets, controls; no `.`, `/`, `:`, `_`. */
const TEXT_UNITS = Array.from(
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789      éßñçüØ中文字😀🚀👍"\'\\<>&$%{}[]()!?#*+=-,;@~^|`\n\t',
);

export const WEIRD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\uffff\ufffe',
  '\u202etxet',
  '😀'.repeat(500),
  '$where',
  '{"$gt": ""}',
  '$ne',
  '.*',
  '(a+)+$',
  '^((a|a)*)*$',
  '[',
  '\\',
  '%s%n%x',
  "' OR 1=1 --",
  '<img src=x onerror=alert(1)>',
  '${7*7}{{7*7}}',
  'null',
  'undefined',
  'NaN',
  '__proto__',
  'constructor',
];

function text(rng: Rng, min = 0, max = 40): string {
  const length = rng.int(min, max);
  let out = '';
  for (let index = 0; index < length; index += 1) out += rng.pick(TEXT_UNITS);
  return out;
}

export const word = (rng: Rng, min = 3, max = 10): string => {
  const length = rng.int(min, max);
  let out = '';
  for (let index = 0; index < length; index += 1)
    out += 'abcdefghijklmnopqrstuvwxyz'[rng.int(0, 25)];
  return out;
};

/** A long string: one random chunk repeated (cheap, and no path-like text by chance). */
export function hugeString(rng: Rng, length: number): string {
  const chunk = `${word(rng, 8, 16)} ${text(rng, 8, 16).replace(/\n/g, ' ')} `;
  return chunk.repeat(Math.ceil(length / chunk.length)).slice(0, length);
}

const pad = (value: number): string => String(value).padStart(2, '0');

export function stringFor(hint: string, rng: Rng, role: FuzzRole): string {
  const name = hint.toLowerCase();
  switch (name) {
    case 'email':
      return rng.chance(0.9)
        ? `fuzz-${rng.hex(8)}@example.com`
        : rng.pick(['not-an-email', '', '@', `a@${'b'.repeat(300)}.com`]);
    case 'password':
    case 'currentpassword':
    case 'newpassword':
      return rng.chance(0.85) ? `pw ${word(rng, 8, 16)} ${rng.hex(4)}` : rng.pick(['', 'short']);
    case 'collection':
      // The server's own list: a collection it adds is fuzzed from then on.
      return rng.chance(0.85) ? rng.pick(DBMS_COLLECTION_NAMES) : text(rng, 0, 12);
    case 'confirm':
      return rng.pick(['delete all my data', 'DELETE ALL', 'yes', text(rng)]);
    case 'url':
    case 'sourceurl':
    case 'website':
      return rng.chance(0.8)
        ? `https://example.com/${word(rng)}-${rng.hex(6)}.png`
        : rng.pick(['javascript alert(1)', 'ftp example', text(rng, 1, 20)]);
    case 'timezone':
      return rng.pick([
        'UTC',
        'Europe/Paris',
        'America/New_York',
        'Asia/Tokyo',
        'Mars/Olympus',
        '',
      ]);
    case 'open':
    case 'close':
      return rng.chance(0.85)
        ? `${pad(rng.int(0, 23))}${String.fromCharCode(58)}${rng.pick(['00', '30', '45'])}`
        : rng.pick(['25h', '9am', '', '24h00']);
    case 'accesstoken':
      return role.pageTokens.length > 0 && rng.chance(0.3)
        ? rng.pick(role.pageTokens)
        : `EAAG${rng.hex(rng.int(8, 48))}`;
    case 'pageid':
    case 'recipientid':
      return role.pageIds.length > 0 && rng.chance(0.5)
        ? rng.pick(role.pageIds)
        : String(rng.int(1, 9_999_999_999));
    case 'accountid':
    case 'phonenumberid':
    case 'wabaid':
    case 'platformmessageid':
    case 'customerid':
    case 'adid':
      return `${rng.int(1, 9_999_999)}${rng.hex(4)}`;
    case 'token':
      return rng.hex(rng.pick([8, 64, 96]));
    case 'type':
      return rng.pick(['image', 'video', 'audio', 'file', 'location', 'sticker', 'other', 'bogus']);
    case 'query':
    case 'search':
      return rng.chance(0.8) ? `${word(rng)} ${word(rng)}` : text(rng, 0, 20);
    default:
      return rng.chance(0.05)
        ? rng.pick(WEIRD_STRINGS.filter((s) => !/[\ud800-\udfff]/.test(s)))
        : text(rng);
  }
}
