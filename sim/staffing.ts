import {
  aggregateReplications,
  type KpiSet,
  type Summary,
  studentTQuantile,
  summarize,
} from '../src/kpi/index.js';
import { type Scenario, staffingPerInterval } from '../src/scenario/index.js';
import { runReplications } from './pool.js';
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
 *    measured intervals (Bonferroni, default 95%): up while the interval is *shown to fail*
 *    (the upper bound of its service level is below the target, or occupancy above the maximum
 *    for sure); down while one agent fewer is *shown to meet* the target (the lower bound at
 *    e + d − 1 is at least the target). Where the simulation cannot tell — the interval's
 *    interval contains the target — the analytic answer stands. So an Erlang-exact scenario
 *    gets its Erlang answer whatever the noise, and the simulation corrects it where RONA,
 *    concurrency or transfers make the analytic answer measurably wrong.
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
  /** Simultaneous confidence level of the decisions over the measured intervals. */
  readonly confidence: number;
  /** Most uniform shifts (each way) and verification rounds. */
  readonly maxSteps: number;
}

/** One candidate's simulated KPIs per interval (and over the measured horizon). */
export interface CandidateEvaluation {
  readonly agents: readonly number[];
  readonly intervals: readonly {
    readonly offered: Summary;
    readonly serviceLevel: Summary;
    readonly occupancy: Summary;
  }[];
  readonly total: { readonly serviceLevel: Summary; readonly occupancy: Summary };
}

export type Evaluator = (agents: readonly number[]) => Promise<CandidateEvaluation>;

export interface StaffingStep {
  readonly phase: 'estimate' | 'up' | 'down' | 'verify';
  /** The uniform shift d of a candidate e + d; null in verification. */
  readonly offset: number | null;
  readonly agents: readonly number[];
  /** Mean service level per interval (null: warm-up or nothing offered). */
  readonly serviceLevel: readonly (number | null)[];
}

export type IntervalStatus = 'met' | 'uncertain' | 'unmet' | 'warm-up';

