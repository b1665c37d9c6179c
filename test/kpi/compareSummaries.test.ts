import { describe, expect, it } from 'vitest';
import { compareSummaries, summarize } from '../../src/kpi/index.js';

const baseline = summarize([0.8, 0.82, 0.78, 0.81, 0.79, 0.8, 0.83, 0.77, 0.8, 0.8]);

describe('compareSummaries (Welch t-test, 95%, and a tolerance)', () => {
  it('a significant drop beyond the tolerance of a higher-is-better KPI is a regression', () => {
    const current = summarize([0.7, 0.72, 0.68, 0.71, 0.69, 0.7, 0.73, 0.67, 0.7, 0.7]);
    const r = compareSummaries(baseline, current, 0.02, 'higher');
    expect(r.difference).toBeCloseTo(-0.1, 12);
    expect(r.significant).toBe(true);
    expect(r.beyondTolerance).toBe(true);
    expect(r).toMatchObject({ change: 'worse', regression: true });
    expect(r.pValue!).toBeLessThan(1e-6);
    // Equal variances and sizes: Welch's df is 2(n − 1).
    expect(r.degreesOfFreedom).toBeCloseTo(18, 9);
    // The same change of a lower-is-better KPI is an improvement.
    expect(compareSummaries(baseline, current, 0.02, 'lower').change).toBe('better');
    expect(compareSummaries(baseline, current, 0.02, 'neutral')).toMatchObject({
      change: 'changed',
      regression: false,
    });
  });

  it('matches a hand-computed Welch test', () => {
    // a: mean 20, var 2.5 (n 5); b: mean 22, var 10 (n 5).
    const a = summarize([18, 19, 20, 21, 22]);
    const b = summarize([18, 20, 22, 24, 26]);
    const r = compareSummaries(a, b, 0, 'lower');
    const se = Math.sqrt(2.5 / 5 + 10 / 5);
    expect(r.tStatistic).toBeCloseTo(2 / se, 12);
    expect(r.degreesOfFreedom).toBeCloseTo((2.5 / 5 + 10 / 5) ** 2 / ((0.5 ** 2 + 2 ** 2) / 4), 12);
    // t = 1.265 on 5.88 df: p ≈ 0.25, not significant.
    expect(r.pValue).toBeCloseTo(0.2535, 3);
    expect(r).toMatchObject({ significant: false, change: 'none', regression: false });
  });

  it('a significant change within the tolerance is no change', () => {
    const current = summarize([0.79, 0.81, 0.77, 0.8, 0.78, 0.79, 0.82, 0.76, 0.79, 0.79]);
    const r = compareSummaries(baseline, current, 0.02, 'higher');
    expect(r.beyondTolerance).toBe(false);
    expect(r.change).toBe('none');
  });

  it('a large but noisy change is not significant', () => {
    const noisy = summarize([0.2, 0.9, 0.5, 0.95, 0.1]);
    const r = compareSummaries(baseline, noisy, 0.02, 'higher');
    expect(r.beyondTolerance).toBe(true);
    expect(r.significant).toBe(false);
    expect(r.regression).toBe(false);
  });

  it('zero variance on both sides: any difference is significant', () => {
    const r = compareSummaries(summarize([5, 5, 5]), summarize([6, 6]), 0.5, 'lower');
    expect(r).toMatchObject({ significant: true, pValue: 0, change: 'worse', regression: true });
    expect(compareSummaries(summarize([5, 5]), summarize([5, 5]), 0, 'lower')).toMatchObject({
      significant: false,
      change: 'none',
    });
  });

  it('one replication on a side: no test, the tolerance alone decides', () => {
    const r = compareSummaries(summarize([0.8]), summarize([0.7]), 0.05, 'higher');
    expect(r).toMatchObject({
      significant: null,
      tStatistic: null,
      change: 'worse',
      regression: true,
    });
  });

  it('no values on a side: nothing to compare', () => {
    const r = compareSummaries(summarize([]), summarize([1, 2]), 0, 'lower');
    expect(r).toMatchObject({ difference: null, change: 'none', regression: false });
  });
});
