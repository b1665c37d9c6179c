import { requireInteger, requireNonNegative } from './inputChecks.js';

/**
 * Erlang B: the blocking probability of an M/M/N/N loss system with offered load `a` Erlang,
 * by the recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)).
 *
 * Every step stays in [0, 1], so it neither overflows (as a^N/N! would for N in the hundreds) nor
 * needs N to be small; it takes O(N) time and accepts a fractional load. For N far above the load
 * the result underflows gracefully to 0.
 */
export function erlangB(servers: number, offeredLoadErlangs: number): number {
  requireInteger('servers', servers, 0);
  requireNonNegative('offeredLoadErlangs', offeredLoadErlangs);
  const a = offeredLoadErlangs;
  let b = 1;
  for (let k = 1; k <= servers; k++) {
    const ab = a * b;
    b = ab / (k + ab);
  }
  return b;
}
