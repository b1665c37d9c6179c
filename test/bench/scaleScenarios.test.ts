import { describe, expect, it } from 'vitest';
import { SCALE_CASES, type ScaleCase, scaleScenario } from '../../bench/scaleScenarios.js';
import { simulateReplication } from '../../sim/index.js';
import type { Scenario } from '../../src/scenario/index.js';

/**
 * bench:sim's scaling table claims each center runs at a given occupancy (85%, one case
 * overloaded). Checked here on the parsed scenarios (the offered load they carry) and by
 * simulation (the busy share of staffed agent time the run counts), never by timing.
 */

/** lambda * AHT / agents, read back from the parsed scenario rather than from the case. */
function offeredLoad(s: Scenario): number {
  const arrivals = Object.values(s.arrivals.perInterval ?? {}) as number[];
  const staffed = Object.values(s.staffing.perInterval ?? {}) as number[];
  const handling = s.behaviour.agent.handling;
  if (handling.model !== 'handle-time' || handling.handleTime.dist !== 'exponential') {
    throw new Error('not an M/M/c scenario');
  }
  const perSecond = arrivals.reduce((a, b) => a + b, 0) / (s.horizon.intervalMinutes * 60);
  return (perSecond * handling.handleTime.mean) / staffed.reduce((a, b) => a + b, 0);
}

/** Mean total occupancy over replications 0..n-1 and its 95% t half-width. */
function occupancy(c: ScaleCase, replications: number, t975: number) {
  const s = scaleScenario(c);
  const values = [...Array(replications).keys()].map(
    (i) => simulateReplication(s, i).kpis!.total.occupancy!,
  );
  const mean = values.reduce((a, b) => a + b, 0) / replications;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (replications - 1));
  return { mean, halfWidth: (t975 * sd) / Math.sqrt(replications) };
}

describe('bench/scaleScenarios: the scaling table centers', () => {
  it('every case has its queues, its agents and the offered load it claims', () => {
    for (const c of SCALE_CASES) {
      const s = scaleScenario(c);
      expect(s.tenant.queues).toHaveLength(c.queues);
      expect(s.tenant.agentGroups.reduce((a, g) => a + g.size, 0)).toBe(
        c.queues * c.agentsPerQueue,
      );
      // Each group serves its own queue only, fed by its own asset.
      for (const [q, g] of s.tenant.agentGroups.entries()) {
        expect(g.queues).toEqual([s.tenant.queues[q]!.id]);
        expect(s.tenant.assets[q]!.queue).toBe(s.tenant.queues[q]!.id);
      }
      expect(offeredLoad(s)).toBeCloseTo(c.load, 12);
      expect(s.horizon.intervals * s.horizon.intervalMinutes).toBe(c.hours * 60);
    }
  });

  // M/M/c without abandonment: the long-run busy share of the servers is exactly lambda*AHT/c.
  // A day of 14 agents measures ~5,400 conversations: the per-replication sd of the occupancy is
  // about sqrt(2/5,400) ~ 0.02 (Poisson arrivals, exponential handle times), so 20 replications
  // give a 95% interval of about +-0.009; asserted below 0.015, tight enough to tell 85% from the
  // 80% or 90% of a wrong arrival rate.
  it('simulated, 14 agents run at the 85% occupancy they are offered', () => {
    const c = SCALE_CASES.find((k) => k.agentsPerQueue === 14)!;
    const { mean, halfWidth } = occupancy(c, 20, 2.093);
    expect(halfWidth).toBeLessThan(0.015);
    expect(Math.abs(mean - 0.85)).toBeLessThanOrEqual(halfWidth);
  });

  // The multi-queue builder, smaller (8 queues x 5 agents, a day): each queue its own M/M/5,
  // ~15,000 conversations a replication, sd ~0.012, 10 replications: about +-0.008.
  it('simulated, 8 queues of 5 agents run at 85% occupancy', () => {
    const c = SCALE_CASES.find((k) => k.queues === 200)!;
    const { mean, halfWidth } = occupancy({ ...c, queues: 8, hours: 24 }, 10, 2.262);
    expect(halfWidth).toBeLessThan(0.015);
    expect(Math.abs(mean - 0.85)).toBeLessThanOrEqual(halfWidth);
  });

  it('simulated, the overload case keeps its agents busy all the time', () => {
    const c = SCALE_CASES.find((k) => k.load > 1)!;
    const s = scaleScenario({ ...c, hours: 2 });
    const r = simulateReplication(s, 0);
    // Offered 120%: the queue never empties after the first minutes, so the agents never idle.
    expect(r.kpis!.total.occupancy).toBeGreaterThan(0.995);
    expect(r.counts.arrivals).toBeGreaterThan(0);
  });
});
