import { describe, expect, it } from 'vitest';
import { impatientQueueSums } from '../../src/analytic/impatientQueueSums.js';

/** Forward summation from q = 0 in plain doubles; fine while nothing overflows. */
function naiveSums(s: number, y: number) {
  let t = 1 / s;
  let h = 1 / (s + 1);
  let m = 0;
  let m1 = 0;
  let d = 0;
  let w = 0;
  for (let q = 0; q < 100_000; q++) {
    const f = s / (s + q + 1);
    m += t;
    m1 += t * f;
    d += q * t;
    w += t * f * h;
    t *= y / (s + q + 1);
    h += 1 / (s + q + 2);
    if (q > y && t < 1e-30 * m) break;
  }
  return { m, m1, d, w };
}

function scaled(sums: ReturnType<typeof impatientQueueSums>) {
  const k = Math.exp(sums.logScale);
  return { m: sums.m * k, m1: sums.m1 * k, d: sums.d * k, w: sums.w * k };
}

describe('impatientQueueSums', () => {
  it.each([
    [1, 0.5],
    [14, 10],
    [2.7, 40],
    [300, 290],
    [50, 400],
    [0.01, 3],
  ])('agrees with a forward sum for s=%s, y=%s', (s, y) => {
    const got = scaled(impatientQueueSums(s, y));
    const want = naiveSums(s, y);
    for (const key of ['m', 'm1', 'd', 'w'] as const) {
      expect(Math.abs(got[key] / want[key] - 1)).toBeLessThan(1e-12);
    }
  });

  it('leaves only the first term when y = 0', () => {
    const sums = impatientQueueSums(4, 0);
    expect(scaled(sums)).toEqual({ m: 0.25, m1: 0.25 * 0.8, d: 0, w: 0.25 * 0.8 * 0.2 });
  });

  it('stays finite where the scale itself would overflow a double', () => {
    const sums = impatientQueueSums(1e6, 3e6);
    expect(sums.logScale).toBeGreaterThan(709);
    for (const v of [sums.logScale, sums.m, sums.m1, sums.d, sums.w]) {
      expect(Number.isFinite(v)).toBe(true);
    }
    // Around the peak the sums behave like a Gaussian of width √y: m ≈ √(2πy).
    expect(sums.m / Math.sqrt(2 * Math.PI * 3e6)).toBeCloseTo(1, 1);
  });

  it('gives up with ANALYTIC_NO_CONVERGENCE rather than loop for ever on absurd scales', () => {
    expect(() => impatientQueueSums(1e15, 1e15)).toThrow(
      expect.objectContaining({ name: 'AnalyticError', code: 'ANALYTIC_NO_CONVERGENCE' }),
    );
  });
});
