import { describe, expect, it } from 'vitest';
import {
  type CandidateEvaluation,
  candidateOffsets,
  ratioServiceLevel,
  scenarioWithStaffing,
  searchStaffing,
  simulationEvaluator,
  staffingJudge,
} from '../../sim/staffing.js';
import { Judge, looks, MIN_STAFFING_REPLICATIONS } from '../../sim/staffingBounds.js';
import { erlangEstimates, slotSeconds } from '../../sim/staffingEstimate.js';
import type { KpiSet, Summary } from '../../src/kpi/index.js';
import { loadScenario, staffingPerInterval } from '../../src/scenario/index.js';

/**
 * The search's logic against fake evaluators whose service level is a known function of the
 * staffing (sd 0.01 over 50 "replications": every decision is clear-cut), on erlang-c1's
 * horizon cut to 6 intervals (2 warm-up, 4 measured) with estimate 14 everywhere.
 */
const c1 = await loadScenario('scenarios/validation/erlang-c1.yaml');
const scenario = { ...c1, horizon: { ...c1.horizon, intervals: 6 } };
const options = {
  group: 'agent',
  target: { serviceLevel: 0.8, thresholdSeconds: 20 },
  maxSteps: 10,
};
/**
 * 100 replications: the betting evidence needs about 50 at a service level 0.09 above the target
 * even without noise (each replication can at most multiply its capital by 1 + 1.125 × 0.09,
 * and 1/a = 2·4/0.05 = 160), so the fakes give it enough to decide what the bounds decide.
 */
const N = 100;
const judge = staffingJudge(scenario, {
  target: options.target,
  confidence: 0.95,
  replications: N,
  maxReplications: N,
});

function summary(mean: number | null, sd = 0.01, n = N): Summary {
  return { mean, sd: mean === null ? null : sd, n, halfWidth95: null, low: null, high: null };
}

/** n replications' service levels with this mean and (about) this sd: mean ± sd alternately. */
function levels(mean: number | null, sd = 0.01, n = N): (number | null)[] {
  return Array.from({ length: n }, (_, r) => (mean === null ? null : mean + (r % 2 ? -sd : sd)));
}

/** A fake evaluator: SL of interval i = sl(agents, i); every call is recorded. */
function fake(sl: (agents: readonly number[], i: number) => number) {
  const calls: number[][] = [];
  const evaluate = async (agents: readonly number[]): Promise<CandidateEvaluation> => {
    calls.push([...agents]);
    return {
      agents: [...agents],
      replications: N,
      intervals: agents.map((_, i) => ({
        offered: summary(100),
        serviceLevel: summary(i < 2 ? null : sl(agents, i)),
        occupancy: summary(0.7),
        serviceLevels: levels(i < 2 ? null : sl(agents, i)),
      })),
      total: { serviceLevel: summary(0.85), occupancy: summary(0.7) },
    };
  };
  return { evaluate, calls };
}

describe('erlangEstimates', () => {
  it('gives Erlang C for erlang-c1: 14 agents at 80/20 (13 gives 0.7956)', () => {
    const e = erlangEstimates(c1, 'agent', { serviceLevel: 0.8, thresholdSeconds: 20 });
    expect(e).toHaveLength(48);
    expect(new Set(e.map((x) => x.agents))).toEqual(new Set([14]));
    expect(e[0]).toMatchObject({ offered: 100, model: 'c', slotSeconds: 180 });
    // 80/60 needs fewer; a max occupancy of 0.7 needs more (a = 10 Erlang: 15 agents).
    expect(
      erlangEstimates(c1, 'agent', { serviceLevel: 0.8, thresholdSeconds: 60 })[0]!.agents,
    ).toBe(13);
    expect(
      erlangEstimates(c1, 'agent', {
        serviceLevel: 0.8,
        thresholdSeconds: 20,
        maxOccupancy: 0.7,
      })[0]!.agents,
    ).toBe(15);
  });

  it('holds a slot for accept, every reply and think time, close and wrap-up in the dialogue model', async () => {
    const weekday = await loadScenario('scenarios/whatsapp-weekday.yaml');
    // 6 + 4.85·55 + 3.85·120 + 25 + 30 (messages mean 4.85)
    expect(slotSeconds(weekday)).toBeCloseTo(6 + 4.85 * 55 + 3.85 * 120 + 25 + 30, 6);
  });
});