export interface StaffingOutcome {
  readonly estimates: readonly IntervalEstimate[];
  readonly agents: readonly number[];
  readonly final: CandidateEvaluation;
  readonly status: readonly IntervalStatus[];
  readonly steps: readonly StaffingStep[];
  /** The t quantile of the simultaneous bounds and the number of intervals they cover. */
  readonly bounds: { readonly t: number | null; readonly intervals: number };
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

export async function searchStaffing(
  scenario: Scenario,
  options: StaffingSearchOptions,
  evaluate: Evaluator,
): Promise<StaffingOutcome> {
  const estimates = erlangEstimates(scenario, options.group, options.target);
  const warm = warmupIntervals(scenario.horizon);
  const measured = warm.flatMap((w, i) => (w ? [] : [i]));
  const firstMeasured = measured[0] ?? 0;
  const steps: StaffingStep[] = [];
  const family = new Map<number, CandidateEvaluation>();
  const judge = judgeOf(options, measured.length);

  const at = async (d: number, phase: StaffingStep['phase']) => {
    let evaluation = family.get(d);
    if (!evaluation) {
      evaluation = await evaluate(shiftedVector(estimates, d));
      family.set(d, evaluation);
      steps.push(stepOf(phase, d, evaluation, warm));
    }
    return evaluation;
  };

  const shift = new Array<number>(estimates.length).fill(0);
  const base = await at(0, 'estimate');
  const up = measured.filter((i) => judge.fails(base, i));
  const down = measured.filter((i) => !judge.fails(base, i));

  // Up: the least d > 0 at which each failing interval is no longer shown to fail.
  let pending = up;
  for (let d = 1; pending.length > 0 && d <= options.maxSteps; d++) {
    const evaluation = await at(d, 'up');
    for (const i of pending) shift[i] = d;
    pending = pending.filter((i) => judge.fails(evaluation, i));
  }
  // Down: while one agent fewer is shown to meet the target.
  let descending = down.filter((i) => estimates[i]!.agents > 0);
  for (let d = -1; descending.length > 0 && d >= -options.maxSteps; d--) {
    const evaluation = await at(d, 'down');
    descending = descending.filter((i) => {
      if (!judge.meets(evaluation, i)) return false;
      shift[i] = d;
      return estimates[i]!.agents + d > 0;
    });
  }
  for (let i = 0; i < shift.length; i++) if (warm[i]) shift[i] = shift[firstMeasured]!;

  // Verify the combination; one more agent where an interval is shown to fail.
  let agents = estimates.map((e, i) => Math.max(0, e.agents + shift[i]!));
  const uniform = shift.every((d) => d === shift[0]);
  let final: CandidateEvaluation =
    uniform && family.has(shift[0]!) ? family.get(shift[0]!)! : await verify(agents);
  for (let round = 0; round < options.maxSteps; round++) {
    const failing = measured.filter((i) => judge.fails(final, i));
    if (failing.length === 0) break;
    agents = agents.map((n, i) =>
      failing.includes(i) || (warm[i] && failing.includes(firstMeasured)) ? n + 1 : n,
    );
    final = await verify(agents);
  }

  async function verify(vector: number[]): Promise<CandidateEvaluation> {
    const evaluation = await evaluate(vector);
    steps.push(stepOf('verify', null, evaluation, warm));
    return evaluation;
  }

  const status = warm.map((w, i): IntervalStatus => {
    if (w) return 'warm-up';
    if (judge.fails(final, i)) return 'unmet';
    return judge.meets(final, i) ? 'met' : 'uncertain';
  });
  return {
    estimates,
    agents,
    final,
    status,
    steps,
    bounds: { t: judge.t(final), intervals: measured.length },
  };
}

function stepOf(
  phase: StaffingStep['phase'],
  offset: number | null,
  evaluation: CandidateEvaluation,
  warm: readonly boolean[],
): StaffingStep {
  return {
    phase,
    offset,
    agents: evaluation.agents,
    serviceLevel: evaluation.intervals.map((k, i) => (warm[i] ? null : k.serviceLevel.mean)),
  };
}

/**
 * Conclusive evidence per interval, at a simultaneous confidence level: each bound is
 * mean ± t(1 − α/(2m), n − 1)·sd/√n with m the measured intervals (Bonferroni), so all m
 * intervals' intervals hold together with probability ≥ the level. With one replication the
 * bounds are the mean.
 */
function judgeOf(options: StaffingSearchOptions, m: number) {
  const alpha = 1 - options.confidence;
  const quantile = (n: number) =>
    n >= 2 ? studentTQuantile(1 - alpha / (2 * Math.max(1, m)), n - 1) : 0;
  const bound = (s: Summary, side: -1 | 1): number | null => {
    if (s.mean === null) return null;
    if (s.sd === null || s.n < 2) return s.mean;
    return s.mean + side * quantile(s.n) * (s.sd / Math.sqrt(s.n));
  };
  const { serviceLevel: target, maxOccupancy } = options.target;
  return {
    fails(e: CandidateEvaluation, i: number): boolean {
      const k = e.intervals[i]!;
      const slHigh = bound(k.serviceLevel, 1);
      if (slHigh !== null && slHigh < target) return true;
      const occLow = bound(k.occupancy, -1);
      return maxOccupancy !== undefined && occLow !== null && occLow > maxOccupancy;
    },
    meets(e: CandidateEvaluation, i: number): boolean {
      const k = e.intervals[i]!;
      const slLow = bound(k.serviceLevel, -1);
      if (slLow !== null && slLow < target) return false;
      const occHigh = bound(k.occupancy, 1);
      return maxOccupancy === undefined || occHigh === null || occHigh <= maxOccupancy;
    },
    t(e: CandidateEvaluation): number | null {
      const n = e.total.serviceLevel.n;
      return n >= 2 ? quantile(n) : null;
    },
  };
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
  readonly replications: number;
  readonly seed: number;
  readonly workers?: number;
}

/** Evaluates candidates by simulation: replications 0..R-1 of the run seed, for every candidate. */
export function simulationEvaluator(scenario: Scenario, o: SimulationEvaluatorOptions): Evaluator {
  return async (agents) => {
    const candidate = scenarioWithStaffing(scenario, o.group, agents, o.thresholdSeconds);
    const results = await runReplications(candidate, {
      replications: o.replications,
      seed: o.seed,
      ...(o.workers !== undefined ? { workers: o.workers } : {}),
    });
    const reports = results.map((r) => r.kpis!);
    const kpis = aggregateReplications(reports);
    const definition = scenario.serviceLevel.definition;
    return {
      agents: [...agents],
      intervals: kpis.intervals.map((k, i) => ({
        offered: k.offered,
        serviceLevel: ratioServiceLevel(
          reports.map((r) => r.intervals[i]!),
          definition,
        ),
        occupancy: k.occupancy,
      })),
      total: {
        serviceLevel: ratioServiceLevel(
          reports.map((r) => r.total),
          definition,
        ),
        occupancy: kpis.total.occupancy,
      },
    };
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
export function ratioServiceLevel(sets: readonly KpiSet[], definition: string): Summary {
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
