import { describe, expect, it } from 'vitest';
import {
  aggregateReplications,
  computeKpis,
  KpiError,
  type KpiReport,
  summarize,
} from '../../src/kpi/index.js';
import { input, leg, record } from './builders.js';

/** One replication: n conversations answered after `wait` seconds, one per 10 s from 0. */
function replication(n: number, wait: number): KpiReport {
  const records = Array.from({ length: n }, (_, i) =>
    record(`c${i}`, {
      arrivedAt: i * 10,
      firstOfferedAt: i * 10,
      acceptedAt: i * 10 + wait,
      endedAt: i * 10 + wait + 5,
      outcome: 'handled',
      legs: [leg('a', 'answer', [i * 10, i * 10 + wait, i * 10 + wait + 5, i * 10 + wait + 5])],
    }),
  );
  return computeKpis(input({ records, agentCapacity: { a: 10 } }));
}

describe('aggregateReplications', () => {
  const reports = [replication(3, 10), replication(6, 30), replication(0, 0)];
  const agg = aggregateReplications(reports);

  it('summarizes every numeric field, total and per interval', () => {
    expect(agg.replications).toBe(3);
    expect(agg.total.offered).toEqual(summarize([3, 6, 0]));
    expect(agg.intervals).toHaveLength(3);
    expect(agg.intervals[0]!.offered).toEqual(summarize([3, 6, 0]));
    expect(agg.intervals[2]!.offered).toEqual(summarize([0, 0, 0]));
  });

  it('skips nulls and says how many values remained', () => {
    // The third replication answered nothing: no ASA.
    expect(agg.total.asa).toEqual(summarize([10, 30]));
    expect(agg.total.asa.n).toBe(2);
  });

  it('summarizes nested diagnostics field by field', () => {
    expect(agg.total.littlesLaw.meanWaiting.n).toBe(3);
    expect(agg.total.littlesLaw.meanWait.n).toBe(2);
  });

  it('a single replication gives means without intervals', () => {
    const one = aggregateReplications([reports[0]!]);
    expect(one.total.offered).toEqual({
      mean: 3,
      sd: null,
      n: 1,
      halfWidth95: null,
      low: null,
      high: null,
    });
  });

  it('is plain JSON (summary.json) and refuses mismatched or missing reports', () => {
    expect(JSON.parse(JSON.stringify(agg))).toEqual(agg);
    expect(() => aggregateReplications([])).toThrow(KpiError);
    const short = { ...reports[0]!, intervals: reports[0]!.intervals.slice(1) };
    try {
      aggregateReplications([reports[0]!, short]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KpiError);
      expect((e as KpiError).code).toBe('KPI_SHAPE_MISMATCH');
    }
  });

  it('one replication: each field is summarize([value]), shared between equal values', () => {
    const one = aggregateReplications([reports[0]!]);
    // Every leaf, walked beside the report it came from.
    const check = (agg: Record<string, unknown>, raw: Record<string, unknown>): number => {
      let leaves = 0;
      for (const [key, value] of Object.entries(raw)) {
        if (typeof value === 'number' || value === null) {
          expect(agg[key]).toEqual(summarize(value === null ? [] : [value]));
          leaves++;
        } else {
          leaves += check(agg[key] as Record<string, unknown>, value as Record<string, unknown>);
        }
      }
      return leaves;
    };
    const raw = reports[0]!;
    const leaves =
      check(one.total as never, raw.total as never) +
      raw.intervals.reduce((n, set, i) => n + check(one.intervals[i] as never, set as never), 0);
    expect(leaves).toBeGreaterThan(50);
    // Interval 2 neither offered nor handled anything: both zeros share one summary object.
    expect(one.intervals[2]!.offered).toBe(one.intervals[2]!.handled);
    expect(JSON.parse(JSON.stringify(one))).toEqual(one);
  });

  it('names the dotted field that is not a number in every replication', () => {
    const bad = structuredClone(reports[1]!) as unknown as {
      total: { littlesLaw: Record<string, unknown> };
    };
    bad.total.littlesLaw.meanWait = 'soon';
    expect(() => aggregateReplications([reports[0]!, bad as unknown as KpiReport])).toThrow(
      'field "littlesLaw.meanWait" is not a number or null in every replication',
    );
  });
});
