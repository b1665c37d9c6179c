import { type RosterComponent, rosterComponents } from './components.js';
import { type GroupCoverage, rosterCoverage } from './coverage.js';
import { greedyStart, roundedLp } from './greedyStart.js';
import { type RosterGrid, rosterGrid } from './grid.js';
import {
  highsSolver,
  relativeGap,
  type Solver,
  type SolverProgress,
  type SolverResult,
} from './highsSolver.js';
import { rosterProgram } from './integerProgram.js';
import { checkRequirement, intervalLabel, type Requirement, timeLabel } from './requirement.js';
import { RosterError, RosterErrorCode, type UncoveredInterval } from './rosterError.js';
import { type RosterShift, rosterFromSolution } from './rosterFromSolution.js';
import type { RosterRules } from './rulesSchema.js';
import {
  type GroupDefaults,
  type GroupPlan,
  groupPlans,
  type ShiftCandidate,
  shiftCandidates,
} from './shiftCandidates.js';
import { uncoverableError, uncoverableIntervals } from './uncoverable.js';

export interface RosterRequest {
  readonly rules: RosterRules;
  readonly requirement: Requirement;
  readonly defaults?: GroupDefaults;
  /** Overrides of the rules' `solver` section (the CLI's flags). */
  readonly timeLimitSeconds?: number;
  readonly relativeGap?: number;
  readonly onProgress?: (progress: RosterProgress) => void;
  /** HiGHS unless a test passes another. */
  readonly solver?: Solver;
}

/** The solver's progress over the whole roster: parts solved so far plus the current one. */
export interface RosterProgress extends SolverProgress {
  /** The part being solved (1-based) and how many there are. */
  readonly part: number;
  readonly parts: number;
}

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
  readonly limits: { readonly timeLimitSeconds: number; readonly relativeGap: number };
  readonly solver: Omit<SolverResult, 'values'>;
}

/**
 * Solves a roster: checks the requirement, answers the plain coverage questions before any solve
 * (ROSTER_UNCOVERABLE names the intervals), builds the integer program, solves it within the time
 * limit and turns the best solution into roster lines, checked minute by minute against the
 * requirement. When the solver proves the rules infeasible, a second program with a shortfall
 * variable per slot finds where they fall short (ROSTER_INFEASIBLE names those intervals).
 */
