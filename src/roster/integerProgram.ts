import type { RosterComponent } from './components.js';
import { type RosterGrid, slotOf } from './grid.js';
import type { RosterRules } from './rulesSchema.js';
import type { GroupPlan, ShiftCandidate } from './shiftCandidates.js';

/**
 * A linear program in the form solvers take: minimise c·x subject to rowLower ≤ A·x ≤ rowUpper and
 * colLower ≤ x ≤ colUpper, every x integer; A in compressed sparse columns.
 */
export interface LinearProgram {
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** The program and what its columns and rows stand for. */
export interface RosterProgram {
  readonly lp: LinearProgram;
  readonly component: RosterComponent;
  /**
   * Per candidate of the component, in its order: its shift column; its break columns follow,
   * break by break, start by start.
   */
  readonly shiftColumn: Int32Array;
  /** Coverage rows come first: row r is the coverage of slot `coverage[r]` of the group. */
  readonly coverage: readonly number[];
  /** With `elastic`, the shortfall column of coverage row r is `slackColumn + r`. */
  readonly slackColumn: number;
}

export interface ProgramOptions {
  /**
   * Every coverage row gets a shortfall variable and the objective becomes the total shortfall:
   * the program that says how far from feasible the rules are, and where.
   */
  readonly elastic?: boolean;
}

/**
 * Aykin's implicit-break formulation (Aykin 1996, Management Science 42(4)): an integer variable
 * per shift (group × type × start) for the agents who work it, and per shift and break an integer
 * variable per allowed break start for the agents who take that break then, with
 *
 *   Σ_t b[s,k,t] = x[s]                                   each shift s, each of its breaks k
 *   Σ_{s on at τ} x[s] − Σ_{breaks at τ} b[s,k,t] ≥ r[τ]     each slot τ that requires agents
 *   Σ_{s on at τ} x[s] ≤ maxAgents                          each slot, when the group has seats
 *
 * It stays linear in the break windows (a shift with three windows of 5 starts has 15 break
 * variables, where the explicit set-covering one has 125 columns for the combinations), and it is
 * exact because a shift's break windows do not overlap (the rules refuse that): any choice of one
 * start per break is a valid day, so the agents of a shift can take the break starts in any
 * pairing.
 */
export function rosterProgram(
  rules: RosterRules,
  grid: RosterGrid,
  plans: readonly GroupPlan[],
  candidates: readonly ShiftCandidate[],
  component: RosterComponent,
  options: ProgramOptions = {},
): RosterProgram {
  const elastic = options.elastic ?? false;
  const plan = plans[component.group]!;
  const mine = component.candidates.map((i) => candidates[i]!);
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const covers = new Int32Array(grid.slots).fill(-1);
  for (const slot of component.slots) {
    covers[slot] = rowLower.length;
    rowLower.push(plan.required[slot]!);
    rowUpper.push(Number.POSITIVE_INFINITY);
  }
  // Seats matter only where one of the component's shifts can be.
  let seats: Int32Array | null = null;
  if (plan.maxAgents !== null) {
    seats = new Int32Array(grid.slots).fill(-1);
    for (const c of mine) {
      for (let s = slotOf(grid, c.start); s < slotOf(grid, c.end); s++) seats[s] = 0;
    }
    for (let s = 0; s < grid.slots; s++) {
      if (seats[s] === -1) continue;
      seats[s] = rowLower.length;
      rowLower.push(Number.NEGATIVE_INFINITY);
      rowUpper.push(plan.maxAgents);
    }
  }

  const colCost: number[] = [];
  const colUpper: number[] = [];
  const starts: number[] = [];
  const indices: number[] = [];
  const values: number[] = [];
  const column = (cost: number, upper: number) => {
    starts.push(indices.length);
    colCost.push(cost);
    colUpper.push(upper);
  };
  const entry = (row: number, value: number) => {
    indices.push(row);
    values.push(value);
  };

  const shiftColumn = new Int32Array(mine.length);
  mine.forEach((c, i) => {
    const hours = c.paidMinutes / 60;
    const cost = elastic
      ? 0
      : rules.objective === 'cost'
        ? hours * plan.costPerHour * c.type.costFactor
        : hours;
    shiftColumn[i] = colCost.length;
    column(cost, plan.maxAgents ?? Number.POSITIVE_INFINITY);
    const from = slotOf(grid, c.start);
    const to = slotOf(grid, c.end);
    for (let s = from; s < to; s++) if (covers[s]! >= 0) entry(covers[s]!, 1);
    if (seats) for (let s = from; s < to; s++) entry(seats[s]!, 1);
    const balance = c.breaks.map(() => {
      rowLower.push(0);
      rowUpper.push(0);
      return rowLower.length - 1;
    });
    for (const row of balance) entry(row, -1);
    c.breaks.forEach((b, k) => {
      const length = b.away / grid.slotMinutes;
      for (const start of b.starts) {
        column(0, Number.POSITIVE_INFINITY);
        const first = slotOf(grid, start);
        for (let s = first; s < first + length; s++) if (covers[s]! >= 0) entry(covers[s]!, -1);
        entry(balance[k]!, 1);
      }
    });
  });
  const slackColumn = colCost.length;
  if (elastic) {
    component.slots.forEach((_, r) => {
      column(1, Number.POSITIVE_INFINITY);
      entry(r, 1);
    });
  }
  starts.push(indices.length);

  return {
    lp: {
      numCols: colCost.length,
      numRows: rowLower.length,
      colCost: Float64Array.from(colCost),
      colLower: new Float64Array(colCost.length),
      colUpper: Float64Array.from(colUpper),
      rowLower: Float64Array.from(rowLower),
      rowUpper: Float64Array.from(rowUpper),
      starts: Int32Array.from(starts),
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
    component,
    shiftColumn,
    coverage: component.slots,
    slackColumn,
  };
}
