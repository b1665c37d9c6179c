import { type RosterGrid, slotOf } from './grid.js';
import type { RosterProgram } from './integerProgram.js';
import type { GroupPlan, ShiftCandidate } from './shiftCandidates.js';

/**
 * A feasible roster built without the solver, handed to it as its first incumbent, so that a
 * solve stopped by its time limit always has a roster to return. Slots are taken in time order;
 * while one is short, an agent is added on the latest-starting shift that can be on duty there,
 * with every break at its first start that leaves that slot free. Adding an agent never lowers
 * coverage anywhere (on a break it counts 0, not −1), so slots already met stay met and one pass
 * suffices. Seat limits are not considered: where they bind, the start may be infeasible and the
 * solver ignores it.
 */
export function greedyStart(
  program: RosterProgram,
  grid: RosterGrid,
  plan: GroupPlan,
  candidates: readonly ShiftCandidate[],
): Float64Array {
  const values = new Float64Array(program.lp.numCols);
  const onDuty = new Int32Array(grid.slots);
  const mine = program.component.candidates.map((i) => candidates[i]!);
  const freeAt = (c: ShiftCandidate, slot: number) =>
    c.breaks.map((b) =>
      b.starts.findIndex((start) => {
        const first = slotOf(grid, start);
        return slot < first || slot >= first + b.rule.minutes / grid.slotMinutes;
      }),
    );
  for (const slot of program.component.slots) {
    const short = plan.required[slot]! - onDuty[slot]!;
    if (short <= 0) continue;
    let best = -1;
    let placement: number[] = [];
    mine.forEach((c, i) => {
      if (slotOf(grid, c.start) > slot || slotOf(grid, c.end) <= slot) return;
      if (best >= 0 && c.start <= mine[best]!.start) return;
      const free = freeAt(c, slot);
      if (free.some((p) => p < 0)) return;
      best = i;
      placement = free;
    });
    if (best < 0) continue; // not coverable: the pre-check has already refused such rules
    const c = mine[best]!;
    let column = program.shiftColumn[best]!;
    values[column++]! += short;
    for (let s = slotOf(grid, c.start); s < slotOf(grid, c.end); s++) onDuty[s]! += short;
    c.breaks.forEach((b, k) => {
      values[column + placement[k]!]! += short;
      const first = slotOf(grid, b.starts[placement[k]!]!);
      for (let s = first; s < first + b.rule.minutes / grid.slotMinutes; s++) onDuty[s]! -= short;
      column += b.starts.length;
    });
  }
  return values;
}
