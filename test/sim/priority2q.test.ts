import { beforeAll, describe, expect, it } from 'vitest';
import { modelOf, simulateReplication } from '../../sim/replication.js';
import { priorityQueue } from '../../src/analytic/index.js';
import { type Summary, studentTQuantile, summarize } from '../../src/kpi/index.js';
import { loadScenario, type Scenario } from '../../src/scenario/index.js';

/**
 * Queue priorities (docs/router.md, "Routing") against the exact non-preemptive priority M/M/N
 * queue (Cobham's formula, src/analytic/priorityQueue.ts): scenarios/validation/priority-2q.yaml,
 * vip 40 and standard 60 per 30 min, AHT 180 s exponential, 12 agents serving both, vip first.
 * Each replication is one day (48 stationary intervals) after a one-hour warm-up, through the
 * full router; the estimate of a queue's ASA is the mean over replications of its mean wait
 * (acceptedAt − arrivedAt, the accept delay being 0) over the conversations that arrived in the
 * measured window. Per-queue KPIs are not in summary.json yet (issue 12, item 6): the test
 * computes them from the records.
 *
 * Tolerance: the 95% Student-t half-width of each mean times the Bonferroni factor for the three
 * comparisons, t(1 − 0.05/6, n − 1) / t(0.975, n − 1), as in validation.test.ts: a correct router
 * fails this file with probability ≤ 5% over the choice of seed (the scenario's own, never tuned).
 */
const COMPARISONS = 3;

interface QueueWaits {
  readonly vip: number;
  readonly standard: number;
  readonly all: number;
}

function meanWaits(scenario: Scenario, replications: number): QueueWaits[] {
  const model = modelOf(scenario);
  const out: QueueWaits[] = [];
  for (let i = 0; i < replications; i++) {
    const records = simulateReplication(scenario, i, { keepRecords: true, kpis: false }).records!;
    const sum = { vip: 0, standard: 0 };
    const count = { vip: 0, standard: 0 };
    for (const r of records) {
      if (r.arrivedAt < model.warmupMs || r.arrivedAt >= model.horizonMs) continue;
      if (r.acceptedAt === null) throw new Error(`${r.conversationId} was not answered`);
      const queue = r.queueId as 'vip' | 'standard';
      sum[queue] += (r.acceptedAt - r.arrivedAt) / 1000;
      count[queue]++;
    }
    out.push({
      vip: sum.vip / count.vip,
      standard: sum.standard / count.standard,
      all: (sum.vip + sum.standard) / (count.vip + count.standard),
    });
  }
  return out;
}

function expectWithin(name: string, estimate: Summary, exact: number): void {
  const hw = estimate.halfWidth95!;
  const n = estimate.n;
  const tolerance =
    (hw * studentTQuantile(1 - 0.05 / (2 * COMPARISONS), n - 1)) / studentTQuantile(0.975, n - 1);
  const message = `${name}: simulated ${estimate.mean} ± ${hw} (n=${n}), exact ${exact}, tolerance ${tolerance}`;
  expect(Math.abs(estimate.mean! - exact), message).toBeLessThanOrEqual(tolerance);
}

describe('validation of queue priorities against Cobham (priority-2q)', () => {
  let scenario: Scenario;
  let reps: QueueWaits[];
  beforeAll(async () => {
    scenario = await loadScenario('scenarios/validation/priority-2q.yaml');
    reps = meanWaits(scenario, scenario.simulation.replications);
  });

  it('uses the exact values of the issue: 10.11 s vip, 60.67 s standard, 40.44 s overall', () => {
    const exact = priorityQueue({
      classes: [{ arrivalsPerHour: 80 }, { arrivalsPerHour: 120 }],
      ahtSeconds: 180,
      agents: 12,
    });
    expect(exact.classes[0]!.asa).toBeCloseTo(10.11, 2);
    expect(exact.classes[1]!.asa).toBeCloseTo(60.67, 2);
    expect(exact.asa).toBeCloseTo(40.44, 2);
  });

  it('lands within the confidence intervals of each queue ASA and the overall ASA', () => {
    const exact = priorityQueue({
      classes: [{ arrivalsPerHour: 80 }, { arrivalsPerHour: 120 }],
      ahtSeconds: 180,
      agents: 12,
    });
    const vip = summarize(reps.map((r) => r.vip));
    const standard = summarize(reps.map((r) => r.standard));
    const all = summarize(reps.map((r) => r.all));
    expectWithin('vip ASA', vip, exact.classes[0]!.asa);
    expectWithin('standard ASA', standard, exact.classes[1]!.asa);
    expectWithin('overall ASA', all, exact.asa);
    // The intervals are tight enough to tell the classes apart from each other and from FIFO.
    expect(vip.high!).toBeLessThan(all.low!);
    expect(all.high!).toBeLessThan(standard.low!);
    console.log(
      [vip, standard, all]
        .map(
          (s, k) =>
            `${['vip', 'standard', 'all'][k]} ${s.mean!.toFixed(3)} ± ${s.halfWidth95!.toFixed(3)}`,
        )
        .join('; '),
    );
  });
});
