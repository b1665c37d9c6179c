import type { Summary } from '../src/kpi/index.js';
import { intervalLabels, type Scenario } from '../src/scenario/index.js';
import {
  type CandidateEvaluation,
  cachedEvaluator,
  type Evaluator,
  type IntervalStatus,
  type StaffingStep,
  searchStaffing,
  simulationEvaluator,
} from './staffing.js';
import { formatStaffCommand, type StaffRequest, type StaffSettings } from './staffingRequest.js';

/**
 * The use case of `ccsim staff` (and of `ccsim merge` for staffing shards): the search over an
 * evaluator — simulation, or shards' candidates first — and its outcome as the staffing.json
 * document (docs/reports.md), which another command can read back.
 */
export interface StaffingInterval {
  readonly label: string;
  readonly warmup: boolean;
  /** Expected new conversations for the group's queues (the scenario's arrivals). */
  readonly offered: number;
  readonly erlang: number;
  readonly agents: number;
  /** agents / (1 − shrinkage), rounded up: to put on the schedule. */
  readonly scheduled: number;
  readonly serviceLevel: Summary;
  readonly occupancy: Summary;
  readonly status: IntervalStatus;
}

/** `staffing.json` of `ccsim staff` (docs/reports.md, "staffing.json"). */
export interface StaffingDocument {
  readonly format: 'ccsim-staffing/1';
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
  readonly replications: number;
  readonly seed: number;
  readonly method: {
    readonly estimate: 'erlang-a' | 'erlang-c';
    readonly slotSeconds: number;
    /** t quantile of the simultaneous bounds, and over how many measured intervals. */
    readonly boundsT: number | null;
    readonly boundsIntervals: number;
  };
  readonly intervals: readonly StaffingInterval[];
  readonly total: {
    readonly agentIntervals: number;
    readonly scheduledIntervals: number;
    readonly erlangIntervals: number;
    readonly serviceLevel: Summary;
    readonly occupancy: Summary;
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
  readonly onEvaluate?: (agents: readonly number[]) => void;
}

export async function runStaffing(
  scenario: Scenario,
  file: string,
  s: StaffSettings,
  context: StaffRunContext,
): Promise<StaffingDocument> {
  const simulate = simulationEvaluator(scenario, {
    group: s.group,
    thresholdSeconds: s.thresholdSeconds,
    replications: s.replications,
    seed: s.seed,
    ...(context.workers !== undefined ? { workers: context.workers } : {}),
  });
  const evaluate: Evaluator = cachedEvaluator(
    simulate,
    context.cache ?? new Map(),
    context.onEvaluate,
  );
  const outcome = await searchStaffing(
    scenario,
    {
      group: s.group,
      target: {
        serviceLevel: s.serviceLevel,
        thresholdSeconds: s.thresholdSeconds,
        maxOccupancy: s.maxOccupancy,
      },
      confidence: s.confidence,
      maxSteps: s.maxSteps,
    },
    evaluate,
  );
  const labels = intervalLabels(scenario);
  const scheduled = (n: number) => Math.ceil(n / (1 - s.shrinkage) - 1e-9);
  const intervals = outcome.agents.map((agents, i): StaffingInterval => {
    const k = outcome.final.intervals[i]!;
    const e = outcome.estimates[i]!;
    return {
      label: labels[i]!,
      warmup: outcome.status[i] === 'warm-up',
      offered: e.offered,
      erlang: e.agents,
      agents,
      scheduled: scheduled(agents),
      serviceLevel: k.serviceLevel,
      occupancy: k.occupancy,
      status: outcome.status[i]!,
    };
  });
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    format: 'ccsim-staffing/1',
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
    seed: s.seed,
    method: {
      estimate: outcome.estimates[0]?.model === 'a' ? 'erlang-a' : 'erlang-c',
      slotSeconds: outcome.estimates[0]?.slotSeconds ?? 0,
      boundsT: outcome.bounds.t,
      boundsIntervals: outcome.bounds.intervals,
    },
    intervals,
    total: {
      agentIntervals: sum(intervals.map((i) => i.agents)),
      scheduledIntervals: sum(intervals.map((i) => i.scheduled)),
      erlangIntervals: sum(intervals.map((i) => i.erlang)),
      serviceLevel: outcome.final.total.serviceLevel,
      occupancy: outcome.final.total.occupancy,
    },
    search: { evaluations: outcome.steps.length, steps: outcome.steps },
  };
}
