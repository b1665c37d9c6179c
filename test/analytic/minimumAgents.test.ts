import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangA } from '../../src/analytic/erlangA.js';
import { erlangC } from '../../src/analytic/erlangC.js';
import { minimumAgents } from '../../src/analytic/minimumAgents.js';

const SEED = 20240604;
const BASE = { arrivalsPerHour: 200, ahtSeconds: 180, thresholdSeconds: 20 };

describe('minimumAgents', () => {
  it('Erlang C, 80/20 on 10 Erlang: 13 agents (SL 0.7956 at 13 is below, 0.88835 at 14)', () => {
    // 13 agents give 0.7956 < 0.8, so 14; at 75 % the 13 suffice.
    expect(minimumAgents({ model: 'c', ...BASE }, { serviceLevel: 0.8 }).agents).toBe(14);
    expect(minimumAgents({ model: 'c', ...BASE }, { serviceLevel: 0.75 }).agents).toBe(13);
    const found = minimumAgents({ model: 'c', ...BASE }, { serviceLevel: 0.88 });
    expect(found.agents).toBe(14);
    expect(found.result.serviceLevel).toBeCloseTo(0.88835, 5);
  });

  it('Erlang A needs fewer agents than Erlang C because abandons shorten the queue', () => {
    const a = minimumAgents({ model: 'a', ...BASE, patienceSeconds: 300 }, { serviceLevel: 0.8 });
    expect(a.agents).toBe(13);
    expect(a.result.model).toBe('a');
  });

  it('honours a maximum occupancy', () => {
    // 10 Erlang at most 70 % busy: at least 15 agents whatever the service level.
    const found = minimumAgents({ model: 'c', ...BASE }, { serviceLevel: 0.5, maxOccupancy: 0.7 });
    expect(found.agents).toBe(15);
  });

  it('handles large centres (3,000 Erlang) in a few evaluations', () => {
    const centre = { arrivalsPerHour: 36_000, ahtSeconds: 300, thresholdSeconds: 20 };
    const c = minimumAgents({ model: 'c', ...centre }, { serviceLevel: 0.9 });
    const a = minimumAgents({ model: 'a', ...centre, patienceSeconds: 300 }, { serviceLevel: 0.9 });
    expect(c.agents).toBeGreaterThan(3000);
    expect(c.agents).toBeLessThan(3100);
    // With patience, a few hundred waiting customers abandon; the queue stays short enough to
    // meet 90/20 even slightly below the offered load.
    expect(a.agents).toBeLessThan(c.agents);
    expect(a.agents).toBeGreaterThan(2800);
  });

  it('finds the least N: N meets the target and N − 1 does not (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('c' as const, 'a' as const),
        fc.double({ min: 1, max: 400, noNaN: true }),
        fc.double({ min: 30, max: 900, noNaN: true }),
        fc.double({ min: 0.5, max: 0.98, noNaN: true }),
        fc.double({ min: 5, max: 60, noNaN: true }),
        (model, load, ahtSeconds, serviceLevel, thresholdSeconds) => {
          const input = {
            arrivalsPerHour: (load * 3600) / ahtSeconds,
            ahtSeconds,
            thresholdSeconds,
            patienceSeconds: 120,
          };
          const { agents, result } =
            model === 'c'
              ? minimumAgents({ model, ...input }, { serviceLevel })
              : minimumAgents({ model, ...input }, { serviceLevel });
          expect(result.serviceLevel).toBeGreaterThanOrEqual(serviceLevel);
          if (agents > 1) {
            const below =
              model === 'c'
                ? erlangC({ ...input, agents: agents - 1 })
                : erlangA({ ...input, agents: agents - 1 });
            expect(below.serviceLevel).toBeLessThan(serviceLevel);
          }
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('throws ANALYTIC_TARGET_UNREACHABLE beyond maxAgents', () => {
    expect(() => minimumAgents({ model: 'c', ...BASE }, { serviceLevel: 0.99 }, 12)).toThrow(
      expect.objectContaining({ name: 'AnalyticError', code: 'ANALYTIC_TARGET_UNREACHABLE' }),
    );
  });

  it('rejects targets outside (0, 1] and bad inputs with ANALYTIC_INVALID_INPUT', () => {
    for (const target of [
      { serviceLevel: 0 },
      { serviceLevel: 80 },
      { serviceLevel: 0.8, maxOccupancy: 1.5 },
    ]) {
      expect(() => minimumAgents({ model: 'c', ...BASE }, target)).toThrow(
        expect.objectContaining({ code: 'ANALYTIC_INVALID_INPUT' }),
      );
    }
    expect(() =>
      minimumAgents({ model: 'a', ...BASE, patienceSeconds: -1 }, { serviceLevel: 0.8 }),
    ).toThrow(expect.objectContaining({ code: 'ANALYTIC_INVALID_INPUT' }));
  });
});