describe('searchStaffing', () => {
  it('keeps the estimate when the simulation cannot tell it apart from one agent fewer', async () => {
    // 14 meets clearly, 13 is just below the target (Erlang C's 0.7956).
    const { evaluate, calls } = fake((a, i) => (a[i]! >= 14 ? 0.89 : 0.7956));
    const r = await searchStaffing(scenario, options, judge, evaluate);
    expect(r.agents).toEqual([14, 14, 14, 14, 14, 14]);
    expect(calls).toEqual([Array(6).fill(14), Array(6).fill(13)]);
    expect(r.status).toEqual(['warm-up', 'warm-up', 'met', 'met', 'met', 'met']);
    // Each status names the bound it rests on: the lower bound 0.89 − t·0.01/√100 ≥ 0.8, and
    // the betting evidence that reached 1/a = 160.
    const t = judge.quantile(N)!;
    expect(r.judgements[2]).toMatchObject({ verdict: 'met', replications: N, t });
    expect(r.judgements[2]!.serviceLevel.low).toBeCloseTo(0.89 - (t * 0.01) / Math.sqrt(N), 12);
    expect(r.judgements[2]!.evidence!.needed).toBeCloseTo(160, 9);
    expect(r.judgements[2]!.evidence!.above).toBeGreaterThanOrEqual(160);
    // At 13 (0.7956 ± 0.01) the bound says "fails" (0.7956 + t·0.001 < 0.8), but betting on
    // a mean 0.0044 below the target grows its capital by ≈ 0.019 a replication: 100 reach
    // e^1.9, not 160, so all four stay undecided ("unproven") — and 13 is not taken either way.
    expect(r.steps.map((s) => [s.phase, s.offset, s.undecided])).toEqual([
      ['estimate', 0, 0],
      ['down', -1, 4],
    ]);
  });

  it('keeps the estimate where there is no spread, and reports it uncertain (zero variance is undecided)', async () => {
    // Every replication gives 100% at 14 and at 13: "met ±0.0" would drop to 13.
    const calls: number[][] = [];
    const evaluate = async (agents: readonly number[]): Promise<CandidateEvaluation> => {
      calls.push([...agents]);
      const flat = summary(1, 0);
      return {
        agents: [...agents],
        replications: N,
        intervals: agents.map((_, i) => ({
          offered: summary(100),
          serviceLevel: i < 2 ? summary(null) : flat,
          occupancy: summary(0.7),
          serviceLevels: levels(i < 2 ? null : 1, 0),
        })),
        total: { serviceLevel: flat, occupancy: summary(0.7) },
      };
    };
    const r = await searchStaffing(scenario, options, judge, evaluate);
    expect(r.agents).toEqual([14, 14, 14, 14, 14, 14]);
    expect(r.status.slice(2)).toEqual(['uncertain', 'uncertain', 'uncertain', 'uncertain']);
    expect(r.judgements[3]).toMatchObject({ verdict: 'undecided', reason: 'no-spread' });
    // 13 was tried and is not shown to meet either (no spread there too): 14 stands.
    expect(calls).toEqual([Array(6).fill(14), Array(6).fill(13)]);
  });

  it('goes up while the estimate is shown to fail', async () => {
    const { evaluate } = fake((a, i) => (a[i]! >= 16 ? 0.85 : 0.6));
    const r = await searchStaffing(scenario, options, judge, evaluate);
    expect(r.agents).toEqual([16, 16, 16, 16, 16, 16]);
    expect(r.steps.map((s) => s.offset)).toEqual([0, 1, 2]);
  });

  it('goes down while one agent fewer is shown to meet, interval by interval', async () => {
    // Interval 4 needs 13, the others 11; warm-up intervals follow the first measured one.
    const { evaluate } = fake((a, i) => (a[i]! >= (i === 4 ? 13 : 11) ? 0.9 : 0.5));
    const r = await searchStaffing(scenario, options, judge, evaluate);
    expect(r.agents).toEqual([11, 11, 11, 11, 13, 11]);
    expect(r.steps.map((s) => s.phase)).toEqual([
      'estimate',
      'down',
      'down',
      'down',
      'down',
      'verify',
    ]);
    expect(r.status.slice(2)).toEqual(['met', 'met', 'met', 'met']);
  });

  it('verifies a mixed answer and adds an agent where the carry-over makes it fail', async () => {
    // Interval 3 meets with 11 only if interval 2 has at least 13 (a queue carried over).
    const { evaluate, calls } = fake((a, i) => {
      if (i === 2) return a[2]! >= 13 ? 0.9 : 0.5;
      if (i === 3) return a[3]! >= 11 && (a[2]! >= 13 || a[3]! >= 12) ? 0.9 : 0.5;
      return a[i]! >= 11 ? 0.9 : 0.5;
    });
    const r = await searchStaffing(scenario, options, judge, evaluate);
    // Shifting all: interval 3 reaches 11 (interval 2 is 11 too, so 11 fails there; 12 passes).
    // The mix [13,13,13,12,11,11] is verified and passes.
    expect(r.agents).toEqual([13, 13, 13, 12, 11, 11]);
    expect(calls.at(-1)).toEqual([13, 13, 13, 12, 11, 11]);
  });

  it('adds agents in verification when the mix fails', async () => {
    // With uniform shifts interval 3 meets at 12 (when interval 2 has 12 too); in the mix its
    // neighbour has 11 and it fails until it has 13.
    const { evaluate } = fake((a, i) => {
      if (i === 3) return a[3]! >= 13 || (a[3]! >= 12 && a[2]! >= 12) ? 0.9 : 0.5;
      return a[i]! >= 11 ? 0.9 : 0.5;
    });
    const r = await searchStaffing(scenario, options, judge, evaluate);
    expect(r.agents).toEqual([11, 11, 11, 13, 11, 11]);
    expect(r.steps.map((s) => s.phase).slice(-2)).toEqual(['verify', 'verify']);
  });
});

