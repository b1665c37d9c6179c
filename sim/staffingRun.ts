import type { Summary } from '../src/kpi/index.js';
import { intervalLabels, type Scenario, staffingPerInterval } from '../src/scenario/index.js';
import {
  type CandidateEvaluation,
  cachedEvaluator,
  type Evaluator,
  type IntervalStatus,
  type SimulationEvaluatorOptions,
  type StaffingStep,
  searchStaffing,
  simulationEvaluator,
  staffingJudge,
} from './staffing.js';
import { type Bounds, looks } from './staffingBounds.js';
import { formatStaffCommand, type StaffRequest, type StaffSettings } from './staffingRequest.js';

/**
 * The use case of `ccsim staff` (and of `ccsim merge` for staffing shards): the search over an
 * evaluator — simulation, or shards' candidates first — and its outcome as the staffing.json
 * document (docs/reports.md), which another command can read back (`ccsim schedule`).
 */
export interface StaffingInterval {
  readonly label: string;
  readonly warmup: boolean;
  /** Expected new conversations for the group's queues (the scenario's arrivals). */
  readonly offered: number;
  /** Agents of the group the scenario staffs in the interval today. */
  readonly current: number;
  readonly erlang: number;
  /** Required: the answer of the search. */
  readonly agents: number;
  /** agents / (1 − shrinkage), rounded up: to put on the schedule. */
  readonly scheduled: number;
  readonly serviceLevel: Summary;
  readonly occupancy: Summary;
  readonly status: IntervalStatus;
  /** What the status rests on; null for warm-up intervals (no KPIs). */
  readonly decision: {
    /**
     * `straddles`: the bounds contain the target after the budget; `no-spread`: no variance;
     * `unproven`: the bounds decide, the distribution-free evidence does not.
     */
    readonly reason: 'straddles' | 'no-spread' | 'unproven' | null;
    /** The simultaneous bounds of the service level (and of occupancy) the decision used. */
    readonly serviceLevel: Bounds;
    readonly occupancy: Bounds;
    readonly replications: number;
    readonly t: number | null;
    /**
     * Betting evidence on the replications' service levels against the target: the capital
     * reached betting above (`above`) and below (`below`) it, and the `needed` 1/a a decision
     * takes (docs/reports.md).
     */
    readonly evidence: {
      readonly above: number;
      readonly below: number;
      readonly needed: number;
    } | null;
  } | null;
}

/** `staffing.json` of `ccsim staff` (docs/reports.md, "staffing.json"). */
export interface StaffingDocument {
  readonly format: 'ccsim-staffing/2';
  readonly ccsim: { readonly version: string };
  readonly command: string;
  readonly request: StaffRequest;
  readonly scenario: {
    readonly name: string;
    readonly file: string;
    readonly description: string | null;
  };
  readonly group: string;
  readonly capacity: number;
  readonly target: {
    readonly serviceLevel: number;
    readonly thresholdSeconds: number;
    readonly definition: string;
    readonly maxOccupancy: number | null;
  };
  readonly shrinkage: number;
  readonly confidence: number;
  /** Replications of a candidate's first look, and the most it may take. */
  readonly replications: number;
  readonly maxReplications: number;
  readonly seed: number;
  readonly method: {
    readonly estimate: 'erlang-a' | 'erlang-c';
    readonly slotSeconds: number;
    /** m: measured intervals the bounds are simultaneous over. */
    readonly intervals: number;
    /** The replication counts a candidate may be looked at with (K = their number). */
    readonly looks: readonly number[];
    /** The scenario asked for fewer replications than a decision needs; raised from this. */
    readonly replicationsRaisedFrom: number | null;
  };
  readonly intervals: readonly StaffingInterval[];
  readonly total: {
    readonly currentIntervals: number;
    readonly agentIntervals: number;
    readonly scheduledIntervals: number;
    readonly erlangIntervals: number;
    readonly serviceLevel: Summary;
    readonly occupancy: Summary;
    /** Measured intervals still `uncertain` at the answer. */
    readonly uncertain: number;
    /** Replications simulated over every candidate (those from shards included). */
    readonly replications: number;
  };
  readonly search: { readonly evaluations: number; readonly steps: readonly StaffingStep[] };
}

export interface StaffRunContext {
  readonly version: string;
  /** What was asked (merge: a shard's request with its own --out), recorded with its command line. */
  readonly request: StaffRequest;
  readonly workers?: number | undefined;
  /** Candidates already evaluated (shards), keyed by the vector joined with ','. */
  readonly cache?: Map<string, CandidateEvaluation>;
  /** A candidate not in the cache is about to be simulated. */
  readonly onEvaluate?: (agents: readonly number[]) => void;
  readonly onLook?: SimulationEvaluatorOptions['onLook'];
}

