import { describe, expect, it } from 'vitest';
import { erlangC } from '../../src/analytic/erlangC.js';
import { priorityQueue } from '../../src/analytic/priorityQueue.js';

/**
 * scenarios/validation/priority-2q.yaml: vip 40 and standard 60 arrivals per 30 minutes
 * (80 and 120 per hour), exponential handle time 180 s, 12 agents, vip strictly first.
 */
const TWO_QUEUES = {
  classes: [{ arrivalsPerHour: 80 }, { arrivalsPerHour: 120 }],
  ahtSeconds: 180,
  agents: 12,
};

describe('priorityQueue: non-preemptive priority M/M/N (Cobham)', () => {
  it('priority-2q: vip 10.11 s, standard 60.67 s, overall 40.44 s (Erlang C)', () => {
    const r = priorityQueue(TWO_QUEUES);
    expect(r.stable).toBe(true);
    expect(r.offeredLoadErlangs).toBeCloseTo(10, 12);
    // By hand: σ1 = (80/3600)·180/12 = 1/3, σ2 = 10/12; Nμ = 12/180 per s; C(12, 10) = 0.449349.
    // W1 = C / (Nμ · 1 · (1 − 1/3)) = 22.5·C, W2 = C / (Nμ · (2/3) · (1/6)) = 135·C.
    expect(r.classes[0]!.asa).toBeCloseTo(10.11, 2);
    expect(r.classes[1]!.asa).toBeCloseTo(60.67, 2);
    expect(r.classes[1]!.asa / r.classes[0]!.asa).toBeCloseTo(6, 12);
    expect(r.asa).toBeCloseTo(40.44, 2);
  });

  it('the arrival-weighted mean of the class waits is Erlang C’s ASA (conservation)', () => {
    const r = priorityQueue(TWO_QUEUES);
    const mean = (80 * r.classes[0]!.asa + 120 * r.classes[1]!.asa) / 200;
    const c = erlangC({ arrivalsPerHour: 200, ahtSeconds: 180, agents: 12, thresholdSeconds: 0 });
    expect(mean).toBeCloseTo(c.asa, 10);
    for (const k of r.classes) expect(k.probabilityWait).toBeCloseTo(c.probabilityWait, 14);
  });

  it('one class is Erlang C', () => {
    const r = priorityQueue({ classes: [{ arrivalsPerHour: 200 }], ahtSeconds: 180, agents: 14 });
    expect(r.classes[0]!.asa).toBeCloseTo(7.8359, 4);
  });

  it('an overloaded queue is an answer, not an error', () => {
    const r = priorityQueue({ ...TWO_QUEUES, agents: 10 });
    expect(r.stable).toBe(false);
    expect(r.classes.every((k) => k.asa === Number.POSITIVE_INFINITY)).toBe(true);
  });

  it('refuses malformed input with ANALYTIC_INVALID_INPUT', () => {
    expect(() => priorityQueue({ ...TWO_QUEUES, classes: [] })).toThrow(/classes/);
    expect(() => priorityQueue({ ...TWO_QUEUES, classes: [{ arrivalsPerHour: -1 }] })).toThrow(
      /classes\[0\]\.arrivalsPerHour/,
    );
    expect(() => priorityQueue({ ...TWO_QUEUES, agents: 0 })).toThrow(/agents/);
  });
});