describe('ratioServiceLevel', () => {
  const set = (answeredWithinThreshold: number, offered: number) =>
    ({
      answeredWithinThreshold,
      offered,
      shortAbandoned: 0,
      answered: offered,
      abandonedAfterThreshold: 0,
    }) as unknown as KpiSet;

  it('is the ratio of the sums, not the mean of the ratios', () => {
    // 90/100 and 10/20: ratio 100/120, mean of ratios 0.7.
    const s = ratioServiceLevel([set(90, 100), set(10, 20)], 'offered');
    expect(s.mean).toBeCloseTo(100 / 120, 12);
    expect(s.n).toBe(2);
    expect(s.low! < s.mean! && s.mean! < s.high!).toBe(true);
    expect(ratioServiceLevel([set(0, 0)], 'offered').mean).toBeNull();
  });
});

describe('scenarioWithStaffing', () => {
  it('sets the group per interval, raises its size to fit and keeps other groups', async () => {
    const weekday = await loadScenario('scenarios/whatsapp-weekday.yaml');
    const before = staffingPerInterval(weekday);
    const agents = Array.from({ length: 20 }, (_, i) => 20 + i);
    const s = scenarioWithStaffing(weekday, 'support', agents, 30);
    const after = staffingPerInterval(s);
    expect(after.support).toEqual(agents);
    expect(after.sales).toEqual(before.sales);
    expect(s.tenant.agentGroups.find((g) => g.id === 'support')!.size).toBe(39);
    expect(s.serviceLevel.thresholdSeconds).toBe(30);
    expect(candidateOffsets(2)).toEqual([0, -1, 1, -2, 2]);
  });
});

