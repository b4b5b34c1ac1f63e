import type { Rng } from './random';
import { word } from './strings';
import type { VNode } from './values';

/**
 * The catalogue of bad leaf values, by what they pretend to be: ids that are almost
 * ObjectIds (or are operators, numbers, arrays), numbers past Int and double range,
 * impossible dates, and for each built-in scalar the values of the other types.
 */

export const MALFORMED_IDS: unknown[] = [
  '',
  'zzz',
  '0'.repeat(23),
  'f'.repeat(25),
  `0x${'a'.repeat(22)}`,
  ` ${'a'.repeat(23)}`,
  `${'a'.repeat(23)}é`,
  'g'.repeat(24),
  '{"$ne": null}',
  '../../etc/passwd'.replace(/\//g, '%2F'),
  12345,
  true,
  { $ne: null },
  ['5f1d7ac0a1b2c3d4e5f60718'],
];

/** Each as a literal in the document and as the JSON a variable would carry. */
export const HUGE_NUMBERS: { literal: string; json: number | string }[] = [
  { literal: '1e308', json: 1e308 },
  { literal: '-1e308', json: -1e308 },
  { literal: '1e309', json: '1e309' },
  { literal: String(-(2 ** 53)), json: -(2 ** 53) },
  { literal: String(2 ** 53 + 2), json: 2 ** 53 + 2 },
  { literal: '2147483648', json: 2147483648 },
  { literal: '-2147483649', json: -2147483649 },
  { literal: '0.000000000000000000000001', json: 1e-24 },
  { literal: '123456789012345678901234567890', json: 1.2345678901234568e29 },
];

export const BAD_DATES: unknown[] = [
  'yesterday',
  '2024-13-45T00:00:00Z',
  '2024-02-30',
  '',
  0,
  -8.64e15 - 1,
  '+275760-09-13T00:00:00.001Z',
  'Tue Dec 01 2026',
];

/** A raw literal (when there is one) or the JSON value, half and half. */
export const asJsonOrRaw = (rng: Rng, json: unknown, literal?: string): VNode =>
  literal !== undefined && rng.chance(0.5) ? { k: 'raw', text: literal } : { k: 'json', v: json };

/** A value of another type than the scalar `named`. */
export function wrongValue(named: string, rng: Rng): VNode {
  switch (named) {
    case 'Int':
      return rng.pick<VNode>([
        { k: 'scalar', v: '12' },
        { k: 'scalar', v: 1.5 },
        { k: 'scalar', v: true },
        { k: 'json', v: { a: 1 } },
        { k: 'json', v: [1, 2] },
      ]);
    case 'Float':
      return rng.pick<VNode>([
        { k: 'scalar', v: '1.5' },
        { k: 'scalar', v: false },
        { k: 'json', v: { a: 1 } },
      ]);
    case 'Boolean':
      return rng.pick<VNode>([
        { k: 'scalar', v: 'true' },
        { k: 'scalar', v: 1 },
        { k: 'raw', text: 'TRUE' },
      ]);
    case 'String':
    case 'ID':
      return rng.pick<VNode>([
        { k: 'scalar', v: 42.5 },
        { k: 'scalar', v: true },
        { k: 'json', v: { a: 'b' } },
        { k: 'json', v: ['a'] },
      ]);
    default:
      return rng.pick<VNode>([
        { k: 'scalar', v: 7 },
        { k: 'scalar', v: false },
        { k: 'json', v: [[1]] },
        { k: 'scalar', v: word(rng) },
      ]);
  }
}

/** A near miss of the enum value `current`. */
export const badEnum = (rng: Rng, current: string): VNode =>
  rng.pick<VNode>([
    { k: 'enum', v: `NOT_${current}` },
    { k: 'enum', v: current.toLowerCase() },
    { k: 'raw', text: JSON.stringify(current) },
    { k: 'json', v: `${current} ` },
    { k: 'enum', v: 'true' },
  ]);
