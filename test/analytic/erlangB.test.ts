import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangB } from '../../src/analytic/erlangB.js';

const SEED = 20240604;

/** The textbook formula (a^N/N!) / Σ_{k≤N} a^k/k!, fine in doubles for small N. */
function directErlangB(n: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= n; k++) {
    term *= a / k;
    sum += term;
  }
  return term / sum;
}

describe('erlangB', () => {
  it.each([
    // Values of the classic Erlang B tables (and of the textbook formula).
    [1, 1, 0.5],
    [5, 2, 0.0366972477],
    [10, 5, 0.0183846],
    [10, 10, 0.2145823],
  ])('B(%s, %s) = %s', (n, a, b) => {
    expect(erlangB(n, a)).toBeCloseTo(b, 7);
  });

  it('has B(0, a) = 1 and B(N, 0) = 0', () => {
    expect(erlangB(0, 7.5)).toBe(1);
    expect(erlangB(3, 0)).toBe(0);
  });

  it('is finite and sane for thousands of servers and fractional loads', () => {
    const b = erlangB(10_000, 9_800.5);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(0.01);
    // Far more servers than load: underflows gracefully to (nearly) zero instead of NaN.
    expect(erlangB(5_000, 1)).toBe(0);
  });

  it('matches the direct formula for small N (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 25 }),
        fc.double({ min: 0, max: 40, noNaN: true }),
        (n, a) => {
          const direct = directErlangB(n, a);
          expect(Math.abs(erlangB(n, a) - direct)).toBeLessThanOrEqual(
            1e-13 * Math.max(direct, 1e-300),
          );
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('lies in [0, 1], falls with servers and rises with load (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.double({ min: 0.01, max: 300, noNaN: true }),
        (n, a) => {
          const b = erlangB(n, a);
          expect(b).toBeGreaterThanOrEqual(0);
          expect(b).toBeLessThanOrEqual(1);
          expect(erlangB(n + 1, a)).toBeLessThanOrEqual(b);
          expect(erlangB(n, a * 1.1)).toBeGreaterThanOrEqual(b);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('rejects negative, fractional or non-finite inputs with ANALYTIC_INVALID_INPUT', () => {
    for (const [n, a] of [
      [-1, 1],
      [2.5, 1],
      [3, -0.1],
      [3, Number.NaN],
      [3, Number.POSITIVE_INFINITY],
    ] as const) {
      expect(() => erlangB(n, a)).toThrow(
        expect.objectContaining({ name: 'AnalyticError', code: 'ANALYTIC_INVALID_INPUT' }),
      );
    }
  });
});
