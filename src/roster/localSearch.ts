import { createRandom, type Random } from '../scenario/random.js';
import { type RosterGrid, slotOf } from './grid.js';
import type { RosterProgram } from './integerProgram.js';
import type { GroupPlan, ShiftCandidate } from './shiftCandidates.js';

/** How long the search runs: a count of moves, so that the result never depends on the clock. */
export interface LocalSearchOptions {
  /** Moves tried per agent-day of the start roster (0: none). */
  readonly movesPerAgent: number;
  /** Seeds the moves; one stream per part. */
  readonly seed: number;
  /**
   * A time limit's end (Date.now() milliseconds): the search stops there with the best so far,
   * and only then does its roster depend on the machine.
   */
  readonly deadline?: number;
}

export interface SearchedRoster {
  readonly values: Float64Array;
  /** Whether the deadline stopped the search before its last move. */
  readonly timedOut: boolean;
}

/** A candidate of the part in the search's terms: slots relative to the part's first slot. */
interface Shift {
  readonly type: number;
  readonly from: number;
  readonly to: number;
  readonly cost: number;
  /** Per break: its length in slots and its allowed first slots. */
  readonly breaks: readonly { readonly length: number; readonly starts: Int32Array }[];
}

/** One agent's day: a shift and, per break, the index of its start. */
interface Day {
  shift: number;
  breaks: Int32Array;
}

/**
 * Simulated annealing over agent-days (a shift with one start per break), from a feasible
 * roster: moves a break, moves a shift by a slot, changes a shift's type, drops an agent or adds
 * one where a slot is short; a short agent-slot costs a penalty, so the search may pass through
 * rosters that miss a slot, but only a roster that meets every slot is kept as the best. The
 * number of moves is fixed and the moves are drawn from a seeded stream, so the same part gives
 * the same roster on any machine, under any load, unless the deadline cuts it short. Returns the
 * best roster's column values (the start itself when nothing better was found).
 */
