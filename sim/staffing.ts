import {
  aggregateReplications,
  type KpiReport,
  type KpiSet,
  type Summary,
  summarize,
} from '../src/kpi/index.js';
import { type Scenario, staffingPerInterval } from '../src/scenario/index.js';
import { runReplications } from './pool.js';
import { type IntervalJudgement, Judge, looks } from './staffingBounds.js';
import { erlangEstimates, type IntervalEstimate, type StaffingTarget } from './staffingEstimate.js';
import { warmupIntervals } from './summary.js';

/**
 * The staffing search of `ccsim staff` (docs/reports.md, "Staffing"): the least agents of one
 * group per interval that meet a service-level target, found by simulation.
 *
 * 1. **Estimate.** Erlang A (C without patience) per interval, as if stationary
 *    (sim/staffingEstimate.ts): the vector e.
 * 2. **Uniform shifts.** Candidates are e + d for whole numbers d (clamped at 0), warm-up
 *    intervals included, simulated with the same replications — the same customers, arrivals,
 *    patience and handle times for every candidate (common random numbers). Shifting every
 *    interval together keeps the carry-over between intervals what it would be under that
 *    staffing: an interval is never judged with neighbours staffed differently from itself.
 * 3. **Per-interval decision, anchored at the estimate.** The simulation moves an interval away
 *    from its estimate only on conclusive evidence, at a simultaneous confidence level over the
 *    measured intervals and a candidate's looks (sim/staffingBounds.ts, default 95%): up while
 *    the interval is *shown to fail* (the upper bound of its service level is below the target,
 *    or occupancy above the maximum for sure); down while one agent fewer is *shown to meet* the
 *    target (the lower bound at e + d − 1 is at least the target). Each candidate starts with R
 *    replications and doubles them while an interval is undecided, up to the cap. Where the
 *    simulation still cannot tell — the interval's bounds contain the target, or there is no
 *    spread — the analytic answer stands. So an Erlang-exact scenario gets its Erlang answer
 *    whatever the noise, and the simulation corrects it where RONA, concurrency or transfers
 *    make the analytic answer measurably wrong.
 * 4. **Verify.** The chosen vector (intervals may now differ in shift) is simulated; an interval
 *    shown to fail gets one agent more, until none does. Warm-up intervals (no KPIs) follow the
 *    first measured interval's shift.
 *
 * Every candidate is a pure function of (scenario, seed, replications, vector), so candidates can
 * be computed on other machines (`--shard k/n`) and fed back through `evaluate`.
 */
export interface StaffingSearchOptions {
  /** The agent group whose staffing is searched; the others stay as in the scenario. */
  readonly group: string;
  readonly target: StaffingTarget;
  /** Most uniform shifts (each way) and verification rounds. */
  readonly maxSteps: number;
}

/** One candidate's simulated KPIs per interval (and over the measured horizon). */
export interface CandidateEvaluation {
  readonly agents: readonly number[];
  /** Replications it took: the first look that decided every measured interval, or the cap. */
  readonly replications: number;
  readonly intervals: readonly {
    readonly offered: Summary;
    readonly serviceLevel: Summary;
    readonly occupancy: Summary;
    /** Each replication's service level in the interval, in order (the judge bets on them). */
    readonly serviceLevels: readonly (number | null)[];
  }[];
  readonly total: { readonly serviceLevel: Summary; readonly occupancy: Summary };
}

export type Evaluator = (agents: readonly number[]) => Promise<CandidateEvaluation>;

export interface StaffingStep {
  readonly phase: 'estimate' | 'up' | 'down' | 'verify';
  /** The uniform shift d of a candidate e + d; null in verification. */
  readonly offset: number | null;
  readonly agents: readonly number[];
  readonly replications: number;
  /** Mean service level per interval (null: warm-up or nothing offered). */
  readonly serviceLevel: readonly (number | null)[];
  /** Measured intervals still undecided at this candidate after its replications. */
  readonly undecided: number;
}

/**
 * `met`: shown to meet the target; `unmet`: shown to fail it within the search's steps;
 * `uncertain`: neither, after every replication the budget allows (or without spread), so the
 * analytic estimate stands; `no-traffic`: nothing offered, nothing to meet.
 */
