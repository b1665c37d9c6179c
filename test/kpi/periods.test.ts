import { describe, expect, it } from 'vitest';
import { addOverlaps, periodsOf } from '../../src/kpi/periods.js';
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
    addOverlaps(p, sums, s(50), s(130), 2);
    expect([...sums].map((v) => v / 1000)).toEqual([160, 20, 120, 20]);
    addOverlaps(p, sums, s(170), Number.POSITIVE_INFINITY, 1);
    expect([...sums].map((v) => v / 1000)).toEqual([170, 20, 120, 30]);
    addOverlaps(p, sums, s(-50), s(-10), 1);
    expect(sums[0]).toBe(s(170));
  });
});
