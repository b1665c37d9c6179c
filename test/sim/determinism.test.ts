import { describe, expect, it } from 'vitest';
import { runReplications } from '../../sim/pool.js';
import { simulateReplication } from '../../sim/replication.js';
import { summarizeRun } from '../../sim/summary.js';
import type { TraceEvent } from '../../src/behaviour/index.js';
import { stress, stressHandleTime } from './fixtures.js';

const context = { version: '0.0.0-test', request: { file: 'stress' }, seed: 7 };

function summaryBytes(results: Parameters<typeof summarizeRun>[1]): string {
  return JSON.stringify(summarizeRun(stress(), results, context));
}

function trace(scenario: ReturnType<typeof stress>, index: number): TraceEvent[] {
  const events: TraceEvent[] = [];
  simulateReplication(scenario, index, { kpis: false, onCustomerEvent: (e) => events.push(e) });
  return events;
}

describe('determinism', () => {
  it('gives byte-identical summaries for the same scenario and seed', async () => {
    const a = await runReplications(stress(), { replications: 3, workers: 0 });
    const b = await runReplications(stress(), { replications: 3, workers: 0 });
    expect(summaryBytes(a)).toBe(summaryBytes(b));
  });

  it('gives the same results on worker threads, in index order', async () => {
    const inThread = await runReplications(stress(), { replications: 3, workers: 0 });
    const onWorkers = await runReplications(stress(), { replications: 3, workers: 2 });
    expect(onWorkers.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(summaryBytes(onWorkers)).toBe(summaryBytes(inThread));
  });

  it('makes replication i depend only on (scenario, seed, i)', async () => {
    const all = await runReplications(stress(), { replications: 3, workers: 0 });
    const alone = await runReplications(stress(), { indexes: [2], workers: 0 });
    expect(JSON.stringify(alone[0])).toBe(JSON.stringify(all[2]));
    // Other replications and other seeds differ.
    expect(JSON.stringify(all[1]!.kpis)).not.toBe(JSON.stringify(all[2]!.kpis));
    const otherSeed = simulateReplication(stress(), 2, { seed: 8 });
    expect(JSON.stringify(otherSeed.kpis)).not.toBe(JSON.stringify(all[2]!.kpis));
  });
});

describe('common random numbers', () => {
  // The same scenario with very different staffing: the customers must be the same people,
  // arriving at the same instants with the same first messages.
  const fewer = { staffing: { perInterval: { solo: 1, multi: 1, billing: 0 } } };

  it('shows the same arrivals to two staffing levels', () => {
    const firstMessages = (events: TraceEvent[]) =>
      events.filter((e) => e.type === 'message' && e.seq === 1);
    const base = firstMessages(trace(stress(), 0));
    const cut = firstMessages(trace(stress(fewer), 0));
    expect(base.length).toBeGreaterThan(100);
    expect(cut).toEqual(base);
  });

  it('keeps patience and the customer side of each conversation with the customer', () => {
    const base = trace(stress(), 1);
    const cut = trace(stress(fewer), 1);
    // Customers who abandon in both runs do so after the same patience, and whatever a customer
    // writes in both runs (its n-th message) is the same text.
    const abandonAt = (events: TraceEvent[]) =>
      new Map(events.filter((e) => e.type === 'abandon').map((e) => [e.arrival, e.at]));
    const arrivedAt = new Map(
      base.filter((e) => e.type === 'message' && e.seq === 1).map((e) => [e.arrival, e.at]),
    );
    const a = abandonAt(base);
    const b = abandonAt(cut);
    let both = 0;
    for (const [arrival, at] of a) {
      const other = b.get(arrival);
      if (other === undefined) continue;
      both++;
      expect(other - arrivedAt.get(arrival)!).toBeCloseTo(at - arrivedAt.get(arrival)!, 6);
    }
    expect(both).toBeGreaterThan(20);
    expect(b.size).toBeGreaterThan(a.size);
    const texts = (events: TraceEvent[]) =>
      new Map(
        events.flatMap((e) => (e.type === 'message' ? [[`${e.arrival}/${e.seq}`, e.text]] : [])),
      );
    const ta = texts(base);
    const tb = texts(cut);
    let shared = 0;
    for (const [key, text] of ta) {
      if (!tb.has(key)) continue;
      shared++;
      expect(tb.get(key)).toBe(text);
    }
    expect(shared).toBeGreaterThan(100);
  });

  it('gives a customer the same handle time whoever answers and however loaded', () => {
    // Capacity-1 agents (no slow-down) on the solo group only; no transfers or conferences;
    // patient customers and no missed offers, so that most are served in both runs.
    const only = {
      behaviour: {
        customer: { patience: undefined },
        agent: { missProbability: 0 },
        transfer: { probability: 0 },
        conference: { probability: 0 },
      },
    };
    const handle = (staff: number) => {
      const r = simulateReplication(
        stressHandleTime({
          ...only,
          staffing: { perInterval: { solo: staff, multi: 0, billing: 0 } },
        }),
        0,
        { keepRecords: true, kpis: false },
      );
      return new Map(
        r.records!.flatMap((rec) =>
          rec.outcome === 'handled' && rec.queueId === 'sales'
            ? [[rec.customerId, rec.legs[0]!.endedAt - rec.legs[0]!.acceptedAt]]
            : [],
        ),
      );
    };
    const three = handle(3);
    const four = handle(4);
    let shared = 0;
    for (const [customer, ms] of three) {
      if (!four.has(customer)) continue;
      shared++;
      expect(four.get(customer)).toBeCloseTo(ms, 6);
    }
    expect(shared).toBeGreaterThan(30);
  });
});
