import { describe, expect, it } from 'vitest';
import { modelOf, simulateReplication } from '../../sim/replication.js';
import { erlangA, erlangC } from '../../src/analytic/index.js';
import type { ConversationRecord } from '../../src/core/index.js';
import { type Summary, studentTQuantile, summarize } from '../../src/kpi/index.js';
import type { Scenario } from '../../src/scenario/index.js';
import { scenarioFrom, stress, stressHandleTime, stressJson } from './fixtures.js';

/**
 * Contact types (issue 12, item 1) and per-interval overrides (item 1's "AHT by half hour"):
 *
 * - a per-queue and a per-asset block that repeat the tenant's behaviour, and per-interval
 *   factors of 1, change nothing: every record of every replication is the same as without them
 *   (the stress scenario: dialogue and handle-time models, transfers and conferences to queues
 *   and groups, RONA, patience, an asset deletion);
 * - two queues with their own exponential handle times, one with exponential patience, each
 *   served by its own group, match their own Erlang C and Erlang A;
 * - a handle-time factor of 2 in one interval doubles the mean handle time of the legs accepted
 *   in it, and a patience mean per interval rescales the patience of the customers arriving in it.
 *
 * Tolerances: the 95% Student-t half-width of each mean over replications, times the Bonferroni
 * factor t(1 − 0.05/(2k), n − 1) / t(0.975, n − 1) for the k comparisons of a test, so that a
 * correct simulator fails a test with probability ≤ 5% over the choice of seed; the seeds are
 * fixed and were not tuned.
 */

function records(scenario: Scenario, replication: number): readonly ConversationRecord[] {
  return simulateReplication(scenario, replication, { keepRecords: true, kpis: false }).records!;
}

function expectWithin(name: string, estimate: Summary, exact: number, comparisons: number): void {
  const n = estimate.n;
  const factor =
    studentTQuantile(1 - 0.05 / (2 * comparisons), n - 1) / studentTQuantile(0.975, n - 1);
  const tolerance = estimate.halfWidth95! * factor;
  const message = `${name}: simulated ${estimate.mean} ± ${estimate.halfWidth95} (n=${n}), exact ${exact}, tolerance ${tolerance}`;
  expect(Math.abs(estimate.mean! - exact), message).toBeLessThanOrEqual(tolerance);
}

describe('contact types that repeat the tenant defaults (issue 12: byte-identical)', () => {
  const b = stressJson.behaviour as Record<string, Record<string, unknown>>;
  const neutral = (handling: unknown) => ({
    customer: { patience: b.customer!.patience },
    agent: {
      acceptDelay: b.agent!.acceptDelay,
      missProbability: b.agent!.missProbability,
      handling,
      wrapUpTime: b.agent!.wrapUpTime,
      wrapUpReasonWeights: b.agent!.wrapUpReasonWeights,
    },
    transfer: b.transfer,
    conference: b.conference,
    intervals: { handleTimeFactor: 1, patienceFactor: [1, 1, 1, 1, 1, 1, 1, 1] },
  });
  const blocks = (handling: unknown) => ({
    behaviour: {
      intervals: { handleTimeFactor: [1, 1, 1, 1, 1, 1, 1, 1] },
      queues: { sales: neutral(handling), billing: neutral(handling) },
      assets: { 'pn-promo': neutral(handling), 'pn-support': { agent: {} } },
    },
  });

  it('dialogue: the same records, replication by replication', () => {
    const without = stress();
    const typed = stress(blocks(b.agent!.handling));
    // tenant, sales, billing, pn-promo, pn-support (an empty block is a type too).
    expect(modelOf(typed).contactTypes.length).toBe(5);
    for (const i of [0, 1]) {
      expect(JSON.stringify(records(typed, i))).toBe(JSON.stringify(records(without, i)));
    }
  });

  it('handle time: the same records, replication by replication', () => {
    const handling = {
      model: 'handle-time',
      handleTime: { dist: 'lognormal', mean: 240, sd: 150 },
    };
    const without = stressHandleTime();
    const typed = stressHandleTime(blocks(handling));
    for (const i of [0, 1]) {
      expect(JSON.stringify(records(typed, i))).toBe(JSON.stringify(records(without, i)));
    }
  });
});

/** A tenant of independent queues, each with its own asset and its own group of single-chat agents. */
function queuesScenario(options: {
  name: string;
  intervals: number;
  warmupMinutes: number;
  replications: number;
  seed: number;
  queues: readonly { id: string; perInterval: number | number[]; agents: number }[];
  behaviour: Record<string, unknown>;
}): Scenario {
  return scenarioFrom({
    name: options.name,
    horizon: {
      start: '00:00',
      intervalMinutes: 30,
      intervals: options.intervals,
      warmupMinutes: options.warmupMinutes,
      drainMinutes: 240,
    },
    tenant: {
      queues: options.queues.map((q) => ({ id: q.id, name: `Queue ${q.id}` })),
      assets: options.queues.map((q, i) => ({
        id: `pn-${q.id}`,
        number: `+31 20 000 000${i}`,
        queue: q.id,
      })),
      agentGroups: options.queues.map((q) => ({
        id: `g-${q.id}`,
        size: Math.max(1, q.agents),
        capacity: 1,
        queues: [q.id],
      })),
      wrapUpReasons: [{ id: 'done', label: 'Done' }],
      masking: { enabled: false },
    },
    arrivals: {
      perInterval: Object.fromEntries(options.queues.map((q) => [`pn-${q.id}`, q.perInterval])),
    },
    staffing: {
      perInterval: Object.fromEntries(options.queues.map((q) => [`g-${q.id}`, q.agents])),
    },
    behaviour: options.behaviour,
    serviceLevel: { thresholdSeconds: 20 },
    simulation: { replications: options.replications, seed: options.seed },
  });
}

