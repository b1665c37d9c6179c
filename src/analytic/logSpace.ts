/**
 * Helpers for working with logarithms of quantities that would overflow or underflow a double
 * (the Erlang A sums reach e^(10^6) for heavily overloaded queues with long patience).
 */

/** ln(e^a + e^b) without overflow; either argument may be ±Infinity. */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const hi = Math.max(a, b);
  if (hi === Number.POSITIVE_INFINITY) return hi;
  return hi + Math.log1p(Math.exp(Math.min(a, b) - hi));
}

/**
 * d − ln(1 + d) for d ≥ 0, accurate also for small d where the direct difference cancels
 * (the value is about d²/2 there).
 */
export function log1pmx(d: number): number {
  if (d >= 0.25) return d - Math.log1p(d);
  // Alternating series Σ_{k≥2} (−1)^k d^k / k; 0.25^k / k < 1e-18 by k = 28.
  let sum = 0;
  let power = d * d;
  for (let k = 2; k < 40; k++) {
    const term = power / k;
    sum += k % 2 === 0 ? term : -term;
    if (term < 1e-18 * sum) break;
    power *= d;
  }
  return sum;
}
