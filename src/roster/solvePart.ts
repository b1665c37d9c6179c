import { type RosterComponent, rosterComponents } from './components.js';
import { greedyStart, roundedLp } from './greedyStart.js';
import { type RosterGrid, rosterGrid } from './grid.js';
import type { Solver, SolverProgress } from './highsSolver.js';
import { type LinearProgram, rosterProgram } from './integerProgram.js';
import { improveRoster } from './localSearch.js';
import { intervalLabel, type Requirement, timeLabel } from './requirement.js';
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

/** Everything a part is solved from: built the same way in the main thread and in each worker. */
export interface RosterParts {
  readonly rules: RosterRules;
  readonly requirement: Requirement;
  readonly grid: RosterGrid;
  readonly plans: readonly GroupPlan[];
  readonly candidates: readonly ShiftCandidate[];
  readonly components: readonly RosterComponent[];
}

export function rosterParts(
  rules: RosterRules,
  requirement: Requirement,
  defaults: GroupDefaults = {},
): RosterParts {
  const grid = rosterGrid(rules, requirement);
  const plans = groupPlans(rules, requirement, grid, defaults);
  const candidates = shiftCandidates(rules, requirement, grid, plans);
  const components = rosterComponents(grid, plans, candidates);
  return { rules, requirement, grid, plans, candidates, components };
}

/** How far each part is searched: work limits, the same on every machine, and a time limit. */
export interface PartLimits {
  readonly relativeGap: number;
  /** Local-search moves per agent of the start roster. */
  readonly movesPerAgent: number;
  /** Branch-and-bound nodes; 0: no branch-and-bound, the local search's roster stands. */
  readonly maxNodes: number;
  /**
   * This part's share of the time limit: its branch-and-bound gets what the relaxation and the
   * local search leave of it.
   */
  readonly timeLimitSeconds: number;
  /**
   * When the whole solve's time limit ends (Date.now() milliseconds): the LP relaxation and the
   * local search stop there at the latest. They are not held to the part's share, as a large part
   * needs more than an average one.
   */
  readonly deadline: number;
}

/** Where a part's search stopped: proven, or at a work limit, or at the clock. */
export type PartStop = 'optimal' | 'work-limit' | 'time-limit';

export interface PartResult {
  readonly part: number;
  readonly shifts: readonly RosterShift[];
  readonly objective: number;
  /** The proven lower bound on the part's optimum: the LP relaxation's or the search's. */
  readonly bound: number;
  readonly stop: PartStop;
  readonly nodes: number;
  /** Seconds inside the solver; the only field that varies between runs. */
  readonly seconds: number;
  readonly size: {
    readonly variables: number;
    readonly constraints: number;
    readonly nonzeros: number;
  };
  readonly solver: { readonly name: string; readonly version: string };
}

function costOf(cost: Float64Array, values: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < values.length; j++) sum += cost[j]! * values[j]!;
  return sum;
}

/**
 * One part, from its program to its roster lines: the LP relaxation (the bound, and a roster
 * rounded from it and completed greedily), a local search of a fixed number of moves on that
 * roster, then HiGHS' branch-and-bound from the searched roster up to a node limit. Every step
 * but the last is bounded by a count, not by seconds, so the part's roster depends only on its
 * input unless the branch-and-bound runs into its time limit.
 */
