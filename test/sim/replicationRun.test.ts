import { describe, expect, it } from 'vitest';
import { Checker, SimCheckError } from '../../sim/checks.js';
import { deserializeError, serializeError } from '../../sim/errors.js';
import { identityPool } from '../../sim/identityPool.js';
import { modelOf, simulateReplication } from '../../sim/replication.js';
import { ReplicationRun } from '../../sim/replicationRun.js';
import { loadScenario } from '../../src/scenario/index.js';
import { stress, stressHandleTime } from './fixtures.js';

/**
 * Test mode over scenarios that switch every behaviour on: the router's invariants,
 * conservation and the simulator's view of every agent are checked after every event, and any
 * refused command fails the run. The sums show that each path was actually taken.
 */
const variants = [
  ['dialogue, disconnect', () => stress()],
  ['handle time, disconnect', () => stressHandleTime()],
  [
    'dialogue, requeue, least-loaded',
    () => stress({ tenant: { transferPolicy: 'requeue', routingPolicy: 'least-loaded' } }),
  ],
  ['handle time, requeue', () => stressHandleTime({ tenant: { transferPolicy: 'requeue' } })],
  [
    'zero accept delay and wrap-up (immediate follow-ups)',
    () =>
      stress({
        behaviour: {
          agent: {
            acceptDelay: { dist: 'deterministic', value: 0 },
            wrapUpTime: { dist: 'deterministic', value: 0 },
            ronaReturn: { probability: 0.5, delay: { dist: 'deterministic', value: 0 } },
          },
        },
      }),
  ],
] as const;

describe('simulateReplication in test mode', () => {
  for (const [name, make] of variants) {
    it(`keeps every invariant: ${name}`, () => {
      const scenario = make();
      const sum = { ronaCount: 0, transfers: 0, conferences: 0, interrupted: 0, abandoned: 0 };
      let logouts = 0;
      for (let i = 0; i < 4; i++) {
        const r = simulateReplication(scenario, i, { check: true, keepRecords: true });
        const c = r.counts;
        expect(c.refused).toBe(0);
        expect(c.arrivals).toBe(
          c.handled + c.abandoned + c.interrupted + c.transferDisconnected + c.inSystem,
        );
        expect(r.records!.length).toBe(c.arrivals - c.inSystem);
        const k = r.kpis!.total;
        sum.ronaCount += k.ronaCount;
        sum.transfers += k.transfers;
        sum.conferences += k.conferences;
        sum.interrupted += c.interrupted;
        sum.abandoned += c.abandoned;
        logouts += r.agentStates!.filter((s) => s.status === 'LoggedOut').length;
      }
      for (const [key, value] of Object.entries(sum)) {
        expect(value, key).toBeGreaterThan(0);
      }
      expect(logouts).toBeGreaterThan(0);
    });
  }

  it('runs the shipped scenarios in test mode', async () => {
    for (const file of ['scenarios/whatsapp-smoke.yaml', 'scenarios/whatsapp-weekday.yaml']) {
      const scenario = await loadScenario(file);
      const r = simulateReplication(scenario, 0, { check: true });
      expect(r.counts.refused).toBe(0);
      expect(r.counts.arrivals).toBeGreaterThan(0);
    }
  });

  it('fails with the seed and replication that reproduce it', () => {
    const scenario = stress();
    const run = new ReplicationRun(modelOf(scenario), {
      seed: 123,
      replication: 5,
      pool: identityPool(7),
      checker: new Checker(7, 5),
    });
    // Corrupt the simulator's view of one agent: the checker must notice at the first event.
    run.agents[0]!.offers = 1;
    let error: unknown;
    try {
      run.run();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SimCheckError);
    const check = error as SimCheckError;
    expect(check.code).toBe('SIM_CHECK_FAILED');
    expect(check.context).toMatchObject({ seed: 7, replication: 5, at: 0, event: 'interval' });
    expect(check.message).toContain('solo-1');
    expect(check.message).toContain('--seed 7 --replications 6 --check');
    expect(check.message).toContain('simulateReplication(scenario, 5, { seed: 7, check: true })');
  });

  it('keeps a check failure a SimCheckError across a worker boundary', () => {
    const original = new SimCheckError(['boom'], {
      seed: 1,
      replication: 2,
      at: 3,
      event: 'accept',
    });
    const copy = deserializeError(structuredClone(serializeError(original)));
    expect(copy).toBeInstanceOf(SimCheckError);
    expect(copy.message).toBe(original.message);
    expect((copy as SimCheckError).context).toEqual(original.context);
  });

  it("samples the same numbers as the router's own stats", () => {
    const run = new ReplicationRun(modelOf(stress()), {
      seed: 3,
      replication: 0,
      pool: identityPool(7),
    });
    const sampler = run.series;
    const original = sampler.sample.bind(sampler);
    let compared = 0;
    sampler.sample = () => {
      original();
      const stats = run.router.stats();
      const s = sampler.series;
      const last = s.t.length - 1;
      for (const [queue, n] of Object.entries(stats.waiting))
        expect(s.waiting[queue]![last]).toBe(n);
      for (const [status, n] of Object.entries(stats.agents)) {
        expect(s.agents[status as keyof typeof s.agents][last]).toBe(n);
      }
      expect(s.slots.offered[last]).toBe(stats.offeredSlots);
      expect(s.slots.engaged[last]).toBe(stats.activeSlots);
      expect(s.slots.wrapUp[last]).toBe(stats.wrapUpSlots);
      expect(s.slots.capacity[last]).toBe(stats.capacitySlots);
      compared++;
    };
    run.run();
    expect(compared).toBe(120);
    expect(sampler.series.t.slice(0, 3)).toEqual([0, 60, 120]);
  });

  it('logs agents in and out as the staffing plan says', () => {
    const scenario = stress();
    const r = simulateReplication(scenario, 0, { keepRecords: true });
    const model = modelOf(scenario);
    // At each interval start, after the staffing change, the agents on shift are those planned;
    // the rest are logged out or finishing work as Idle (end of shift).
    for (let i = 0; i < model.intervals; i++) {
      const at = i * model.intervalMs;
      for (const group of model.groups) {
        const loggedIn = group.agents.filter((a) => {
          const id = model.agents[a]!.id;
          const last = r.agentStates!.filter((s) => s.agentId === id && s.at <= at).at(-1);
          return (
            last !== undefined && last.status !== 'LoggedOut' && last.idleCode !== 'end-of-shift'
          );
        }).length;
        // RONA'd agents who stayed Idle count as logged in: still on shift.
        expect(loggedIn, `${group.id} at interval ${i}`).toBe(group.staffing[i]);
      }
    }
  });
});
