import { describe, expect, it } from 'vitest';
import {
  aggregateReplications,
  compareKpiSets,
  computeKpis,
  KPI_CATALOGUE,
  KpiError,
} from '../../src/kpi/index.js';
import { input, leg, record } from './builders.js';

/** A replication where every conversation is answered after `wait` seconds. */
function run(wait: number, recontactWindowMs?: number) {
  const records = [0, 10, 20, 30].map((t, i) =>
    record(`c${i}`, {
      arrivedAt: t,
      firstOfferedAt: t,
      acceptedAt: t + wait,
      endedAt: t + wait + 5,
      outcome: 'handled',
      legs: [leg('a', 'answer', [t, t + wait, t + wait + 5, t + wait + 5])],
    }),
  );
  return computeKpis(
    input({
      records,
      agentCapacity: { a: 4 },
      ...(recontactWindowMs !== undefined ? { recontactWindowMs } : {}),
    }),
  );
}

describe('compareKpiSets', () => {
  const baseline = aggregateReplications([run(5), run(6), run(7), run(5), run(6)]).total;
  const slower = aggregateReplications([run(25), run(26), run(27), run(25), run(26)]).total;

  it('checks the KPIs a scenario names, each in its own direction', () => {
    const checks = compareKpiSets(baseline, slower, { serviceLevel: 0.05, asa: 2, offered: 0 });
    expect(checks.map((c) => [c.kpi, c.direction, c.change, c.regression])).toEqual([
      ['serviceLevel', 'higher', 'worse', true],
      ['asa', 'lower', 'worse', true],
      ['offered', 'neutral', 'none', false],
    ]);
    expect(checks[1]).toMatchObject({
      baseline: expect.closeTo(5.8, 12),
      current: expect.closeTo(25.8, 12),
      tolerance: 2,
    });
  });

  it('refuses a name that is not a KPI', () => {
    expect(() => compareKpiSets(baseline, slower, { sl: 0.05 })).toThrow(KpiError);
  });

  it('refuses a re-contact KPI that a summary does not have', () => {
    expect(() => compareKpiSets(baseline, slower, { fcr: 0.05 })).toThrow(
      /"fcr" is not in the baseline summary/,
    );
    const withFcr = aggregateReplications([run(5, 60_000), run(6, 60_000)]).total;
    const checks = compareKpiSets(withFcr, withFcr, { fcr: 0.05 });
    expect(checks[0]).toMatchObject({ kpi: 'fcr', direction: 'higher', baseline: 1, current: 1 });
  });

  it('the catalogue names every scalar KPI once (the re-contact ones with a window)', () => {
    const numeric = Object.entries(run(5, 60_000).total)
      .filter(([, v]) => typeof v === 'number' || v === null)
      .map(([k]) => k);
    // And the queue sets' own KPIs, which the totals do not have.
    const queueOnly = Object.entries(KPI_CATALOGUE)
      .filter(([, entry]) => entry.queueOnly)
      .map(([k]) => k);
    expect(queueOnly).toEqual(['transferredIn', 'transferredInHandled', 'transferredInAbandoned']);
    expect(Object.keys(KPI_CATALOGUE).sort()).toEqual([...numeric, ...queueOnly].sort());
  });
});
