import { type RosterGrid, slotOf } from './grid.js';
import type { GroupPlan, ShiftCandidate } from './shiftCandidates.js';

/**
 * The roster falls apart into independent programs: groups share no constraint, and two stretches
 * of required slots that no single shift spans (a night with nothing required between two days)
 * share no variable. Each part is solved on its own — a week of 4 groups is 28 programs of one
 * group-day each instead of one of 28 times the size — and the parts' optima add up to the whole's.
 */
export interface RosterComponent {
  readonly group: number;
  /** Slots of the group that require agents and belong to this part, ascending. */
  readonly slots: readonly number[];
  /** Indexes into the candidate list, ascending. */
  readonly candidates: readonly number[];
}

export function rosterComponents(
  grid: RosterGrid,
  plans: readonly GroupPlan[],
  candidates: readonly ShiftCandidate[],
): RosterComponent[] {
  const out: RosterComponent[] = [];
  plans.forEach((plan, g) => {
    // A shift joins every required slot from its start to its end; on a line, joining intervals
    // is a sweep: the part ends where no shift reaches past the last slot seen.
    const reach = new Int32Array(grid.slots).fill(-1);
    const mine: number[] = [];
    candidates.forEach((c, i) => {
      if (c.group !== g) return;
      mine.push(i);
      const from = slotOf(grid, c.start);
      const to = slotOf(grid, c.end) - 1;
      reach[from] = Math.max(reach[from]!, to);
    });
    const partOf = new Int32Array(grid.slots).fill(-1);
    let part = -1;
    let until = -1;
    for (let s = 0; s < grid.slots; s++) {
      if (reach[s]! >= 0) {
        if (s > until) {
          part++;
          out.push({ group: g, slots: [], candidates: [] });
        }
        until = Math.max(until, reach[s]!);
      }
      if (s <= until) partOf[s] = part;
    }
    const first = out.length - (part + 1);
    plan.required.forEach((r, s) => {
      if (r > 0 && partOf[s]! >= 0) (out[first + partOf[s]!]!.slots as number[]).push(s);
    });
    for (const i of mine) {
      const c = candidates[i]!;
      (out[first + partOf[slotOf(grid, c.start)]!]!.candidates as number[]).push(i);
    }
  });
  return out.filter((c) => c.slots.length > 0);
}
