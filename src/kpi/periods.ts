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
 * The overlaps of one span [t0, t1) with the periods, found once and added to as many sums as
 * need them: agent time adds five sums for every state of every agent, and finding the
 * overlaps was most of that work. `find` overwrites the previous answer.
 */
export class PeriodOverlaps {
  /** The periods the last span overlaps (0, then intervals in order) and by how much, ms. */
  private readonly period: Int32Array;
  private readonly ms: Float64Array;
  private count = 0;

  constructor(private readonly periods: Periods) {
    this.period = new Int32Array(periods.from.length);
    this.ms = new Float64Array(periods.from.length);
  }

  /**
   * Finds the overlaps of [t0, t1); returns how many periods it overlaps. Every interval period
   * lies inside the whole horizon, so only spans overlapping it are walked.
   */
  find(t0: number, t1: number): number {
    const { periods } = this;
    this.count = 0;
    const lo = Math.max(t0, periods.from[0]!);
    const hi = Math.min(t1, periods.to[0]!);
    if (!(hi > lo)) return 0;
    this.period[0] = 0;
    this.ms[0] = hi - lo;
    let n = 1;
    const count = periods.from.length - 1;
    // One interval early, in case rounding put lo's interval one too far.
    let i = Math.max(0, Math.floor((lo - periods.gridStartMs) / periods.gridLengthMs) - 1);
    for (; i < count; i++) {
      const from = periods.from[i + 1]!;
      if (from >= hi) break;
      const overlap = Math.min(periods.to[i + 1]!, hi) - Math.max(from, lo);
      if (overlap > 0) {
        this.period[n] = i + 1;
        this.ms[n] = overlap;
        n++;
      }
    }
    this.count = n;
    return n;
  }

  /** Adds value × overlap to `sums` (one entry per period) for each overlap `find` found. */
  addTo(sums: Float64Array, value: number): void {
    if (value === 0) return;
    for (let k = 0; k < this.count; k++) sums[this.period[k]!]! += value * this.ms[k]!;
  }
}
