import type { KpiInput } from './kpiInput.js';

/**
 * The measured time of the KPI periods: index 0 is the whole horizon [measureFromMs, endMs),
 * index 1 + i is interval i clipped to it (empty when the interval lies outside).
 */
export interface Periods {
  readonly from: readonly number[];
  readonly to: readonly number[];
  readonly gridStartMs: number;
  readonly gridLengthMs: number;
}

export function periodsOf(input: KpiInput): Periods {
  const { measureFromMs, endMs, intervals } = input;
  const from = [measureFromMs];
  const to = [endMs];
  for (let i = 0; i < intervals.count; i++) {
    const start = intervals.startMs + i * intervals.lengthMs;
    from.push(Math.max(start, measureFromMs));
    to.push(Math.max(Math.min(start + intervals.lengthMs, endMs), Math.max(start, measureFromMs)));
  }
  return { from, to, gridStartMs: intervals.startMs, gridLengthMs: intervals.lengthMs };
}

/**
 * Adds value × (overlap of [t0, t1) with each period) to `sums` (one entry per period). Every
 * interval period lies inside the whole horizon, so only spans overlapping it are walked.
 */
export function addOverlaps(
  periods: Periods,
  sums: Float64Array,
  t0: number,
  t1: number,
  value: number,
): void {
  if (value === 0) return;
  const lo = Math.max(t0, periods.from[0]!);
  const hi = Math.min(t1, periods.to[0]!);
  if (!(hi > lo)) return;
  sums[0]! += value * (hi - lo);
  const count = periods.from.length - 1;
  // One interval early, in case rounding put lo's interval one too far.
  let i = Math.max(0, Math.floor((lo - periods.gridStartMs) / periods.gridLengthMs) - 1);
  for (; i < count; i++) {
    const from = periods.from[i + 1]!;
    if (from >= hi) break;
    const overlap = Math.min(periods.to[i + 1]!, hi) - Math.max(from, lo);
    if (overlap > 0) sums[i + 1]! += value * overlap;
  }
}
