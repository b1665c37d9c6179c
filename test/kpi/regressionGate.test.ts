import { describe, expect, it } from 'vitest';
import type { AggregatedKpiSet } from '../../src/kpi/index.js';
import {
  checkTolerances,
  DEFAULT_TOLERANCES,
  KPI_CATALOGUE,
  regressionGate,
  summarize,
} from '../../src/kpi/index.js';

/** A KPI set where every KPI has the given replication values. */
function set(values: Partial<Record<keyof AggregatedKpiSet, number[]>>): AggregatedKpiSet {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(KPI_CATALOGUE))
    out[name] = summarize(values[name as keyof AggregatedKpiSet] ?? [1, 1]);
  return out as unknown as AggregatedKpiSet;
}

describe('regressionGate', () => {
  it('gates the usual three KPIs when the scenario states no tolerance', () => {
    const base = set({
      serviceLevel: [0.9, 0.91, 0.89],
      asa: [5, 6, 4],
      abandonRate: [0.01, 0.02, 0.015],
    });
    const gate = regressionGate(base, base, {});
    expect(gate.defaulted).toBe(true);
    expect(gate.comparisons.map((c) => c.kpi)).toEqual(Object.keys(DEFAULT_TOLERANCES));
    expect(gate.passed).toBe(true);
  });

  it('fails on a significant change beyond the tolerance in the bad direction only', () => {
    const base = set({ serviceLevel: [0.9, 0.91, 0.89], asa: [5, 6, 4] });
    const worse = set({ serviceLevel: [0.7, 0.71, 0.69], asa: [1, 2, 1.5] });
    const gate = regressionGate(base, worse, { serviceLevel: 0.05, asa: 1 });
    expect(gate.comparisons.map((c) => [c.kpi, c.change, c.regression])).toEqual([
      ['serviceLevel', 'worse', true],
      ['asa', 'better', false],
    ]);
    expect(gate.passed).toBe(false);
  });

  it('checkTolerances names every tolerance that is not a KPI, before a run', () => {
    expect(() => checkTolerances({ serviceLevel: 0.02, sl: 1, asaa: 2 })).toThrow(
      expect.objectContaining({
        code: 'KPI_INVALID_INPUT',
        message: expect.stringMatching(/^regression\.tolerance names "sl", "asaa", not a KPI/),
      }),
    );
    expect(() => checkTolerances({ asa: 5 })).not.toThrow();
  });
});