describe('two queues with their own handle times and patience (issue 12: validation)', () => {
  // short: λ = 60 per 30 min, exponential handle time of mean 120 s, 6 agents, no patience
  //   (Erlang C, a = 4 Erlang); long: λ = 30 per 30 min, mean 300 s, 7 agents, exponential
  //   patience of mean 600 s (Erlang A, a = 5 Erlang). The tenant's own handle time (180 s) and
  //   the absence of patience are what the blocks replace.
  const scenario = queuesScenario({
    name: 'two-types',
    intervals: 24,
    warmupMinutes: 60,
    // 80 replications: with 20, seed 3 landed 1.45 half-widths from short's ASA and 1.7 from its
    // P(wait) (the ≤ 5% a correct simulator fails with; the mechanism is checked byte-exact above),
    // and 80 of the same seed give 17.63 ± 1.42 s against 17.09 s. More replications narrow the
    // interval; the tolerance rule is unchanged.
    replications: 80,
    seed: 3,
    queues: [
      { id: 'short', perInterval: 60, agents: 6 },
      { id: 'long', perInterval: 30, agents: 7 },
    ],
    behaviour: {
      agent: { handling: { model: 'handle-time', handleTime: { dist: 'exponential', mean: 180 } } },
      queues: {
        short: { agent: { handling: { handleTime: { dist: 'exponential', mean: 120 } } } },
        long: {
          customer: { patience: { dist: 'exponential', mean: 600 } },
          agent: { handling: { handleTime: { dist: 'exponential', mean: 300 } } },
        },
      },
    },
  });

  it('each queue matches its own Erlang formula within the 95% CI (ASA, P(wait), P(abandon))', () => {
    const exactShort = erlangC({
      arrivalsPerHour: 120,
      ahtSeconds: 120,
      agents: 6,
      thresholdSeconds: 20,
    });
    const exactLong = erlangA({
      arrivalsPerHour: 60,
      ahtSeconds: 300,
      agents: 7,
      thresholdSeconds: 20,
      patienceSeconds: 600,
    });
    const model = modelOf(scenario);
    const per = { short: [] as number[][], long: [] as number[][] };
    for (let i = 0; i < scenario.simulation.replications; i++) {
      const measured = records(scenario, i).filter(
        (r) => r.arrivedAt >= model.warmupMs && r.arrivedAt < model.horizonMs,
      );
      for (const id of ['short', 'long'] as const) {
        const mine = measured.filter((r) => r.queueId === id);
        const answered = mine.filter((r) => r.acceptedAt !== null);
        const asa =
          answered.reduce((s, r) => s + (r.acceptedAt! - r.arrivedAt), 0) / answered.length / 1000;
        const waited = mine.filter((r) => r.acceptedAt === null || r.acceptedAt > r.arrivedAt);
        const abandoned = mine.filter((r) => r.outcome === 'abandoned');
        per[id].push([asa, waited.length / mine.length, abandoned.length / mine.length]);
      }
    }
    const column = (rows: number[][], k: number) => summarize(rows.map((r) => r[k]!));
    const k = 5;
    expectWithin('short ASA', column(per.short, 0), exactShort.asa, k);
    expectWithin('short P(wait)', column(per.short, 1), exactShort.probabilityWait, k);
    expectWithin('long ASA', column(per.long, 0), exactLong.asa, k);
    expectWithin('long P(wait)', column(per.long, 1), exactLong.probabilityWait, k);
    expectWithin('long P(abandon)', column(per.long, 2), exactLong.abandonRate, k);
    // The short queue has no patience: nobody abandons it.
    expect(per.short.every((r) => r[2] === 0)).toBe(true);
    // Tight enough to tell the queues apart from the tenant's 180 s (Erlang C with the wrong
    // handle time gives ASA 35.6 s for short and, without patience, P(abandon) 0 for long).
    expect(column(per.short, 0).halfWidth95!).toBeLessThan(1.5);
  });
});

