import { describe, expect, it } from 'vitest';
import { mergeLatency, StepLatencyRecorder } from '../../src/dashboard/stepLatency.js';

/** Nearest rank on the sorted samples: the exact percentile HDR approximates. */
function exact(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

describe('StepLatencyRecorder (percentiles of one dashboard step)', () => {
  it('matches the exact nearest-rank percentiles within HDR precision (3 digits), then starts again', () => {
    const r = new StepLatencyRecorder();
    // A deterministic skewed spread from 0.05 ms to about 2 s.
    const samples = Array.from({ length: 5000 }, (_, i) => 0.05 * 1.0021 ** i);
    for (const s of samples) r.record(s);
    const sorted = [...samples].sort((a, b) => a - b);
    const step = r.take();
    expect(step.count).toBe(5000);
    for (const [p, got] of [
      [50, step.p50],
      [95, step.p95],
      [99, step.p99],
    ] as const) {
      const want = exact(sorted, p);
      // 3 significant digits: within 0.1% (and 1 µs, the histogram's unit, for small values).
      expect(Math.abs(got! - want)).toBeLessThanOrEqual(want * 0.001 + 0.001);
    }
    expect(step.max).toBeCloseTo(sorted.at(-1)!, 3);
    expect(r.take()).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null });
    r.record(3);
    expect(r.take()).toMatchObject({ count: 1, p50: 3, p99: 3, max: 3 });
  });

  it('merges two steps into an upper bound: counts add, each percentile the larger', () => {
    const a = { count: 2, p50: 1, p95: 5, p99: 9, max: 10 };
    const b = { count: 3, p50: 2, p95: 4, p99: 8, max: 12 };
    expect(mergeLatency(a, b)).toEqual({ count: 5, p50: 2, p95: 5, p99: 9, max: 12 });
    const none = { count: 0, p50: null, p95: null, p99: null, max: null };
    expect(mergeLatency(none, b)).toEqual(b);
  });
});
