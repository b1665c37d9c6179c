import { type GroupCoverage, rosterCoverage } from './coverage.js';
import type { RosterGrid } from './grid.js';
import { highsSolver, relativeGap, type Solver } from './highsSolver.js';
import { defaultPartWorkers, type PartInput, solveParts } from './partPool.js';
import { checkRequirement, type Requirement } from './requirement.js';
import { RosterError, RosterErrorCode } from './rosterError.js';
import type { RosterShift } from './rosterFromSolution.js';
import type { RosterRules } from './rulesSchema.js';
import type { GroupDefaults, GroupPlan } from './shiftCandidates.js';
import { type PartStop, rosterParts } from './solvePart.js';
import { uncoverableError, uncoverableIntervals } from './uncoverable.js';

export interface RosterRequest {
  readonly rules: RosterRules;
  readonly requirement: Requirement;
  readonly defaults?: GroupDefaults;
  /** Overrides of the rules' `solver` section (the CLI's flags). */
  readonly timeLimitSeconds?: number;
  readonly relativeGap?: number;
  readonly onProgress?: (progress: RosterProgress) => void;
  /**
   * Worker threads that solve parts side by side (default: one per core, at most one per part);
   * 0 solves in this thread. The roster does not depend on it.
   */
  readonly workers?: number;
  /** HiGHS unless a test passes another; another solver runs in this thread only. */
  readonly solver?: Solver;
}

/** Progress over the whole roster: parts finished so far, and the search of one under way. */
export interface RosterProgress {
  /** Parts finished, and how many there are. */
  readonly done: number;
  readonly parts: number;
  /** Wall-clock seconds since the solve started. */
  readonly seconds: number;
  /** Cost and proven bound of the finished parts (null before the first). */
  readonly objective: number | null;
  readonly bound: number | null;
  readonly gap: number | null;
  /** Branch-and-bound nodes so far, finished parts and the ones under way. */
  readonly nodes: number;
}

/** Where the whole solve stopped: every part proven, a work limit in some part, or the clock. */
export type RosterStatus = 'optimal' | 'work-limit' | 'time-limit';

export interface RosterSolution {
  readonly requirement: Requirement;
  readonly rules: RosterRules;
  readonly grid: RosterGrid;
  readonly plans: readonly GroupPlan[];
  readonly shifts: readonly RosterShift[];
  readonly coverage: readonly GroupCoverage[];
  readonly model: {
    /** Independent programs the roster was split into (docs/roster.md, "Decomposition"). */
    readonly parts: number;
    readonly shiftCandidates: number;
    readonly variables: number;
    readonly constraints: number;
    readonly nonzeros: number;
  };
  readonly limits: {
    readonly timeLimitSeconds: number;
    readonly relativeGap: number;
    readonly searchMoves: number;
    readonly maxNodes: number;
  };
  readonly solver: {
    readonly status: RosterStatus;
    readonly objective: number;
    readonly bound: number;
    readonly gap: number;
    readonly nodes: number;
    /** Seconds inside the solver, summed over the parts (on several threads: more than wall). */
    readonly seconds: number;
    readonly solver: { readonly name: string; readonly version: string };
  };
}

/**
 * Solves a roster: checks the requirement, answers the plain coverage questions before any solve
 * (ROSTER_UNCOVERABLE names the intervals), splits the program into its independent parts and
 * solves them side by side on worker threads (src/roster/solvePart.ts: LP relaxation, rounded
 * start, local search, branch-and-bound), then checks the roster minute by minute against the
 * requirement. When a part's rules are infeasible, a second program with a shortfall variable
 * per slot finds where they fall short (ROSTER_INFEASIBLE names those intervals).
 */