describe('per-interval overrides (issue 12: AHT and patience by half hour)', () => {
  it('a handle-time factor of 2 in one interval doubles the mean handle time of legs accepted in it', () => {
    // Plenty of agents: a leg starts at arrival, so its interval is the arrival's.
    const scenario = queuesScenario({
      name: 'aht-by-interval',
      intervals: 4,
      warmupMinutes: 0,
      replications: 10,
      seed: 5,
      queues: [{ id: 'q', perInterval: 100, agents: 40 }],
      behaviour: {
        agent: {
          handling: { model: 'handle-time', handleTime: { dist: 'exponential', mean: 180 } },
        },
        intervals: { handleTimeFactor: [1, 2, 1, 0.5] },
      },
    });
    const means: number[][] = [[], [], [], []];
    const intervalMs = 30 * 60_000;
    for (let i = 0; i < scenario.simulation.replications; i++) {
      const sums = [0, 0, 0, 0];
      const counts = [0, 0, 0, 0];
      for (const r of records(scenario, i)) {
        if (r.acceptedAt === null) continue;
        const k = Math.floor(r.acceptedAt / intervalMs);
        if (k > 3) continue;
        sums[k]! += (r.endedAt - r.acceptedAt) / 1000;
        counts[k]!++;
      }
      for (let k = 0; k < 4; k++) means[k]!.push(sums[k]! / counts[k]!);
    }
    [180, 360, 180, 90].forEach((exact, k) => {
      expectWithin(`interval ${k} handle time`, summarize(means[k]!), exact, 4);
    });
  });

  it('a patience mean per interval and per queue: the mean patience of customers arriving in it', () => {
    // Nobody answers (no agents on shift): every customer abandons after their patience.
    const scenario = queuesScenario({
      name: 'patience-by-interval',
      intervals: 2,
      warmupMinutes: 0,
      replications: 10,
      seed: 9,
      queues: [
        { id: 'a', perInterval: 100, agents: 0 },
        { id: 'b', perInterval: 100, agents: 0 },
      ],
      behaviour: {
        customer: { patience: { dist: 'exponential', mean: 300 } },
        agent: {
          handling: { model: 'handle-time', handleTime: { dist: 'exponential', mean: 180 } },
        },
        intervals: { patienceMeanSeconds: [120, 600] },
        queues: { b: { intervals: { patienceFactor: [1, 3] } } },
      },
    });
    const intervalMs = 30 * 60_000;
    const exact: Record<string, number[]> = { a: [120, 600], b: [300, 900] };
    const means: Record<string, number[][]> = { a: [[], []], b: [[], []] };
    for (let i = 0; i < scenario.simulation.replications; i++) {
      const sums: Record<string, number[]> = { a: [0, 0], b: [0, 0] };
      const counts: Record<string, number[]> = { a: [0, 0], b: [0, 0] };
      for (const r of records(scenario, i)) {
        expect(r.outcome).toBe('abandoned');
        const k = Math.floor(r.arrivedAt / intervalMs);
        sums[r.queueId]![k]! += (r.endedAt - r.arrivedAt) / 1000;
        counts[r.queueId]![k]!++;
      }
      for (const q of ['a', 'b'])
        for (const k of [0, 1]) means[q]![k]!.push(sums[q]![k]! / counts[q]![k]!);
    }
    for (const q of ['a', 'b']) {
      for (const k of [0, 1]) {
        expectWithin(
          `queue ${q} interval ${k} patience`,
          summarize(means[q]![k]!),
          exact[q]![k]!,
          4,
        );
      }
    }
  });

  it("a group's handle-time factor on a queue: its legs' mean handle time is the factor times the mean", () => {
    // One queue served by two groups with free agents; the experts take 1.5 times as long.
    const base = queuesScenario({
      name: 'group-factor',
      intervals: 4,
      warmupMinutes: 0,
      replications: 10,
      seed: 11,
      queues: [{ id: 'q', perInterval: 100, agents: 25 }],
      behaviour: {
        agent: {
          handling: { model: 'handle-time', handleTime: { dist: 'exponential', mean: 180 } },
        },
      },
    });
    const json = JSON.parse(JSON.stringify(base)) as Record<string, Record<string, unknown>>;
    (json.tenant!.agentGroups as unknown[]).push({
      id: 'experts',
      size: 25,
      capacity: 1,
      queues: [{ queue: 'q', handleTimeFactor: 1.5 }],
    });
    (json.staffing!.perInterval as Record<string, number>).experts = 25;
    const scenario = scenarioFrom(json);
    const means: Record<string, number[]> = { 'g-q': [], experts: [] };
    for (let i = 0; i < scenario.simulation.replications; i++) {
      const sums: Record<string, number> = { 'g-q': 0, experts: 0 };
      const counts: Record<string, number> = { 'g-q': 0, experts: 0 };
      for (const r of records(scenario, i)) {
        if (r.acceptedAt === null) continue;
        const group = r.agentId!.startsWith('experts') ? 'experts' : 'g-q';
        sums[group]! += (r.endedAt - r.acceptedAt) / 1000;
        counts[group]!++;
      }
      for (const g of ['g-q', 'experts']) means[g]!.push(sums[g]! / counts[g]!);
    }
    expectWithin('g-q handle time', summarize(means['g-q']!), 180, 2);
    expectWithin('experts handle time', summarize(means.experts!), 270, 2);
  });
});