describe('simultaneous bounds (issue 14 item 5)', () => {
  const target = { serviceLevel: 0.8, thresholdSeconds: 20 };
  const s = (mean: number, sd: number | null, n: number): Summary => ({
    mean,
    sd,
    n,
    halfWidth95: null,
    low: null,
    high: null,
  });

  /** A sample of n replications around `mean`, its summary and its values together. */
  const sample = (mean: number, sd: number | null, n: number) => ({
    serviceLevel: s(mean, sd, n),
    serviceLevels: Array.from({ length: n }, (_, r) => mean + (r % 2 ? -(sd ?? 0) : (sd ?? 0))),
  });

  it('decides only with spread: one replication, or identical ones, are undecided', () => {
    const judge = new Judge(target, 0.95, 4, 3);
    const occupancy = s(0.7, 0.01, 20);
    expect(judge.judge({ ...sample(1, null, 1), occupancy }).reason).toBe('no-spread');
    expect(judge.judge({ ...sample(1, 0, 60), occupancy }).reason).toBe('no-spread');
    expect(judge.judge({ ...sample(0.95, 0.05, 60), occupancy }).verdict).toBe('met');
    expect(judge.judge({ ...sample(0.6, 0.05, 20), occupancy }).verdict).toBe('unmet');
    expect(judge.judge({ ...sample(0.81, 0.05, 20), occupancy })).toMatchObject({
      verdict: 'undecided',
      reason: 'straddles',
    });
  });

  it('does not call a few close replications "met": the bounds would, the betting evidence does not', () => {
    // 10 replications at 0.95 ± 0.01: the t bound's lower end is ≈ 0.93, far above 0.8, but a
    // sample that small may have missed the left tail of a bounded, skewed service level.
    // Betting can at most multiply its capital by 1 + 1.125 × 0.15 per replication: 10 give < 5,
    // short of 1/a = 160. It takes about 40 (and then the decision is made).
    const judge = new Judge(target, 0.95, 4, 3);
    const occupancy = s(0.7, 0.01, 10);
    const few = judge.judge({ ...sample(0.95, 0.01, 10), occupancy });
    expect(few.serviceLevel.low!).toBeGreaterThan(0.9);
    expect(few).toMatchObject({ verdict: 'undecided', reason: 'unproven' });
    expect(few.evidence!.above).toBeLessThan(5);
    expect(judge.judge({ ...sample(0.95, 0.01, 40), occupancy: s(0.7, 0.01, 40) }).verdict).toBe(
      'met',
    );
  });

  it('widens the bounds for m intervals and K looks together (Bonferroni)', () => {
    // t(1 − 0.05/(2·46·3), 49) against one interval and one look, t(0.975, 49) = 2.0096.
    expect(new Judge(target, 0.95, 1, 1).quantile(50)).toBeCloseTo(2.0096, 3);
    const wide = new Judge(target, 0.95, 46, 3).quantile(50)!;
    expect(wide).toBeGreaterThan(3.8);
    expect(wide).toBeLessThan(4);
    expect(new Judge(target, 0.95, 46, 3).quantile(1)).toBeNull();
  });

  it('looks at R, 2R, 4R, ... up to the cap', () => {
    expect(looks(10, 40)).toEqual([10, 20, 40]);
    expect(looks(10, 30)).toEqual([10, 20, 30]);
    expect(looks(10, 10)).toEqual([10]);
    expect(MIN_STAFFING_REPLICATIONS).toBe(10);
  });

  it('the evaluator adds replications only while an interval is undecided, up to the cap', async () => {
    // erlang-c1 cut to 3 intervals (2 warm-up, 1 measured): at 16 agents (Erlang C SL 0.98) the
    // lower bound clears 0.8 at the first look and the betting evidence at the third; at 13 (Erlang C 0.7956, 0.0044 below the target)
    // no affordable number of replications separates it from the target, so it runs to the cap.
    const short = { ...c1, horizon: { ...c1.horizon, intervals: 3 } };
    const j = staffingJudge(short, {
      target,
      confidence: 0.95,
      replications: 10,
      maxReplications: 40,
    });
    const seen: [number, number][] = [];
    const evaluate = simulationEvaluator(short, {
      group: 'agent',
      thresholdSeconds: 20,
      replications: 10,
      maxReplications: 40,
      seed: 1,
      workers: 0,
      judge: j,
      onLook: (n, undecided) => seen.push([n, undecided]),
    });
    const generous = await evaluate([16, 16, 16]);
    // At 16 (SL ≈ 0.97) the bound clears 0.8 at 10 replications, but betting multiplies its
    // capital by at most 1 + 1.125·0.2 per replication and must reach 1/a = 2/0.05 = 40: 10 and
    // 20 cannot prove it (seed 1: capital 590 at 40), so it looks three times.
    expect(seen).toEqual([
      [10, 1],
      [20, 1],
      [40, 0],
    ]);
    expect(generous.replications).toBe(40);
    expect(j.judge(generous.intervals[2]!).verdict).toBe('met');
    seen.length = 0;
    const tight = await evaluate([13, 13, 13]);
    expect(tight.replications).toBe(40);
    expect(seen).toEqual([
      [10, 1],
      [20, 1],
      [40, 1],
    ]);
  });
});
