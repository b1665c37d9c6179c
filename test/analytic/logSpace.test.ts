import { describe, expect, it } from 'vitest';
import { log1pmx, logAddExp } from '../../src/analytic/logSpace.js';

describe('logAddExp', () => {
  it('adds in log space without overflow', () => {
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 15);
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(-1000, 5)).toBe(5);
  });

  it('treats -Infinity as zero and +Infinity as infinite', () => {
    expect(logAddExp(Number.NEGATIVE_INFINITY, 3)).toBe(3);
    expect(logAddExp(3, Number.NEGATIVE_INFINITY)).toBe(3);
    expect(logAddExp(Number.POSITIVE_INFINITY, 3)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('log1pmx', () => {
  it('matches d - ln(1+d) where that is accurate', () => {
    for (const d of [0.25, 0.5, 1, 10, 1e6]) {
      expect(log1pmx(d)).toBeCloseTo(d - Math.log1p(d), 14);
    }
  });

  it('keeps full relative precision for small d, where it is about d²/2', () => {
    // d − ln(1+d) = d²/2 − d³/3 + d⁴/4 − …
    const d = 1e-6;
    const series = (d * d) / 2 - d ** 3 / 3 + d ** 4 / 4;
    expect(Math.abs(log1pmx(d) / series - 1)).toBeLessThan(1e-15);
    expect(log1pmx(0.1)).toBeCloseTo(0.1 - Math.log1p(0.1), 16);
    expect(log1pmx(0)).toBe(0);
  });
});
