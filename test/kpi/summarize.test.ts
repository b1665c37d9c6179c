import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/kpi/index.js';

describe('summarize', () => {
  it('mean, sample sd, and the Student-t 95% interval', () => {
    const r = summarize([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(r.n).toBe(8);
    expect(r.mean).toBe(5);
    expect(r.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    // t(0.975, 7) = 2.364624252
    expect(r.halfWidth95).toBeCloseTo((2.364624252 * Math.sqrt(32 / 7)) / Math.sqrt(8), 8);
    expect(r.low).toBeCloseTo(5 - r.halfWidth95!, 12);
    expect(r.high).toBeCloseTo(5 + r.halfWidth95!, 12);
  });

  it('two values: t with 1 degree of freedom', () => {
    const r = summarize([0, 2]);
    expect(r.sd).toBeCloseTo(Math.SQRT2, 12);
    expect(r.halfWidth95).toBeCloseTo(12.706204736, 8);
  });

  it('equal values have sd and half-width exactly 0', () => {
    expect(summarize([0.1, 0.1, 0.1])).toEqual({
      mean: 0.1,
      sd: 0,
      n: 3,
      halfWidth95: 0,
      low: 0.1,
      high: 0.1,
    });
  });

  it('n = 1 has a mean but no spread; n = 0 has nothing', () => {
    expect(summarize([3])).toEqual({
      mean: 3,
      sd: null,
      n: 1,
      halfWidth95: null,
      low: null,
      high: null,
    });
    expect(summarize([])).toEqual({
      mean: null,
      sd: null,
      n: 0,
      halfWidth95: null,
      low: null,
      high: null,
    });
  });
});
