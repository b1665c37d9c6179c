/**
 * The p-quantile of ascending `sorted` by the nearest-rank method: the smallest value such that
 * at least a share p of the values are at most it, i.e. sorted[⌈p·n⌉ − 1] (sorted[0] for p = 0).
 * An exact order statistic, never an interpolation; null for no values.
 */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  const k = nearestRankIndex(sorted.length, p);
  return k === null ? null : sorted[k]!;
}

/**
 * The index in an ascending sequence of `n` values of its p-quantile by the nearest-rank method
 * (`nearestRank`), or null when n is 0: for a sequence that is not stored as one array.
 */
export function nearestRankIndex(n: number, p: number): number | null {
  if (n === 0) return null;
  // p·n is computed in binary floating point (0.9 · 10 = 9.000000000000002): a product within
  // rounding error of a whole number is that number.
  const x = p * n;
  const whole = Math.round(x);
  const rank = Math.abs(x - whole) <= 1e-9 * Math.max(1, x) ? whole : Math.ceil(x);
  return Math.min(n, Math.max(1, rank)) - 1;
}
