import * as hdr from 'hdr-histogram-js';
import type { StepLatency } from './points.js';

/** One hour, in microseconds: the top of the histogram (a longer answer is counted there). */
const MAX_US = 3_600_000_000;

/**
 * Latencies of one sampling step: an HDR histogram (3 significant digits, fixed size whatever the
 * traffic) that `take` reads and empties, so that each point has the percentiles of its own step
 * and not of the run so far.
 */
export class StepLatencyRecorder {
  private readonly histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: MAX_US,
    numberOfSignificantValueDigits: 3,
  });
  private count = 0;
  private maxMs = 0;

  record(ms: number): void {
    const value = Math.max(ms, 0);
    this.count++;
    if (value > this.maxMs) this.maxMs = value;
    this.histogram.recordValue(Math.min(MAX_US, Math.max(1, Math.round(value * 1000))));
  }

  /** The step's percentiles (ms, 3 decimals), and a fresh step. */
  take(): StepLatency {
    if (this.count === 0) return EMPTY;
    const at = (p: number) =>
      round3(Math.min(this.maxMs, this.histogram.getValueAtPercentile(p) / 1000));
    const out: StepLatency = {
      count: this.count,
      p50: at(50),
      p95: at(95),
      p99: at(99),
      max: round3(this.maxMs),
    };
    this.histogram.reset();
    this.count = 0;
    this.maxMs = 0;
    return out;
  }
}

export const EMPTY: StepLatency = { count: 0, p50: null, p95: null, p99: null, max: null };

/**
 * Two neighbouring steps as one (when old points are merged): counts add up; each percentile is
 * the larger of the two, an upper bound of the merged step's (the histograms are gone by then).
 */
export function mergeLatency(a: StepLatency, b: StepLatency): StepLatency {
  const most = (x: number | null, y: number | null) =>
    x === null ? y : y === null ? x : Math.max(x, y);
  return {
    count: a.count + b.count,
    p50: most(a.p50, b.p50),
    p95: most(a.p95, b.p95),
    p99: most(a.p99, b.p99),
    max: most(a.max, b.max),
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
