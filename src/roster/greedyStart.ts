import { type RosterGrid, slotOf } from './grid.js';
import type { RosterProgram } from './integerProgram.js';
import type { GroupPlan, ShiftCandidate } from './shiftCandidates.js';

/** Agents on duty per slot under integer column values. */
function dutyOf(
  program: RosterProgram,
  grid: RosterGrid,
  mine: readonly ShiftCandidate[],
  values: Float64Array,
): Int32Array {
  const onDuty = new Int32Array(grid.slots);
  mine.forEach((c, i) => {
    let column = program.shiftColumn[i]!;
    const n = values[column++]!;
    for (let s = slotOf(grid, c.start); s < slotOf(grid, c.end); s++) onDuty[s]! += n;
    for (const b of c.breaks) {
      for (const start of b.starts) {
        const away = values[column++]!;
        const first = slotOf(grid, start);
        for (let s = first; s < first + b.away / grid.slotMinutes; s++) onDuty[s]! -= away;
      }
    }
  });
  return onDuty;
}

/**
 * The LP relaxation's roster rounded to whole agents, with its breaks spread in proportion to the
 * relaxed break starts (largest remainders): a roster close to the LP's, which `greedyStart` then
 * completes where it falls short and trims where it has agents to spare.
 */
export function roundedLp(
  program: RosterProgram,
  candidates: readonly ShiftCandidate[],
  lp: ArrayLike<number>,
): Float64Array {
  const values = new Float64Array(program.lp.numCols);
  program.component.candidates.forEach((index, i) => {
    const c = candidates[index]!;
    let column = program.shiftColumn[i]!;
    const relaxed = lp[column]!;
    const agents = Math.round(relaxed);
    values[column++] = agents;
    for (const b of c.breaks) {
      const scale = relaxed > 1e-9 ? agents / relaxed : 0;
      const targets = b.starts.map((_, t) => lp[column + t]! * scale);
      const taken = targets.map((x) => Math.floor(x + 1e-9));
      let left = agents - taken.reduce((sum, n) => sum + n, 0);
      const order = targets
        .map((x, t) => ({ t, rest: x - taken[t]! }))
        .sort((a, b) => b.rest - a.rest || a.t - b.t);
      for (let j = 0; left > 0; j = (j + 1) % order.length, left--) taken[order[j]!.t]!++;
      taken.forEach((n, t) => {
        values[column + t] = n;
      });
      column += b.starts.length;
    }
  });
  return values;
}

/**
 * A feasible roster built without the solver (from nothing, or completing a rounded LP roster),
 * handed to it as its first incumbent, so that a solve stopped by its time limit always has a
 * roster to return. Slots are taken in time order; while one is short, an agent is added on the
 * shift on duty there that serves the most short slots per unit of cost, its breaks where they
 * take least from slots still short. Adding an agent never lowers coverage anywhere (on a break it
 * counts 0, not −1), so slots already met stay met and one pass suffices; then agents the roster
 * can spare are taken off. Seat limits are not considered: where they bind, the start may be
 * infeasible and the solver drops it.
 */