export type IntervalStatus = 'met' | 'uncertain' | 'unmet' | 'warm-up' | 'no-traffic';

export interface StaffingOutcome {
  readonly estimates: readonly IntervalEstimate[];
  readonly agents: readonly number[];
  readonly final: CandidateEvaluation;
  readonly status: readonly IntervalStatus[];
  /** The final candidate's judgement per interval: the bounds each status rests on. */
  readonly judgements: readonly (IntervalJudgement | null)[];
  readonly steps: readonly StaffingStep[];
}

/** Offsets in the order shards evaluate them ahead: 0, -1, +1, -2, +2, ... up to ±window. */
export function candidateOffsets(window: number): number[] {
  const out = [0];
  for (let d = 1; d <= window; d++) out.push(-d, d);
  return out;
}

export function shiftedVector(estimates: readonly { agents: number }[], d: number): number[] {
  return estimates.map((e) => Math.max(0, e.agents + d));
}

/** The judge of a search: simultaneous bounds over the measured intervals and a candidate's looks. */
export function staffingJudge(
  scenario: Scenario,
  o: {
    readonly target: StaffingTarget;
    readonly confidence: number;
    readonly replications: number;
    readonly maxReplications: number;
  },
): Judge {
  const measured = warmupIntervals(scenario.horizon).filter((w) => !w).length;
  return new Judge(
    o.target,
    o.confidence,
    measured,
    looks(o.replications, o.maxReplications).length,
  );
}

export async function searchStaffing(
  scenario: Scenario,
  options: StaffingSearchOptions,
  judge: Judge,
  evaluate: Evaluator,
): Promise<StaffingOutcome> {
  const estimates = erlangEstimates(scenario, options.group, options.target);
  const warm = warmupIntervals(scenario.horizon);
  const measured = warm.flatMap((w, i) => (w ? [] : [i]));
  const firstMeasured = measured[0] ?? 0;
  const steps: StaffingStep[] = [];
  const family = new Map<number, CandidateEvaluation>();
  const verdict = (e: CandidateEvaluation, i: number) => judge.judge(e.intervals[i]!).verdict;
  const fails = (e: CandidateEvaluation, i: number) => verdict(e, i) === 'unmet';
  const meets = (e: CandidateEvaluation, i: number) => {
    const v = verdict(e, i);
    return v === 'met' || v === 'no-traffic';
  };
  const stepOf = (
    phase: StaffingStep['phase'],
    offset: number | null,
    e: CandidateEvaluation,
  ): StaffingStep => ({
    phase,
    offset,
    agents: e.agents,
    replications: e.replications,
    serviceLevel: e.intervals.map((k, i) => (warm[i] ? null : k.serviceLevel.mean)),
    undecided: measured.filter((i) => verdict(e, i) === 'undecided').length,
  });

  const at = async (d: number, phase: StaffingStep['phase']) => {
    let evaluation = family.get(d);
    if (!evaluation) {
      evaluation = await evaluate(shiftedVector(estimates, d));
      family.set(d, evaluation);
      steps.push(stepOf(phase, d, evaluation));
    }
    return evaluation;
  };

  const shift = new Array<number>(estimates.length).fill(0);
  const base = await at(0, 'estimate');
  const up = measured.filter((i) => fails(base, i));
  const down = measured.filter((i) => !fails(base, i));

  // Up: the least d > 0 at which each failing interval is no longer shown to fail.
  let pending = up;
  for (let d = 1; pending.length > 0 && d <= options.maxSteps; d++) {
    const evaluation = await at(d, 'up');
    for (const i of pending) shift[i] = d;
    pending = pending.filter((i) => fails(evaluation, i));
  }
  // Down: while one agent fewer is shown to meet the target.
  let descending = down.filter((i) => estimates[i]!.agents > 0);
  for (let d = -1; descending.length > 0 && d >= -options.maxSteps; d--) {
    const evaluation = await at(d, 'down');
    descending = descending.filter((i) => {
      if (!meets(evaluation, i)) return false;
      shift[i] = d;
      return estimates[i]!.agents + d > 0;
    });
  }
  for (let i = 0; i < shift.length; i++) if (warm[i]) shift[i] = shift[firstMeasured]!;

  // Verify the combination; one more agent where an interval is shown to fail.
  let agents = estimates.map((e, i) => Math.max(0, e.agents + shift[i]!));
  const uniform = shift.every((d) => d === shift[0]);
  const verify = async (vector: number[]): Promise<CandidateEvaluation> => {
    const evaluation = await evaluate(vector);
    steps.push(stepOf('verify', null, evaluation));
    return evaluation;
  };
  let final: CandidateEvaluation =
    uniform && family.has(shift[0]!) ? family.get(shift[0]!)! : await verify(agents);
  for (let round = 0; round < options.maxSteps; round++) {
    const failing = measured.filter((i) => fails(final, i));
    if (failing.length === 0) break;
    agents = agents.map((n, i) =>
      failing.includes(i) || (warm[i] && failing.includes(firstMeasured)) ? n + 1 : n,
    );
    final = await verify(agents);
  }

  const judgements = warm.map((w, i) => (w ? null : judge.judge(final.intervals[i]!)));
  const status = judgements.map((j): IntervalStatus => {
    if (j === null) return 'warm-up';
    if (j.verdict === 'undecided') return 'uncertain';
    return j.verdict;
  });
  return { estimates, agents, final, status, judgements, steps };
}

