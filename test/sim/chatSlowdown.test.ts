import { beforeAll, describe, expect, it } from 'vitest';
import { modelOf, simulateReplication } from '../../sim/replication.js';
import { type Summary, studentTQuantile, summarize } from '../../src/kpi/index.js';
import { loadScenario, type Scenario } from '../../src/scenario/index.js';

/**
 * The dynamic chat slow-down (behaviour.agent.slowdownModel: dynamic, src/behaviour/
 * dynamicSlowdown.ts) against the exact birth-death chain of one chat agent:
 * scenarios/validation/chat-slowdown-dynamic.yaml, capacity K = 3, slow-down [1, 1.2, 1.5],
 * Poisson 12 per 30 min, exponential work of mean 180 s at full speed, nobody abandons.
 * Holding n chats the agent works on each at 1/slowdown(n) of its speed; the work being
 * memoryless, the number in the system is a birth-death chain with birth rate λ and death rate
 * min(n, K)·μ/slowdown(min(n, K)). The chain is solved here (truncated where its tail is below
 * 1e-300), not by the code under test: the mean wait is Lq/λ (Little's law on the queue), P(wait)
 * the probability that an arrival finds all K slots taken (PASTA).
 *
 * The estimate of each is the mean over replications (one day after a one-hour warm-up) of the
 * per-replication mean wait (acceptedAt − arrivedAt, the accept delay being 0) and share waiting,
 * over the conversations that arrived in the measured window.
 *
 * Tolerance: the 95% Student-t half-width times the Bonferroni factor for the two comparisons,
 * t(1 − 0.05/4, n − 1) / t(0.975, n − 1), as in validation.test.ts: a correct model fails this
 * file with probability ≤ 5% over the choice of seed (the scenario's own, never tuned).
 */
const COMPARISONS = 2;
const LAMBDA = 12 / 1800;
const MU = 1 / 180;
const SLOWDOWN = [1, 1.2, 1.5];

function exactChain(): { meanWait: number; probabilityWait: number } {
  const k = SLOWDOWN.length;
  const p = [1];
  for (let n = 1; p[n - 1]! > 1e-300; n++) {
    const m = Math.min(n, k);
    p.push((p[n - 1]! * LAMBDA) / ((m * MU) / SLOWDOWN[m - 1]!));
  }
  const z = p.reduce((a, b) => a + b, 0);
  let lq = 0;
  let busy = 0;
  for (let n = k; n < p.length; n++) {
    lq += ((n - k) * p[n]!) / z;
    busy += p[n]! / z;
  }
  return { meanWait: lq / LAMBDA, probabilityWait: busy };
}

interface Waits {
  readonly meanWait: number;
  readonly probabilityWait: number;
}

function waits(scenario: Scenario, replications: number): Waits[] {
  const model = modelOf(scenario);
  const out: Waits[] = [];
  for (let i = 0; i < replications; i++) {
    const records = simulateReplication(scenario, i, { keepRecords: true, kpis: false }).records!;
    let sum = 0;
    let waited = 0;
    let count = 0;
    for (const r of records) {
      if (r.arrivedAt < model.warmupMs || r.arrivedAt >= model.horizonMs) continue;
      if (r.acceptedAt === null) throw new Error(`${r.conversationId} was not answered`);
      const w = r.acceptedAt - r.arrivedAt;
      sum += w / 1000;
      if (w > 0) waited++;
      count++;
    }
    out.push({ meanWait: sum / count, probabilityWait: waited / count });
  }
  return out;
}

function tolerance(estimate: Summary): number {
  const n = estimate.n;
  return (
    (estimate.halfWidth95! * studentTQuantile(1 - 0.05 / (2 * COMPARISONS), n - 1)) /
    studentTQuantile(0.975, n - 1)
  );
}

function expectWithin(name: string, estimate: Summary, exact: number): void {
  const tol = tolerance(estimate);
  const message = `${name}: simulated ${estimate.mean} ± ${estimate.halfWidth95} (n=${estimate.n}), exact ${exact}, tolerance ${tol}`;
  expect(Math.abs(estimate.mean! - exact), message).toBeLessThanOrEqual(tol);
}

describe('validation of the dynamic chat slow-down against the birth-death chain', () => {
  let dynamic: Scenario;
  let reps: Waits[];
  let atAccept: Waits[];
  beforeAll(async () => {
    dynamic = await loadScenario('scenarios/validation/chat-slowdown-dynamic.yaml');
    reps = waits(dynamic, dynamic.simulation.replications);
    const agent = { ...dynamic.behaviour.agent, slowdownModel: 'at-accept' as const };
    const other = { ...dynamic, behaviour: { ...dynamic.behaviour, agent } };
    atAccept = waits(other, dynamic.simulation.replications);
  });

  it('solves the chain to the values of the brief: mean wait 66.88 s, P(wait) 0.2972', () => {
    const exact = exactChain();
    expect(exact.meanWait).toBeCloseTo(66.88, 2);
    expect(exact.probabilityWait).toBeCloseTo(0.2972, 4);
  });

  it('lands within the confidence intervals of the mean wait and P(wait)', () => {
    expect(dynamic.behaviour.agent.slowdownModel).toBe('dynamic');
    const exact = exactChain();
    const meanWait = summarize(reps.map((r) => r.meanWait));
    const probabilityWait = summarize(reps.map((r) => r.probabilityWait));
    expectWithin('mean wait', meanWait, exact.meanWait);
    expectWithin('P(wait)', probabilityWait, exact.probabilityWait);
    console.log(
      `dynamic: mean wait ${meanWait.mean!.toFixed(2)} ± ${meanWait.halfWidth95!.toFixed(2)} s (exact ${exact.meanWait.toFixed(2)}), P(wait) ${probabilityWait.mean!.toFixed(4)} ± ${probabilityWait.halfWidth95!.toFixed(4)} (exact ${exact.probabilityWait.toFixed(4)})`,
    );
  });

  it('waits less with the slow-down fixed at accept, on the same seeds (paired)', () => {
    const meanWait = summarize(atAccept.map((r) => r.meanWait));
    const probabilityWait = summarize(atAccept.map((r) => r.probabilityWait));
    const diff = summarize(reps.map((r, i) => r.meanWait - atAccept[i]!.meanWait));
    console.log(
      `at-accept: mean wait ${meanWait.mean!.toFixed(2)} ± ${meanWait.halfWidth95!.toFixed(2)} s, P(wait) ${probabilityWait.mean!.toFixed(4)} ± ${probabilityWait.halfWidth95!.toFixed(4)}; dynamic − at-accept ${diff.mean!.toFixed(2)} ± ${diff.halfWidth95!.toFixed(2)} s`,
    );
    // Same arrivals and draws, a different model: the paired difference's 95% CI excludes 0.
    expect(diff.low!).toBeGreaterThan(0);
  });
});