/** The simulation evaluator of a search's settings. */
export function settingsEvaluator(
  scenario: Scenario,
  s: StaffSettings,
  extra: {
    readonly workers?: number | undefined;
    readonly onLook?: SimulationEvaluatorOptions['onLook'];
  },
): Evaluator {
  return simulationEvaluator(scenario, {
    group: s.group,
    thresholdSeconds: s.thresholdSeconds,
    replications: s.replications,
    maxReplications: s.maxReplications,
    seed: s.seed,
    workers: extra.workers,
    judge: staffingJudge(scenario, { target: targetOf(s), ...s }),
    ...(extra.onLook ? { onLook: extra.onLook } : {}),
  });
}

function targetOf(s: StaffSettings) {
  return {
    serviceLevel: s.serviceLevel,
    thresholdSeconds: s.thresholdSeconds,
    maxOccupancy: s.maxOccupancy,
  };
}

export async function runStaffing(
  scenario: Scenario,
  file: string,
  s: StaffSettings,
  context: StaffRunContext,
): Promise<StaffingDocument> {
  const target = targetOf(s);
  const judge = staffingJudge(scenario, { target, ...s });
  const evaluate: Evaluator = cachedEvaluator(
    settingsEvaluator(scenario, s, { workers: context.workers, onLook: context.onLook }),
    context.cache ?? new Map(),
    context.onEvaluate,
  );
  const outcome = await searchStaffing(
    scenario,
    { group: s.group, target, maxSteps: s.maxSteps },
    judge,
    evaluate,
  );
  const labels = intervalLabels(scenario);
  const current = staffingPerInterval(scenario)[s.group] ?? [];
  const scheduled = (n: number) => Math.ceil(n / (1 - s.shrinkage) - 1e-9);
  const intervals = outcome.agents.map((agents, i): StaffingInterval => {
    const k = outcome.final.intervals[i]!;
    const e = outcome.estimates[i]!;
    const j = outcome.judgements[i];
    return {
      label: labels[i]!,
      warmup: outcome.status[i] === 'warm-up',
      offered: e.offered,
      current: current[i] ?? 0,
      erlang: e.agents,
      agents,
      scheduled: scheduled(agents),
      serviceLevel: k.serviceLevel,
      occupancy: k.occupancy,
      status: outcome.status[i]!,
      decision: j
        ? {
            reason: j.reason,
            serviceLevel: j.serviceLevel,
            occupancy: j.occupancy,
            replications: j.replications,
            t: j.t,
            evidence: j.evidence && {
              above: j.evidence.above,
              below: j.evidence.below,
              needed: j.evidence.needed,
            },
          }
        : null,
    };
  });
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    format: 'ccsim-staffing/2',
    ccsim: { version: context.version },
    command: formatStaffCommand(context.request),
    request: context.request,
    scenario: { name: scenario.name, file, description: scenario.description ?? null },
    group: s.group,
    capacity: s.capacity,
    target: {
      serviceLevel: s.serviceLevel,
      thresholdSeconds: s.thresholdSeconds,
      definition: scenario.serviceLevel.definition,
      maxOccupancy: s.maxOccupancy ?? null,
    },
    shrinkage: s.shrinkage,
    confidence: s.confidence,
    replications: s.replications,
    maxReplications: s.maxReplications,
    seed: s.seed,
    method: {
      estimate: outcome.estimates[0]?.model === 'a' ? 'erlang-a' : 'erlang-c',
      slotSeconds: outcome.estimates[0]?.slotSeconds ?? 0,
      intervals: judge.intervals,
      looks: looks(s.replications, s.maxReplications),
      replicationsRaisedFrom: s.replicationsRaisedFrom,
    },
    intervals,
    total: {
      currentIntervals: sum(intervals.map((i) => i.current)),
      agentIntervals: sum(intervals.map((i) => i.agents)),
      scheduledIntervals: sum(intervals.map((i) => i.scheduled)),
      erlangIntervals: sum(intervals.map((i) => i.erlang)),
      serviceLevel: outcome.final.total.serviceLevel,
      occupancy: outcome.final.total.occupancy,
      uncertain: intervals.filter((i) => i.status === 'uncertain').length,
      replications: sum(outcome.steps.map((step) => step.replications)),
    },
    search: { evaluations: outcome.steps.length, steps: outcome.steps },
  };
}