export async function solveRoster(request: RosterRequest): Promise<RosterSolution> {
  const { rules } = request;
  const requirement = checkRequirement(request.requirement);
  const grid = rosterGrid(rules, requirement);
  const plans = groupPlans(rules, requirement, grid, request.defaults);
  const candidates = shiftCandidates(rules, requirement, grid, plans);
  const uncovered = uncoverableIntervals(requirement, grid, plans, candidates);
  if (uncovered.length > 0) throw uncoverableError(requirement, plans, uncovered);

  const limits = {
    timeLimitSeconds: request.timeLimitSeconds ?? rules.solver.timeLimitSeconds,
    relativeGap: request.relativeGap ?? rules.solver.relativeGap,
  };
  const solve = request.solver ?? highsSolver;
  const components = rosterComponents(grid, plans, candidates);
  const shifts: RosterShift[] = [];
  const size = { variables: 0, constraints: 0, nonzeros: 0 };
  const done = { objective: 0, bound: 0, nodes: 0, seconds: 0 };
  let limited = false;
  let version = { name: 'HiGHS', version: '' };
  for (let k = 0; k < components.length; k++) {
    const component = components[k]!;
    const program = rosterProgram(rules, grid, plans, candidates, component);
    size.variables += program.lp.numCols;
    size.constraints += program.lp.numRows;
    size.nonzeros += program.lp.indices.length;
    // What is left of the time limit, shared equally by the parts still to solve: parts that
    // finish early leave their time to the rest.
    const budget = Math.max(
      0.01,
      (limits.timeLimitSeconds - done.seconds) / (components.length - k),
    );
    const onProgress = request.onProgress;
    // The first incumbent: the LP relaxation rounded, completed and trimmed greedily (a few per
    // cent above the LP bound, where HiGHS' own heuristics find rosters 10–30% dearer in a
    // fraction of a second); or, if the LP does not finish, the greedy roster alone.
    const plan = plans[component.group]!;
    // The relaxation may use all the time left: without it there is neither a good start nor a
    // bound, and it takes a few hundredths of a second.
    const relaxed = await solve(program.lp, {
      timeLimitSeconds: Math.max(0.01, limits.timeLimitSeconds - done.seconds),
      relativeGap: 0,
      relax: true,
    });
    const start =
      relaxed.status === 'optimal' && relaxed.values
        ? greedyStart(
            program,
            grid,
            plan,
            candidates,
            roundedLp(program, candidates, relaxed.values),
          )
        : greedyStart(program, grid, plan, candidates);
    done.seconds += relaxed.seconds;
    const result = await solve(program.lp, {
      start,
      timeLimitSeconds: Math.max(0.01, budget - relaxed.seconds),
      relativeGap: limits.relativeGap,
      ...(onProgress
        ? {
            onProgress: (p: SolverProgress) =>
              onProgress({
                ...p,
                seconds: done.seconds + p.seconds,
                objective: p.objective === null ? null : done.objective + p.objective,
                bound: p.bound === null ? null : done.bound + p.bound,
                gap:
                  p.objective === null || p.bound === null
                    ? null
                    : relativeGap(done.objective + p.objective, done.bound + p.bound),
                nodes: done.nodes + p.nodes,
                part: k + 1,
                parts: components.length,
              }),
          }
        : {}),
    });
    version = result.solver;
    if (result.status === 'infeasible') {
      throw await shortfallError(
        solve,
        limits,
        requirement,
        grid,
        plans,
        candidates,
        rules,
        component,
      );
    }
    if (!result.values) {
      throw new RosterError(
        RosterErrorCode.noSolution,
        `no roster found for group "${plans[component.group]!.id}" from ${timeLabel(requirement, grid.startMinute + component.slots[0]! * grid.slotMinutes)} within its share of the time limit (${budget.toFixed(1)} of ${limits.timeLimitSeconds} s); allow more time`,
      );
    }
    limited ||= result.status === 'time-limit';
    done.objective += result.objective ?? 0;
    // The relaxation's optimum bounds the part too, and is the better bound when the
    // branch-and-bound stopped before its root node finished.
    const lpBound = relaxed.status === 'optimal' ? (relaxed.objective ?? 0) : 0;
    done.bound += Math.min(result.objective ?? 0, Math.max(result.bound ?? 0, lpBound));
    done.nodes += result.nodes;
    done.seconds += result.seconds;
    shifts.push(...rosterFromSolution(program, plans, candidates, result.values));
  }
  shifts.sort(lineOrder(plans, rules));
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
  return {
    requirement,
    rules,
    grid,
    plans,
    shifts,
    coverage,
    model: { parts: components.length, shiftCandidates: candidates.length, ...size },
    limits,
    solver: {
      status: limited ? 'time-limit' : 'optimal',
      objective: done.objective,
      bound: done.bound,
      gap: relativeGap(done.objective, done.bound),
      nodes: done.nodes,
      seconds: done.seconds,
      solver: version,
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

async function shortfallError(
  solve: Solver,
  limits: { timeLimitSeconds: number },
  requirement: Requirement,
  grid: RosterGrid,
  plans: readonly GroupPlan[],
  candidates: readonly ShiftCandidate[],
  rules: RosterRules,
  component: RosterComponent,
): Promise<RosterError> {
  const elastic = rosterProgram(rules, grid, plans, candidates, component, { elastic: true });
  const result = await solve(elastic.lp, {
    timeLimitSeconds: limits.timeLimitSeconds,
    relativeGap: 0,
  });
  const values = result.values;
  const plan = plans[component.group]!;
  const intervals: UncoveredInterval[] = [];
  if (values) {
    const seen = new Set<number>();
    elastic.coverage.forEach((slot, r) => {
      const short = Math.round(values[elastic.slackColumn + r]!);
      const interval = Math.floor(slot / grid.slotsPerInterval);
      if (short <= 0 || seen.has(interval)) return;
      seen.add(interval);
      const required = plan.required[slot]!;
      intervals.push({
        group: plan.id,
        interval,
        label: intervalLabel(requirement, interval),
        required,
        coverable: required - short,
      });
    });
  }
  const where = intervals
    .map((u) => `${u.label} (${u.required} required; the closest roster has ${u.coverable})`)
    .join(', ');
  return new RosterError(
    RosterErrorCode.infeasible,
    `no roster of group "${plan.id}" meets every interval under these rules (breaks and seat limits collide)${where ? `: ${where}` : ''}`,
    { intervals },
  );
}
