import { formatDateTime, formatMoney } from '../../lib/format';

/**
 * A stored document (canonical Extended JSON) as an owner reads it: ids, dates in the
 * business time zone, amounts in its currency, numbers as numbers, field names in words.
 */
export type Readable =
  | { kind: 'text'; text: string }
  | { kind: 'id'; id: string }
  | { kind: 'redacted' }
  | { kind: 'empty' }
  | { kind: 'list'; items: Readable[] }
  | { kind: 'fields'; fields: { name: string; label: string; value: Readable }[] };

/** Fields that hold an amount of money, in major units of the sale's or business's currency. */
const MONEY = new Set([
  'price',
  'orderValue',
  'revenue',
  'shippingFee',
  'unitPrice',
  'total',
  'discount',
  'amount',
  'subtotal',
  'bundlePrice',
  'amountOff',
  'freeShippingFrom',
]);

/** "orderValue" -> "Order value", "_id" -> "ID". */
export function fieldLabel(name: string): string {
  if (name === '_id') return 'ID';
  const words = name
    .replace(/^_+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/Id\b/g, 'ID')
    .toLowerCase()
    .replace(/\bid\b/g, 'ID')
    .replace(/\bids\b/g, 'IDs');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** An Extended JSON number wrapper's value, else undefined. */
function numberOf(value: { [key: string]: Json }): number | undefined {
  for (const key of ['$numberInt', '$numberLong', '$numberDouble', '$numberDecimal']) {
    if (key in value && typeof value[key] === 'string') return Number(value[key]);
  }
  return undefined;
}

function dateOf(value: { [key: string]: Json }): string | undefined {
  const date = value.$date;
  if (typeof date === 'string') return date;
  if (date && typeof date === 'object' && !Array.isArray(date)) {
    const millis = numberOf(date);
    if (millis !== undefined) return new Date(millis).toISOString();
  }
  return undefined;
}

export function readable(value: Json, field = '', currency?: string): Readable {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (value === '[redacted]') return { kind: 'redacted' };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'Yes' : 'No' };
  if (typeof value === 'number') return money(value, field, currency);
  if (typeof value === 'string')
    return value === '' ? { kind: 'empty' } : { kind: 'text', text: value };
  if (Array.isArray(value)) {
    return value.length === 0
      ? { kind: 'empty' }
      : { kind: 'list', items: value.map((item) => readable(item, field, currency)) };
  }
  if (typeof value.$oid === 'string') return { kind: 'id', id: value.$oid };
  const date = dateOf(value);
  if (date) return { kind: 'text', text: formatDateTime(date) };
  const number = numberOf(value);
  if (number !== undefined) return money(number, field, currency);
  if ('$binary' in value) return { kind: 'text', text: 'Binary data' };
  // A sale names its own currency: its amounts are in it.
  const own = typeof value.currency === 'string' ? value.currency : currency;
  const entries = Object.entries(value).filter(([name]) => name !== '__v');
  if (entries.length === 0) return { kind: 'empty' };
  return {
    kind: 'fields',
    fields: entries.map(([name, inner]) => ({
      name,
      label: fieldLabel(name),
      value: readable(inner, name, own),
    })),
  };
}

function money(value: number, field: string, currency?: string): Readable {
  if (MONEY.has(field)) return { kind: 'text', text: formatMoney(value, currency) };
  return { kind: 'text', text: value.toLocaleString() };
}

/** The document's JSON as readable fields (the top level is always an object). */
export function readableDocument(json: string): Readable {
  return readable(JSON.parse(json) as Json);
}
