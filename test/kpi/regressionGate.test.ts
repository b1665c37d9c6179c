import { describe, expect, it } from 'vitest';
import type { AggregatedKpiSet, KpiName } from '../../src/kpi/index.js';
import {
  checkTolerances,
  DEFAULT_TOLERANCES,
  KPI_CATALOGUE,
  regressionGate,
  summarize,
} from '../../src/kpi/index.js';

/** A KPI set where every KPI has the given replication values. */
function set(values: Partial<Record<KpiName, number[]>>): AggregatedKpiSet {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(KPI_CATALOGUE))
    out[name] = summarize(values[name as KpiName] ?? [1, 1]);
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

describe('regressionGate per queue and per group', () => {
  const withScopes = (
    total: AggregatedKpiSet,
    queues: Record<string, AggregatedKpiSet>,
    groups: Record<string, AggregatedKpiSet> = {},
  ) => ({ ...total, queues, groups }) as unknown as AggregatedKpiSet;
  const good = set({ serviceLevel: [0.9, 0.91, 0.89], asa: [5, 6, 4] });
  const bad = set({ serviceLevel: [0.7, 0.71, 0.69], asa: [5, 6, 4] });

  it('fails on a regression in one queue while the total passes', () => {
    const base = withScopes(good, { sales: good, billing: good });
    const current = withScopes(good, { sales: good, billing: bad });
    const gate = regressionGate(base, current, { serviceLevel: 0.05 });
    expect(
      gate.comparisons.map((c) => [
        c.scope.kind === 'total' ? 'total' : c.scope.id,
        c.kpi,
        c.regression,
      ]),
    ).toEqual([
      ['total', 'serviceLevel', false],
      ['sales', 'serviceLevel', false],
      ['billing', 'serviceLevel', true],
    ]);
    expect(gate.passed).toBe(false);
  });

  it('compares a group on the KPIs it has, and a queue only where both runs have it', () => {
    const group = (occupancy: number[]) =>
      ({ occupancy: summarize(occupancy), handled: summarize([9, 10, 11]) }) as never;
    const base = withScopes(
      good,
      { sales: good, old: good },
      { experts: group([0.9, 0.91, 0.92]) },
    );
    const current = withScopes(
      good,
      { sales: good, fresh: good },
      { experts: group([0.5, 0.51, 0.52]) },
    );
    const gate = regressionGate(base, current, { serviceLevel: 0.05, occupancy: 0.1 });
    expect(gate.queues).toEqual({
      compared: ['sales'],
      notInBaseline: ['fresh'],
      notInCurrent: ['old'],
    });
    // A group has no service level; its occupancy is neutral: a change, never a regression.
    const experts = gate.comparisons.filter((c) => c.scope.kind === 'group');
    expect(experts.map((c) => [c.kpi, c.change, c.regression])).toEqual([
      ['occupancy', 'changed', false],
    ]);
    expect(gate.passed).toBe(true);
  });

  it('compares a queue-only KPI (transferredIn...) per queue, never in the totals', () => {
    const total = (values: number[]) => {
      const t = { ...set({ transferredInAbandoned: values }) } as Record<string, unknown>;
      for (const [name, entry] of Object.entries(KPI_CATALOGUE))
        if (entry.queueOnly) delete t[name];
      return t as unknown as AggregatedKpiSet;
    };
    const base = withScopes(total([1, 1]), { billing: set({ transferredInAbandoned: [2, 3, 2] }) });
    const current = withScopes(total([1, 1]), {
      billing: set({ transferredInAbandoned: [9, 10, 11] }),
    });
    const gate = regressionGate(base, current, { transferredInAbandoned: 2 });
    expect(gate.comparisons.map((c) => [c.scope.kind, c.kpi, c.regression])).toEqual([
      ['queue', 'transferredInAbandoned', true],
    ]);
    expect(gate.passed).toBe(false);
  });

  it('gates only the totals against a baseline from before per-queue KPIs', () => {
    const old = { ...good } as Record<string, unknown>;
    delete old.queues;
    delete old.groups;
    const gate = regressionGate(
      old as unknown as AggregatedKpiSet,
      withScopes(bad, { sales: bad }),
      {
        serviceLevel: 0.05,
      },
    );
    expect(gate.comparisons.map((c) => c.scope.kind)).toEqual(['total']);
    expect(gate.queues).toEqual({ compared: [], notInBaseline: ['sales'], notInCurrent: [] });
    expect(gate.passed).toBe(false);
  });
});