/**
 * The scenario with `agents[i]` of the group logged in in interval i (the others as before,
 * shifts turned into per-interval counts), the group's size raised to fit, and the target's
 * threshold as the service-level threshold.
 */
export function scenarioWithStaffing(
  scenario: Scenario,
  group: string,
  agents: readonly number[],
  thresholdSeconds: number,
): Scenario {
  const perInterval: Record<string, number[]> = staffingPerInterval(scenario);
  perInterval[group] = [...agents];
  const most = Math.max(0, ...agents);
  return {
    ...scenario,
    tenant: {
      ...scenario.tenant,
      agentGroups: scenario.tenant.agentGroups.map((g) => {
        if (g.id !== group || g.size >= most) return g;
        const { tokens: _tokens, ...rest } = g;
        return { ...rest, size: most };
      }),
    },
    staffing: { perInterval },
    serviceLevel: { ...scenario.serviceLevel, thresholdSeconds },
  };
}

export interface SimulationEvaluatorOptions {
  readonly group: string;
  readonly thresholdSeconds: number;
  /** Replications of the first look (R). */
  readonly replications: number;
  /** The most a candidate may take (the budget per candidate). */
  readonly maxReplications: number;
  readonly seed: number;
  readonly workers?: number | undefined;
  readonly judge: Judge;
  /** After each look: replications so far and measured intervals still undecided. */
  readonly onLook?: (replications: number, undecided: number) => void;
}

/**
 * Evaluates candidates by simulation: replications 0..R-1 of the run seed — the same customers
 * for every candidate (common random numbers) — then 0..2R-1, 0..4R-1, … while a measured
 * interval is undecided, up to the cap. The looks depend on nothing but the candidate, so an
 * evaluation is a pure function of (scenario, seed, R, cap, vector) and shards can compute it.
 */
export function simulationEvaluator(scenario: Scenario, o: SimulationEvaluatorOptions): Evaluator {
  const warm = warmupIntervals(scenario.horizon);
  const definition = scenario.serviceLevel.definition;
  return async (agents) => {
    const candidate = scenarioWithStaffing(scenario, o.group, agents, o.thresholdSeconds);
    let evaluation: CandidateEvaluation | null = null;
    await simulateLooks(candidate, o, (reports) => {
      const e = evaluationOf(agents, reports, definition);
      evaluation = e;
      return warm.filter((w, i) => !w && o.judge.judge(e.intervals[i]!).verdict === 'undecided')
        .length;
    });
    return evaluation!;
  };
}

/** How `simulateLooks` runs a candidate: its first look, its cap and the run seed. */
export interface LookOptions {
  readonly replications: number;
  readonly maxReplications: number;
  readonly seed: number;
  readonly workers?: number | undefined;
  readonly onLook?: ((replications: number, undecided: number) => void) | undefined;
}

