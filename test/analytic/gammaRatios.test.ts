import { describe, expect, it } from 'vitest';
import { logPowerOverRisingFactorial, shiftedHarmonic } from '../../src/analytic/gammaRatios.js';

/** Direct sums, exact enough for moderate q to be the reference. */
function directLogPowerOverRising(y: number, a: number, q: number): number {
  let acc = 0;
  for (let k = 0; k < q; k++) acc += Math.log(y / (a + k));
  return acc;
}
function directHarmonic(a: number, n: number): number {
  let acc = 0;
  for (let k = n - 1; k >= 0; k--) acc += 1 / (a + k);
  return acc;
}

describe('logPowerOverRisingFactorial', () => {
  it('is 0 for q = 0', () => {
    expect(logPowerOverRisingFactorial(3, 2, 0)).toBe(0);
  });

  it.each([
    [5, 0.3, 40],
    [100, 20, 80],
    [1e4, 9e3, 1000],
    [2.5, 1, 10],
    [1e6, 12, 5000],
  ])('agrees with the direct sum for y=%s, a=%s, q=%s', (y, a, q) => {
    const direct = directLogPowerOverRising(y, a, q);
    expect(Math.abs(logPowerOverRisingFactorial(y, a, q) - direct)).toBeLessThan(
      1e-11 * Math.max(1, Math.abs(direct)),
    );
  });
});

describe('shiftedHarmonic', () => {
  it.each([
    [1, 1],
    [0.5, 30],
    [10, 1000],
    [1e5, 20000],
    [3.3, 123456],
  ])('agrees with the direct sum for a=%s, n=%s', (a, n) => {
    expect(shiftedHarmonic(a, n)).toBeCloseTo(directHarmonic(a, n), 12);
  });

  it('is 0 for n = 0', () => {
    expect(shiftedHarmonic(4, 0)).toBe(0);
  });
});