export async function solvePart(
  parts: RosterParts,
  k: number,
  limits: PartLimits,
  solve: Solver,
  onProgress?: (progress: SolverProgress) => void,
): Promise<PartResult> {
  const { rules, requirement, grid, plans, candidates } = parts;
  const component = parts.components[k]!;
  const plan = plans[component.group]!;
  const program = rosterProgram(rules, grid, plans, candidates, component);
  const size = {
    variables: program.lp.numCols,
    constraints: program.lp.numRows,
    nonzeros: program.lp.indices.length,
  };
  const began = Date.now();
  const secondsLeft = () => (limits.deadline - Date.now()) / 1000;
  // The relaxation runs even past the deadline (HiGHS overruns short limits on large parts, and
  // an earlier part may have taken this one's time): without it there is neither a good start
  // nor a bound, and it takes a few hundredths of a second per group-day.
  const relaxed = await solve(program.lp, {
    timeLimitSeconds: Math.max(1, secondsLeft()),
    relativeGap: 0,
    relax: true,
  });
  const lpBound = relaxed.status === 'optimal' ? (relaxed.objective ?? 0) : 0;
  const greedy =
    relaxed.status === 'optimal' && relaxed.values
      ? greedyStart(program, grid, plan, candidates, roundedLp(program, candidates, relaxed.values))
      : greedyStart(program, grid, plan, candidates);
  const searched = improveRoster(program, grid, plan, candidates, greedy, {
    movesPerAgent: limits.movesPerAgent,
    seed: 0,
    deadline: limits.deadline,
  });
  const start = searched.values;
  const left = Math.min(limits.timeLimitSeconds - (Date.now() - began) / 1000, secondsLeft());
  const startCost = costOf(program.lp.colCost, start);
  const common = { part: k, size, solver: relaxed.solver };
  const finish = (values: Float64Array) => rosterFromSolution(program, plans, candidates, values);
  // The search's roster already proven within the gap by the LP bound: nothing to branch on.
  const provenByLp = startCost - lpBound <= limits.relativeGap * Math.abs(startCost) + 1e-9;
  const fits = satisfies(program.lp, start);
  if ((limits.maxNodes <= 0 || provenByLp || left <= 0.01) && fits) {
    return {
      ...common,
      shifts: finish(start),
      objective: startCost,
      bound: Math.min(startCost, lpBound),
      stop: provenByLp
        ? 'optimal'
        : searched.timedOut || limits.maxNodes > 0
          ? 'time-limit'
          : 'work-limit',
      nodes: 0,
      seconds: relaxed.seconds,
    };
  }
  const result = await solve(program.lp, {
    start,
    timeLimitSeconds: Math.max(0.01, left),
    relativeGap: limits.relativeGap,
    maxNodes: Math.max(0, limits.maxNodes),
    ...(onProgress ? { onProgress } : {}),
  });
  if (result.status === 'infeasible') throw await shortfallError(solve, limits, parts, component);
  // The searched roster stands when the branch-and-bound has none as good: stopped before it took
  // the start in, or after it dropped it (seats it finds exceeded).
  const kept =
    fits && (result.objective === null || startCost < result.objective - 1e-9) ? start : null;
  const values = kept ?? result.values;
  if (!values) {
    throw new RosterError(
      RosterErrorCode.noSolution,
      `no roster found for group "${plan.id}" from ${timeLabel(requirement, grid.startMinute + component.slots[0]! * grid.slotMinutes)} within its share of the time limit (${limits.timeLimitSeconds.toFixed(1)} s); allow more time`,
    );
  }
  const objective = kept ? startCost : (result.objective ?? 0);
  // The relaxation's optimum bounds the part too, and is the better bound when the
  // branch-and-bound stopped before its root node finished.
  const bound = Math.min(objective, Math.max(result.bound ?? 0, lpBound));
  return {
    ...common,
    shifts: finish(values),
    objective,
    bound,
    stop:
      result.status === 'optimal'
        ? 'optimal'
        : result.status === 'time-limit'
          ? 'time-limit'
          : 'work-limit',
    nodes: result.nodes,
    seconds: relaxed.seconds + result.seconds,
    solver: result.solver,
  };
}

/** Whether column values meet every row: coverage, seats and break balances. */
function satisfies(lp: LinearProgram, values: Float64Array): boolean {
  const activity = new Float64Array(lp.numRows);
  for (let j = 0; j < lp.numCols; j++) {
    const v = values[j]!;
    if (v === 0) continue;
    for (let q = lp.starts[j]!; q < lp.starts[j + 1]!; q++)
      activity[lp.indices[q]!]! += lp.values[q]! * v;
  }
  for (let r = 0; r < lp.numRows; r++) {
    if (activity[r]! < lp.rowLower[r]! - 1e-9 || activity[r]! > lp.rowUpper[r]! + 1e-9)
      return false;
  }
  return true;
}

async function shortfallError(
  solve: Solver,
  limits: { timeLimitSeconds: number },
  parts: RosterParts,
  component: RosterComponent,
): Promise<RosterError> {
  const { rules, requirement, grid, plans, candidates } = parts;
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
