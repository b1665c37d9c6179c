import { describe, expect, it } from 'vitest';
import { BoundedSeries } from '../../src/dashboard/boundedSeries.js';

interface P {
  readonly seq: number;
  readonly stepMs: number;
  readonly count: number;
}
const merge = (a: P, b: P): P => ({
  seq: b.seq,
  stepMs: a.stepMs + b.stepMs,
  count: a.count + b.count,
});

describe('BoundedSeries (dashboard points in bounded memory)', () => {
  it('never holds capacity points, and merging keeps every count and the whole time span', () => {
    const series = new BoundedSeries<P>(16, merge);
    let merges = 0;
    for (let i = 1; i <= 10_000; i++) {
      if (series.push({ seq: i, stepMs: 1000, count: i % 7 })) merges++;
      expect(series.length).toBeLessThan(16);
    }
    const points = series.toArray();
    let expected = 0;
    for (let i = 1; i <= 10_000; i++) expected += i % 7;
    expect(points.reduce((s, p) => s + p.count, 0)).toBe(expected);
    expect(points.reduce((s, p) => s + p.stepMs, 0)).toBe(10_000 * 1000);
    expect(series.last()?.seq).toBe(10_000);
    // In order, and older points coarser (or as coarse) than newer ones.
    for (let i = 1; i < points.length; i++) {
      expect(points[i]!.seq).toBeGreaterThan(points[i - 1]!.seq);
      expect(points[i]!.stepMs).toBeLessThanOrEqual(points[i - 1]!.stepMs);
    }
    expect(merges).toBeGreaterThan(5);
  });

  it('keeps points as they came below capacity', () => {
    const series = new BoundedSeries<P>(4, merge);
    expect(series.push({ seq: 1, stepMs: 1000, count: 1 })).toBe(false);
    expect(series.push({ seq: 2, stepMs: 1000, count: 2 })).toBe(false);
    expect(series.toArray().map((p) => p.seq)).toEqual([1, 2]);
    expect(() => new BoundedSeries<P>(1, merge)).toThrow(RangeError);
  });
});