export function greedyStart(
  program: RosterProgram,
  grid: RosterGrid,
  plan: GroupPlan,
  candidates: readonly ShiftCandidate[],
  from?: Float64Array,
): Float64Array {
  const values = from ? Float64Array.from(from) : new Float64Array(program.lp.numCols);
  const mine = program.component.candidates.map((i) => candidates[i]!);
  const onDuty = dutyOf(program, grid, mine, values);
  const slotsOf = (start: number, minutes: number) => {
    const first = slotOf(grid, start);
    return { first, last: first + minutes / grid.slotMinutes };
  };
  const short = (slot: number) => plan.required[slot]! - onDuty[slot]! > 0;
  // For one more agent of c, each break at the allowed start (leaving `slot` free) that takes
  // the fewest agents from slots still short; and the short slots that agent then serves.
  const plan1 = (c: ShiftCandidate, slot: number) => {
    const placement: number[] = [];
    const away = new Set<number>();
    for (const b of c.breaks) {
      let best = -1;
      let bestHits = Number.POSITIVE_INFINITY;
      b.starts.forEach((start, t) => {
        const { first, last } = slotsOf(start, b.away);
        if (slot >= first && slot < last) return;
        let hits = 0;
        for (let q = first; q < last; q++) if (short(q)) hits++;
        if (hits < bestHits) {
          best = t;
          bestHits = hits;
        }
      });
      if (best < 0) return null;
      placement.push(best);
      const { first, last } = slotsOf(b.starts[best]!, b.away);
      for (let q = first; q < last; q++) away.add(q);
    }
    let served = 0;
    for (let q = slotOf(grid, c.start); q < slotOf(grid, c.end); q++) {
      if (!away.has(q) && short(q)) served++;
    }
    return { placement, served };
  };
  const add = (i: number, placement: readonly number[], n: number) => {
    const c = mine[i]!;
    let column = program.shiftColumn[i]!;
    values[column++]! += n;
    for (let q = slotOf(grid, c.start); q < slotOf(grid, c.end); q++) onDuty[q]! += n;
    c.breaks.forEach((b, k) => {
      values[column + placement[k]!]! += n;
      const { first, last } = slotsOf(b.starts[placement[k]!]!, b.away);
      for (let q = first; q < last; q++) onDuty[q]! -= n;
      column += b.starts.length;
    });
  };
  for (const slot of program.component.slots) {
    while (short(slot)) {
      // The shift on duty here that serves the most short slots per unit of cost.
      let best = -1;
      let bestScore = Number.NEGATIVE_INFINITY;
      let bestPlacement: number[] = [];
      mine.forEach((c, i) => {
        if (slotOf(grid, c.start) > slot || slotOf(grid, c.end) <= slot) return;
        const option = plan1(c, slot);
        if (!option) return;
        const score = option.served / Math.max(program.lp.colCost[program.shiftColumn[i]!]!, 1e-9);
        if (score > bestScore) {
          best = i;
          bestScore = score;
          bestPlacement = option.placement;
        }
      });
      if (best < 0) break; // not coverable: the pre-check has already refused such rules
      add(best, bestPlacement, 1);
    }
  }
  dropSurplus(program, grid, plan, mine, values, onDuty);
  return values;
}

/**
 * Takes agents off again where the roster has more than it needs: dearest shifts first, one agent
 * at a time, each with the break starts that fall on the slots with no agent to spare (so those
 * keep their count), while every slot it was on duty in keeps its requirement.
 */
function dropSurplus(
  program: RosterProgram,
  grid: RosterGrid,
  plan: GroupPlan,
  mine: readonly ShiftCandidate[],
  values: Float64Array,
  onDuty: Int32Array,
): void {
  const order = mine
    .map((_, i) => i)
    .sort(
      (a, b) =>
        program.lp.colCost[program.shiftColumn[b]!]! -
          program.lp.colCost[program.shiftColumn[a]!]! || a - b,
    );
  const tight = (q: number) => onDuty[q]! - 1 < plan.required[q]!;
  for (const i of order) {
    const c = mine[i]!;
    const column = program.shiftColumn[i]!;
    while (values[column]! > 0) {
      const placement: number[] = [];
      const away = new Set<number>();
      let offset = column + 1;
      for (const b of c.breaks) {
        let best = -1;
        let bestTight = -1;
        b.starts.forEach((start, t) => {
          if (values[offset + t]! <= 0) return;
          const first = slotOf(grid, start);
          let n = 0;
          for (let q = first; q < first + b.away / grid.slotMinutes; q++) if (tight(q)) n++;
          if (n > bestTight) {
            best = t;
            bestTight = n;
          }
        });
        placement.push(best);
        const first = slotOf(grid, b.starts[best]!);
        for (let q = first; q < first + b.away / grid.slotMinutes; q++) away.add(q);
        offset += b.starts.length;
      }
      let removable = true;
      for (let q = slotOf(grid, c.start); q < slotOf(grid, c.end) && removable; q++) {
        if (!away.has(q) && tight(q)) removable = false;
      }
      if (!removable) break;
      values[column]!--;
      for (let q = slotOf(grid, c.start); q < slotOf(grid, c.end); q++)
        if (!away.has(q)) onDuty[q]!--;
      offset = column + 1;
      c.breaks.forEach((b, k) => {
        values[offset + placement[k]!]!--;
        offset += b.starts.length;
      });
    }
  }
}
