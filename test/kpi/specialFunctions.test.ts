import { describe, expect, it } from 'vitest';
import { incompleteBeta, lnGamma } from '../../src/kpi/specialFunctions.js';

describe('lnGamma', () => {
  it('known values', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(2)).toBeCloseTo(0, 14);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(lnGamma(10)).toBeCloseTo(Math.log(362_880), 12);
    expect(lnGamma(0.1)).toBeCloseTo(2.252712651734206, 12);
  });
});

describe('incompleteBeta', () => {
  it('closed forms', () => {
    for (const x of [0, 0.1, 0.5, 0.93, 1]) {
      expect(incompleteBeta(x, 1, 1)).toBeCloseTo(x, 14);
      expect(incompleteBeta(x, 2, 1)).toBeCloseTo(x * x, 14);
      // I_x(1/2, 1/2) = (2/π) asin √x
      expect(incompleteBeta(x, 0.5, 0.5)).toBeCloseTo((2 / Math.PI) * Math.asin(Math.sqrt(x)), 12);
    }
  });

  it('symmetry: I_x(a, b) = 1 − I_{1−x}(b, a)', () => {
    for (const [x, a, b] of [
      [0.3, 2.5, 7],
      [0.8, 40, 0.5],
      [0.999, 500, 0.5],
    ] as const) {
      expect(incompleteBeta(x, a, b)).toBeCloseTo(1 - incompleteBeta(1 - x, b, a), 12);
    }
  });
});
