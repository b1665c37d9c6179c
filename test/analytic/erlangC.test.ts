import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangC } from '../../src/analytic/erlangC.js';

const SEED = 20240604;
/** λ = 100 per 30 min, AHT 180 s (10 Erlang), T = 20 s: the project's validation scenario. */
const BASE = { arrivalsPerHour: 200, ahtSeconds: 180, thresholdSeconds: 20 };

/** |got/want − 1| ≤ rel. */
function expectRelative(got: number, want: number, rel: number): void {
  expect(Math.abs(got / want - 1)).toBeLessThanOrEqual(rel);
}

describe('erlangC: published values (CRAN ErlangC package, pyworkforce tests)', () => {
  it('14 agents: P(wait) 0.1741319, SL 0.88835, ASA 7.8359 s', () => {
    const r = erlangC({ ...BASE, agents: 14 });
    expect(r.stable).toBe(true);
    expect(r.offeredLoadErlangs).toBeCloseTo(10, 12);
    // Published to 7, 5 and 5 significant digits: tolerances are half a unit of the last one.
    expect(r.probabilityWait).toBeCloseTo(0.1741319, 7);
    expect(r.serviceLevel).toBeCloseTo(0.88835, 5);
    expect(r.asa).toBeCloseTo(7.8359, 4);
    expect(r.occupancy).toBeCloseTo(10 / 14, 14);
    expect(r.meanWaitOfWaitingSeconds).toBeCloseTo(180 / 4, 12);
    expectRelative(r.meanQueueLength, (200 / 3600) * r.asa, 1e-14);
  });

  it('11 agents: P(wait) 0.6821182, SL 0.3896138', () => {
    const r = erlangC({ ...BASE, agents: 11 });
    expect(r.probabilityWait).toBeCloseTo(0.6821182, 7);
    expect(r.serviceLevel).toBeCloseTo(0.3896138, 7);
  });

  it('13 agents: SL ≈ 0.7956', () => {
    expect(erlangC({ ...BASE, agents: 13 }).serviceLevel).toBeCloseTo(0.7956, 4);
  });

  it('threshold 0 gives SL = 1 − P(wait)', () => {
    const r = erlangC({ ...BASE, agents: 12, thresholdSeconds: 0 });
    expect(r.serviceLevel).toBeCloseTo(1 - r.probabilityWait, 15);
  });
});

describe('erlangC: scale and edge cases', () => {
  it('is stable for 1,050 agents at 1,000 Erlang', () => {
    const r = erlangC({
      arrivalsPerHour: 18_000,
      ahtSeconds: 200,
      agents: 1050,
      thresholdSeconds: 20,
    });
    expect(r.probabilityWait).toBeGreaterThan(0.05);
    expect(r.probabilityWait).toBeLessThan(0.1);
    expect(r.serviceLevel).toBeGreaterThan(0.99);
    expect(Number.isFinite(r.asa)).toBe(true);
  });

  it('reports an unstable interval (load ≥ agents) as everyone waits, nobody within T', () => {
    for (const agents of [9, 10]) {
      const r = erlangC({ ...BASE, agents });
      expect(r).toMatchObject({ stable: false, probabilityWait: 1, serviceLevel: 0, occupancy: 1 });
      expect(r.asa).toBe(Number.POSITIVE_INFINITY);
      expect(JSON.parse(JSON.stringify(r)).asa).toBeNull();
    }
  });

  it('with no arrivals nobody waits', () => {
    const r = erlangC({ ...BASE, arrivalsPerHour: 0, agents: 1 });
    expect(r).toMatchObject({ probabilityWait: 0, serviceLevel: 1, asa: 0, occupancy: 0 });
  });

  it.each([
    ['arrivalsPerHour', -1],
    ['arrivalsPerHour', Number.NaN],
    ['ahtSeconds', 0],
    ['ahtSeconds', Number.POSITIVE_INFINITY],
    ['agents', 0],
    ['agents', 3.5],
    ['thresholdSeconds', -5],
  ])('rejects %s = %s with ANALYTIC_INVALID_INPUT', (field, value) => {
    expect(() => erlangC({ ...BASE, agents: 14, [field]: value })).toThrow(
      expect.objectContaining({ name: 'AnalyticError', code: 'ANALYTIC_INVALID_INPUT' }),
    );
  });
});

describe('erlangC: properties', () => {
  const stableInput = fc
    .record({
      ahtSeconds: fc.double({ min: 10, max: 3600, noNaN: true }),
      load: fc.double({ min: 0.05, max: 500, noNaN: true }),
      extra: fc.integer({ min: 1, max: 60 }),
      thresholdSeconds: fc.double({ min: 0, max: 600, noNaN: true }),
    })
    .map(({ ahtSeconds, load, extra, thresholdSeconds }) => ({
      arrivalsPerHour: (load * 3600) / ahtSeconds,
      ahtSeconds,
      agents: Math.floor(load) + extra,
      thresholdSeconds,
    }));

  it('stays in [0, 1]; SL rises and P(wait), ASA fall as agents are added', () => {
    fc.assert(
      fc.property(stableInput, (input) => {
        const r = erlangC(input);
        const more = erlangC({ ...input, agents: input.agents + 1 });
        for (const p of [r.probabilityWait, r.serviceLevel, r.occupancy]) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
        expect(more.serviceLevel).toBeGreaterThanOrEqual(r.serviceLevel);
        expect(more.probabilityWait).toBeLessThanOrEqual(r.probabilityWait);
        expect(more.asa).toBeLessThanOrEqual(r.asa);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('SL falls as the threshold shrinks and equals 1 − P(wait) at T = 0', () => {
    fc.assert(
      fc.property(stableInput, (input) => {
        const r = erlangC(input);
        const zero = erlangC({ ...input, thresholdSeconds: 0 });
        expect(zero.serviceLevel).toBeLessThanOrEqual(r.serviceLevel + 1e-15);
        expect(Math.abs(zero.serviceLevel - (1 - zero.probabilityWait))).toBeLessThan(1e-15);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