export function improveRoster(
  program: RosterProgram,
  grid: RosterGrid,
  plan: GroupPlan,
  candidates: readonly ShiftCandidate[],
  start: Float64Array,
  options: LocalSearchOptions,
): SearchedRoster {
  const unchanged = { values: start, timedOut: false };
  if (options.movesPerAgent <= 0) return unchanged;
  const mine = program.component.candidates.map((i) => candidates[i]!);
  if (mine.length === 0) return unchanged;
  const base = Math.min(...mine.map((c) => slotOf(grid, c.start)));
  const span = Math.max(...mine.map((c) => slotOf(grid, c.end))) - base;
  const types = [...new Set(mine.map((c) => c.type.id))];
  const shifts: Shift[] = mine.map((c, i) => ({
    type: types.indexOf(c.type.id),
    from: slotOf(grid, c.start) - base,
    to: slotOf(grid, c.end) - base,
    cost: program.lp.colCost[program.shiftColumn[i]!]!,
    breaks: c.breaks.map((b) => ({
      length: b.away / grid.slotMinutes,
      starts: Int32Array.from(b.starts, (s) => slotOf(grid, s) - base),
    })),
  }));
  const byStart = new Map<number, number>();
  shifts.forEach((s, i) => {
    byStart.set(s.type * span + s.from, i);
  });
  const need = new Int32Array(span);
  for (const slot of program.component.slots) need[slot - base] = plan.required[slot]!;
  // Shifts that have an agent on duty somewhere in each slot: where an added agent may go.
  const covering: number[][] = Array.from({ length: span }, () => []);
  shifts.forEach((s, i) => {
    for (let q = s.from; q < s.to; q++) covering[q]!.push(i);
  });
  const seats = plan.maxAgents ?? Number.POSITIVE_INFINITY;
  // A short agent-slot costs more than any shift pays for one slot on duty, so that a roster
  // that meets the requirement always beats one that does not at the end of the search.
  const slotCost = Math.max(
    ...shifts.map((s) => s.cost / (s.to - s.from - s.breaks.reduce((n, b) => n + b.length, 0))),
  );
  const maxCost = Math.max(...shifts.map((s) => s.cost));

  const days: Day[] = fromValues(program, shifts, start);
  const onDuty = new Int32Array(span);
  const onShift = new Int32Array(span);
  let cost = 0;
  let short = 0;
  for (let q = 0; q < span; q++) short += need[q]!;
  const cover = (q: number, n: number) => {
    const before = need[q]! - onDuty[q]!;
    onDuty[q]! += n;
    const after = need[q]! - onDuty[q]!;
    short += Math.max(0, after) - Math.max(0, before);
  };
  /** Adds (n = 1) or takes off (n = −1) one agent-day; false if it would exceed the seats. */
  const place = (day: Day, n: number): void => {
    const s = shifts[day.shift]!;
    cost += n * s.cost;
    for (let q = s.from; q < s.to; q++) {
      cover(q, n);
      onShift[q]! += n;
    }
    s.breaks.forEach((b, k) => {
      const first = b.starts[day.breaks[k]!]!;
      for (let q = first; q < first + b.length; q++) cover(q, -n);
    });
  };
  /** One agent away on (n = 1) or back from (n = −1) a break at its t-th start. */
  const away = (b: Shift['breaks'][number], t: number, n: number) => {
    const first = b.starts[t]!;
    for (let q = first; q < first + b.length; q++) cover(q, -n);
  };
  const fits = (shift: number) => {
    const s = shifts[shift]!;
    for (let q = s.from; q < s.to; q++) if (onShift[q]! >= seats) return false;
    return true;
  };
  for (const day of days) place(day, 1);
  // A start the seat limits make infeasible is left to the solver, which drops it.
  if (short > 0) return unchanged;

  let best = { cost, days: days.map(copyDay) };
  const random = createRandom(options.seed, `roster-part:${plan.id}:${base}`);
  const moves = Math.max(1, Math.round(options.movesPerAgent * Math.max(days.length, 1)));
  // Geometric cooling from a temperature at which a slot's worth of cost is often accepted
  // to one at which it almost never is.
  const hot = slotCost;
  const cold = slotCost * 0.005;
  const cooling = (cold / hot) ** (1 / moves);
  let temperature = hot;
  // The penalty of a short agent-slot grows from a slot's cost to a whole shift's: early on the
  // search crosses rosters that miss a slot, at the end it holds only rosters that do not.
  const p0 = slotCost;
  const growth = ((2 * maxCost) / p0) ** (1 / moves);
  let penalty = p0;
  const value = () => cost + penalty * short;
  const accept = (delta: number) => delta <= 1e-9 || random.next() < Math.exp(-delta / temperature);

  const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
  let timedOut = false;
  for (let move = 0; move < moves; move++, temperature *= cooling, penalty *= growth) {
    // The clock is read every 4096 moves (about a hundredth of a second).
    if ((move & 4095) === 4095 && Date.now() > deadline) {
      timedOut = true;
      break;
    }
    const before = value();
    const pick = random.next();
    if (days.length === 0 || pick < 0.12) {
      // Add an agent where a slot is short (any slot when none is).
      const slot = shortSlot(random, need, onDuty) ?? random.int(span);
      const options = covering[slot]!;
      if (options.length === 0) continue;
      const shift = options[random.int(options.length)]!;
      if (!fits(shift)) continue;
      const day = { shift, breaks: randomBreaks(random, shifts[shift]!) };
      place(day, 1);
      if (accept(value() - before)) days.push(day);
      else place(day, -1);
    } else if (pick < 0.24) {
      // Drop an agent.
      const a = random.int(days.length);
      const day = days[a]!;
      place(day, -1);
      if (accept(value() - before)) {
        days[a] = days[days.length - 1]!;
        days.pop();
      } else place(day, 1);
    } else if (pick < 0.7) {
      // Move one break of one agent to another allowed start, often next to where it was.
      const day = days[random.int(days.length)]!;
      const s = shifts[day.shift]!;
      if (s.breaks.length === 0) continue;
      const k = random.int(s.breaks.length);
      const b = s.breaks[k]!;
      const from = day.breaks[k]!;
      const to =
        random.next() < 0.5 ? from + (random.next() < 0.5 ? -1 : 1) : random.int(b.starts.length);
      if (to < 0 || to >= b.starts.length || to === from) continue;
      // Only the break's slots change: the agent is back on duty at the old start, away at the new.
      away(b, from, -1);
      away(b, to, 1);
      day.breaks[k] = to;
      if (!accept(value() - before)) {
        away(b, to, -1);
        away(b, from, 1);
        day.breaks[k] = from;
      }
    } else {
      // Move an agent's shift by a slot or two (breaks keep their place in the shift), or give
      // it another type that starts or ends with it.
      const day = days[random.int(days.length)]!;
      const s = shifts[day.shift]!;
      let target: number | undefined;
      let breaks = day.breaks;
      if (pick < 0.9 || types.length === 1) {
        const step = (random.next() < 0.5 ? -1 : 1) * (random.next() < 0.75 ? 1 : 2);
        target = byStart.get(s.type * span + s.from + step);
      } else {
        const type = (s.type + 1 + random.int(types.length - 1)) % types.length;
        const other = shifts.find((o) => o.type === type)!;
        const length = other.to - other.from;
        const from = random.next() < 0.5 ? s.from : s.to - length;
        target = byStart.get(type * span + from);
        if (target !== undefined) breaks = randomBreaks(random, shifts[target]!);
      }
      if (target === undefined) continue;
      const to = shifts[target]!;
      if (to.breaks.some((b, k) => breaks[k]! >= b.starts.length)) {
        breaks = randomBreaks(random, to);
      }
      const old = { shift: day.shift, breaks: day.breaks };
      place(day, -1);
      day.shift = target;
      day.breaks = breaks;
      if (!fits(target)) {
        day.shift = old.shift;
        day.breaks = old.breaks;
        place(day, 1);
        continue;
      }
      place(day, 1);
      if (!accept(value() - before)) {
        place(day, -1);
        day.shift = old.shift;
        day.breaks = old.breaks;
        place(day, 1);
      }
    }
    if (short === 0 && cost < best.cost - 1e-9) best = { cost, days: days.map(copyDay) };
  }
  return { values: toValues(program, shifts, best.days), timedOut };
}

