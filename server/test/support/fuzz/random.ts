import { createHash } from 'node:crypto';

/**
 * The fuzz's only source of randomness. Every choice the generator makes is drawn from
 * one of these, in a fixed order, so a seed replays the same operations on any machine;
 * FUZZ_SEED text becomes a seed here too.
 */

/** mulberry32: small, fast, and the same sequence for the same seed on every platform. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: `[[item, weight], ...]`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [item, weight] of entries) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return entries[entries.length - 1]![0];
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) {
      chosen.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    }
    return chosen;
  }

  hex(length: number): string {
    let out = '';
    for (let index = 0; index < length; index += 1) out += '0123456789abcdef'[this.int(0, 15)];
    return out;
  }
}

/** A seed from FUZZ_SEED-style text: a number as is, anything else hashed. */
export function seedFrom(text: string | undefined, fallback: number): number {
  if (!text) return fallback >>> 0;
  const number = Number(text);
  if (Number.isInteger(number)) return number >>> 0;
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}