/**
 * Simulates `candidate` with replications 0..R-1 of the run seed — the same customers as every
 * other candidate of that seed (common random numbers) — then 0..2R-1, 0..4R-1, … while
 * `undecided` (given every replication's KPIs so far) says some interval is still undecided, up to
 * the cap. Returns the KPIs of every replication run.
 */
export async function simulateLooks(
  candidate: Scenario,
  o: LookOptions,
  undecided: (reports: readonly KpiReport[]) => number,
): Promise<KpiReport[]> {
  const reports: KpiReport[] = [];
  for (const n of looks(o.replications, o.maxReplications)) {
    const indexes = Array.from({ length: n - reports.length }, (_, j) => reports.length + j);
    const results = await runReplications(candidate, {
      indexes,
      seed: o.seed,
      ...(o.workers !== undefined ? { workers: o.workers } : {}),
    });
    reports.push(...results.map((r) => r.kpis!));
    const open = undecided(reports);
    o.onLook?.(n, open);
    if (open === 0) break;
  }
  return reports;
}

function evaluationOf(
  agents: readonly number[],
  reports: readonly KpiReport[],
  definition: string,
): CandidateEvaluation {
  const kpis = aggregateReplications(reports);
  return {
    agents: [...agents],
    replications: reports.length,
    intervals: kpis.intervals.map((k, i) => ({
      offered: k.offered,
      serviceLevel: ratioServiceLevel(
        reports.map((r) => r.intervals[i]!),
        definition,
      ),
      occupancy: k.occupancy,
      serviceLevels: reports.map((r) => r.intervals[i]!.serviceLevel),
    })),
    total: {
      serviceLevel: ratioServiceLevel(
        reports.map((r) => r.total),
        definition,
      ),
      occupancy: kpis.total.occupancy,
    },
  };
}

/** An evaluator that answers from `cache` (keyed by the vector) first and remembers new ones. */
export function cachedEvaluator(
  evaluate: Evaluator,
  cache: Map<string, CandidateEvaluation>,
  onMiss?: (agents: readonly number[]) => void,
): Evaluator {
  return async (agents) => {
    const key = agents.join(',');
    const hit = cache.get(key);
    if (hit) return hit;
    onMiss?.(agents);
    const evaluation = await evaluate(agents);
    cache.set(key, evaluation);
    return evaluation;
  };
}

/**
 * An interval's service level over replications as the long-run fraction Erlang computes:
 * Σ answered within T / Σ denominator (by the scenario's definition), not the mean of the
 * replications' ratios — busy replications have more conversations and a lower service level, so
 * the mean of ratios overstates it (erlang-c1 at 13 agents: 0.807 per interval against 0.796,
 * Erlang C 0.7956). The spread is the delta method's: the summary of the linearised values
 * (a_r − R·d_r) / mean(d) around R, so that its sd/√n is the ratio's standard error and its
 * 95% interval is R ± t·sd/√n.
 */
export function ratioServiceLevel(
  sets: readonly Pick<
    KpiSet,
    | 'answeredWithinThreshold'
    | 'offered'
    | 'shortAbandoned'
    | 'answered'
    | 'abandonedAfterThreshold'
  >[],
  definition: string,
): Summary {
  const num = sets.map((k) => k.answeredWithinThreshold);
  const den = sets.map((k) =>
    definition === 'offered-minus-short-abandons'
      ? k.offered - k.shortAbandoned
      : definition === 'answered-plus-late-abandons'
        ? k.answered + k.abandonedAfterThreshold
        : k.offered,
  );
  const a = num.reduce((x, y) => x + y, 0);
  const d = den.reduce((x, y) => x + y, 0);
  if (d <= 0) return summarize([]);
  const ratio = Math.min(1, a / d);
  const meanDen = d / den.length;
  const linear = summarize(num.map((n, r) => ratio + (n - ratio * den[r]!) / meanDen));
  if (linear.sd === null) return { ...linear, mean: ratio };
  const half = linear.halfWidth95!;
  return { ...linear, mean: ratio, low: ratio - half, high: ratio + half };
}