function copyDay(day: Day): Day {
  return { shift: day.shift, breaks: Int32Array.from(day.breaks) };
}

function randomBreaks(random: Random, shift: Shift): Int32Array {
  return Int32Array.from(shift.breaks, (b) => random.int(b.starts.length));
}

/** A uniformly chosen slot that has fewer agents on duty than it needs; undefined if none. */
function shortSlot(random: Random, need: Int32Array, onDuty: Int32Array): number | undefined {
  let count = 0;
  for (let q = 0; q < need.length; q++) if (onDuty[q]! < need[q]!) count++;
  if (count === 0) return undefined;
  let n = random.int(count);
  for (let q = 0; q < need.length; q++) {
    if (onDuty[q]! < need[q]! && n-- === 0) return q;
  }
  return undefined;
}

/** Column values to agent-days: agent j of a shift takes the j-th start of each break. */
function fromValues(program: RosterProgram, shifts: readonly Shift[], values: Float64Array): Day[] {
  const days: Day[] = [];
  shifts.forEach((s, i) => {
    let column = program.shiftColumn[i]!;
    const agents = Math.round(values[column++]!);
    const taken = s.breaks.map((b) => {
      const list: number[] = [];
      for (let t = 0; t < b.starts.length; t++) {
        for (let n = Math.round(values[column + t]!); n > 0; n--) list.push(t);
      }
      column += b.starts.length;
      return list;
    });
    for (let j = 0; j < agents; j++) {
      days.push({ shift: i, breaks: Int32Array.from(taken, (list) => list[j]!) });
    }
  });
  return days;
}

function toValues(
  program: RosterProgram,
  shifts: readonly Shift[],
  days: readonly Day[],
): Float64Array {
  const values = new Float64Array(program.lp.numCols);
  for (const day of days) {
    let column = program.shiftColumn[day.shift]!;
    values[column++]!++;
    shifts[day.shift]!.breaks.forEach((b, k) => {
      values[column + day.breaks[k]!]!++;
      column += b.starts.length;
    });
  }
  return values;
}