export async function solveRoster(request: RosterRequest): Promise<RosterSolution> {
  const { rules } = request;
  const requirement = checkRequirement(request.requirement);
  const parts = rosterParts(rules, requirement, request.defaults);
  const { grid, plans, candidates, components } = parts;
  const uncovered = uncoverableIntervals(requirement, grid, plans, candidates);
  if (uncovered.length > 0) throw uncoverableError(requirement, plans, uncovered);

  const limits = {
    timeLimitSeconds: request.timeLimitSeconds ?? rules.solver.timeLimitSeconds,
    relativeGap: request.relativeGap ?? rules.solver.relativeGap,
    searchMoves: rules.solver.searchMoves,
    maxNodes: rules.solver.maxNodes,
  };
  const input: PartInput = {
    rules,
    requirement,
    defaults: request.defaults ?? {},
    limits: {
      relativeGap: limits.relativeGap,
      movesPerAgent: limits.searchMoves,
      maxNodes: limits.maxNodes,
    },
    progress: request.onProgress !== undefined,
  };
  const started = performance.now();
  const finished = { objective: 0, bound: 0, nodes: 0 };
  const running = new Map<number, number>();
  const report = (done: number) => {
    let nodes = finished.nodes;
    for (const n of running.values()) nodes += n;
    request.onProgress?.({
      done,
      parts: components.length,
      seconds: (performance.now() - started) / 1000,
      objective: done > 0 ? finished.objective : null,
      bound: done > 0 ? finished.bound : null,
      gap: done > 0 ? relativeGap(finished.objective, finished.bound) : null,
      nodes,
    });
  };
  let done = 0;
  const results = await solveParts(input, parts, {
    workers: request.solver ? 0 : (request.workers ?? defaultPartWorkers(components.length)),
    solver: request.solver ?? highsSolver,
    timeLimitSeconds: limits.timeLimitSeconds,
    onPartDone: (result, count) => {
      done = count;
      running.delete(result.part);
      finished.objective += result.objective;
      finished.bound += result.bound;
      finished.nodes += result.nodes;
      report(done);
    },
    onProgress: (part, p) => {
      running.set(part, p.nodes);
      report(done);
    },
  });

  const shifts = results.flatMap((r) => r.shifts).sort(lineOrder(plans, rules));
  const coverage = rosterCoverage(shifts, requirement);
  for (const group of coverage) {
    const short = group.intervals.find((i) => i.under > 0);
    if (short) {
      throw new RosterError(
        RosterErrorCode.solverFailed,
        `the solver's roster leaves group "${group.group}" ${short.under} agent(s) short at ${short.label}`,
      );
    }
  }
  // Summed in part order, so that the totals' last digits do not depend on the finishing order.
  const sum = (f: (r: (typeof results)[number]) => number) =>
    results.reduce((total, r) => total + f(r), 0);
  const objective = sum((r) => r.objective);
  const bound = sum((r) => r.bound);
  const stops = new Set<PartStop>(results.map((r) => r.stop));
  return {
    requirement,
    rules,
    grid,
    plans,
    shifts,
    coverage,
    model: {
      parts: components.length,
      shiftCandidates: candidates.length,
      variables: sum((r) => r.size.variables),
      constraints: sum((r) => r.size.constraints),
      nonzeros: sum((r) => r.size.nonzeros),
    },
    limits,
    solver: {
      status: stops.has('time-limit')
        ? 'time-limit'
        : stops.has('work-limit')
          ? 'work-limit'
          : 'optimal',
      objective,
      bound,
      gap: relativeGap(objective, bound),
      nodes: sum((r) => r.nodes),
      seconds: sum((r) => r.seconds),
      solver: results[0]?.solver ?? { name: 'HiGHS', version: '' },
    },
  };
}

/** Roster lines by group, then start, end, shift type and break starts: one order for any solve. */
function lineOrder(plans: readonly GroupPlan[], rules: RosterRules) {
  const group = new Map(plans.map((p, i) => [p.id, i]));
  const type = new Map(rules.shifts.map((t, i) => [t.id, i]));
  return (a: RosterShift, b: RosterShift): number => {
    const byKey =
      group.get(a.group)! - group.get(b.group)! ||
      a.start - b.start ||
      a.end - b.end ||
      type.get(a.type)! - type.get(b.type)!;
    if (byKey !== 0) return byKey;
    for (let k = 0; k < a.breaks.length; k++) {
      const d = a.breaks[k]!.start - b.breaks[k]!.start;
      if (d !== 0) return d;
    }
    return 0;
  };
}
