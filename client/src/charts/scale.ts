/** The axis arithmetic of the charts: a round top value and its evenly spaced ticks. */

/** The smallest "round" number (1, 2, 2.5, 5 × 10^n) at or above `value`. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}

/** `count + 1` ticks from 0 to a round top above `max` (integers when `integers`). */
export function ticksFor(max: number, count = 4, integers = true): number[] {
  let top = niceCeiling(max);
  if (integers && top < count) top = count;
  const step = top / count;
  return Array.from({ length: count + 1 }, (_, index) => index * step);
}

/** Every `k`-th index so labels `labelWidth` wide do not overlap in `width`. */
export function labelEvery(points: number, width: number, labelWidth = 56): number {
  if (points <= 1) return 1;
  return Math.max(1, Math.ceil((points * labelWidth) / Math.max(width, 1)));
}
