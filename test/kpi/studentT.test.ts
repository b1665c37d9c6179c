import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile } from '../../src/kpi/index.js';
import { normalQuantile } from '../../src/kpi/normalQuantile.js';

describe('studentTQuantile', () => {
  it('matches published two-sided 95% critical values', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736, 8);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.30265273, 8);
    expect(studentTQuantile(0.975, 3)).toBeCloseTo(3.182446305, 8);
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.262157163, 8);
    expect(studentTQuantile(0.975, 29)).toBeCloseTo(2.045229642, 8);
    expect(studentTQuantile(0.975, 1000)).toBeCloseTo(1.962339081, 8);
  });

  it('matches other levels and real degrees of freedom', () => {
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.032142984, 8);
    expect(studentTQuantile(0.9, 3)).toBeCloseTo(1.637744354, 8);
    expect(studentTQuantile(0.95, 10)).toBeCloseTo(1.812461123, 8);
    // Welch degrees of freedom are real: the quantile is monotone between integers.
    const q = studentTQuantile(0.975, 4.5);
    expect(q).toBeLessThan(studentTQuantile(0.975, 4));
    expect(q).toBeGreaterThan(studentTQuantile(0.975, 5));
  });

  it('is symmetric, and 0 at the median', () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.025, 9)).toBeCloseTo(-2.262157163, 8);
  });

  it('inverts the CDF', () => {
    for (const df of [1, 1.5, 2, 3, 7, 30, 250, 5000]) {
      for (const p of [0.6, 0.9, 0.975, 0.999, 0.999999]) {
        expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 10);
      }
    }
  });

  it('tends to the normal quantile as df grows (Cornish–Fisher beyond 1e5)', () => {
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959966357, 8);
    expect(studentTQuantile(0.975, 1e12)).toBeCloseTo(1.959963985, 8);
    expect(studentTQuantile(0.975, 99_999)).toBeCloseTo(studentTQuantile(0.975, 100_001), 8);
  });

  it('returns NaN for p outside [0, 1] or df ≤ 0, ±∞ at 0 and 1', () => {
    expect(studentTQuantile(1.1, 3)).toBeNaN();
    expect(studentTQuantile(0.5, 0)).toBeNaN();
    expect(studentTQuantile(1, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(studentTQuantile(0, 3)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('studentTCdf', () => {
  it('known values', () => {
    expect(studentTCdf(0, 5)).toBe(0.5);
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 12); // Cauchy: 1/2 + atan(1)/π
    // ν = 2: 1/2 + t/(2√(2 + t²))
    expect(studentTCdf(-2, 2)).toBeCloseTo(0.5 - 1 / Math.sqrt(6), 12);
  });
});

describe('normalQuantile', () => {
  it('known values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 8);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902, 7);
  });
});
