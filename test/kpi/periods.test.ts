import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PeriodOverlaps, periodsOf } from '../../src/kpi/periods.js';
import { input, s } from './builders.js';

describe('periods', () => {
  it('clips intervals to the measured horizon; those outside it are empty', () => {
    const p = periodsOf(
      input({
        measureFromMs: s(90),
        endMs: s(150),
        intervals: { startMs: 0, lengthMs: s(60), count: 4 },
      }),
    );
    expect(p.from.map((t) => t / 1000)).toEqual([90, 90, 90, 120, 180]);
    expect(p.to.map((t) => t / 1000)).toEqual([150, 90, 120, 150, 180]);
  });

  it('adds the overlap of a span with every period', () => {
    const p = periodsOf(input()); // [0,180) and three 60 s intervals
    const sums = new Float64Array(4);
    const overlaps = new PeriodOverlaps(p);
    expect(overlaps.find(s(50), s(130))).toBe(4);
    overlaps.addTo(sums, 2);
    expect([...sums].map((v) => v / 1000)).toEqual([160, 20, 120, 20]);
    expect(overlaps.find(s(170), Number.POSITIVE_INFINITY)).toBe(2);
    overlaps.addTo(sums, 1);
    expect([...sums].map((v) => v / 1000)).toEqual([170, 20, 120, 30]);
    expect(overlaps.find(s(-50), s(-10))).toBe(0);
    overlaps.addTo(sums, 1);
    expect(sums[0]).toBe(s(170));
  });

  it('PeriodOverlaps: the overlap with every period, found once, added to any sum, as a direct count gives (fast-check)', () => {
    // Intervals partly before and after the measured horizon, and spans anywhere around it.
    const p = periodsOf(
      input({
        measureFromMs: s(90),
        endMs: s(400),
        intervals: { startMs: 0, lengthMs: s(60), count: 8 },
      }),
    );
    const overlaps = new PeriodOverlaps(p);
    const reference = (t0: number, t1: number, value: number): number[] =>
      p.from.map((from, k) => {
        const overlap = Math.min(p.to[k]!, t1) - Math.max(from, t0);
        return overlap > 0 ? value * overlap : 0;
      });
    const time = fc.integer({ min: -100_000, max: 600_000 });
    fc.assert(
      fc.property(time, time, fc.integer({ min: 0, max: 3 }), (a, b, value) => {
        const t0 = Math.min(a, b);
        const t1 = Math.max(a, b);
        const touched = overlaps.find(t0, t1);
        const expected = reference(t0, t1, value);
        const sums = new Float64Array(p.from.length);
        const twice = new Float64Array(p.from.length);
        overlaps.addTo(sums, value);
        overlaps.addTo(twice, value);
        overlaps.addTo(twice, value);
        expect([...sums]).toEqual(expected);
        expect([...twice]).toEqual(expected.map((v) => 2 * v));
        expect(touched).toBe(reference(t0, t1, 1).filter((v) => v > 0).length);
      }),
      { seed: 13, numRuns: 2000 },
    );
  });
});
