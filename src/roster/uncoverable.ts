import { type RosterGrid, slotOf } from './grid.js';
import { intervalLabel, intervalStart, type Requirement, timeLabel } from './requirement.js';
import { RosterError, RosterErrorCode, type UncoveredInterval } from './rosterError.js';
import type { GroupPlan, ShiftCandidate } from './shiftCandidates.js';

/**
 * The plain coverage questions, answered before the solver is called: is every slot that requires
 * agents inside some allowed shift, at a moment that shift's agents can be off their breaks; and
 * does no interval require more agents than the group may seat. Each answer names the group and
 * the intervals; only what these cannot see (breaks that must collide under a seat limit) is left
 * to the solver's infeasibility.
 */
export function uncoverableIntervals(
  requirement: Requirement,
  grid: RosterGrid,
  plans: readonly GroupPlan[],
  candidates: readonly ShiftCandidate[],
): UncoveredInterval[] {
  const out: UncoveredInterval[] = [];
  plans.forEach((plan, g) => {
    const possible = new Uint8Array(grid.slots);
    for (const c of candidates) {
      if (c.group !== g) continue;
      const from = slotOf(grid, c.start);
      const to = slotOf(grid, c.end);
      const always = new Uint8Array(to - from);
      // A slot every start of one break covers is a slot this shift's agents are always away.
      for (const b of c.breaks) {
        const lastStart = b.starts[b.starts.length - 1]!;
        const firstEnd = b.starts[0]! + b.away;
        for (let m = lastStart; m < firstEnd; m += grid.slotMinutes)
          always[slotOf(grid, m) - from] = 1;
      }
      for (let s = from; s < to; s++) if (!always[s - from]) possible[s] = 1;
    }
    const agents = requirement.groups[g]!.agents;
    agents.forEach((required, i) => {
      if (required <= 0) return;
      const need = plan.required[i * grid.slotsPerInterval]!;
      let covered = true;
      for (let k = 0; k < grid.slotsPerInterval; k++) {
        if (!possible[i * grid.slotsPerInterval + k]) covered = false;
      }
      const seats = plan.maxAgents ?? Number.POSITIVE_INFINITY;
      if (covered && need <= seats) return;
      out.push({
        group: plan.id,
        interval: i,
        label: intervalLabel(requirement, i),
        required: need,
        coverable: covered ? seats : 0,
      });
    });
  });
  return out;
}

/** Consecutive intervals as one time range: "06:00–07:30" for 06:00, 06:30 and 07:00. */
function ranges(requirement: Requirement, intervals: readonly UncoveredInterval[]): string[] {
  const out: string[] = [];
  let first = 0;
  for (let j = 1; j <= intervals.length; j++) {
    if (j < intervals.length && intervals[j]!.interval === intervals[j - 1]!.interval + 1) continue;
    const from = intervalStart(requirement, intervals[first]!.interval);
    const to = intervalStart(requirement, intervals[j - 1]!.interval + 1);
    out.push(`${timeLabel(requirement, from)}–${timeLabel(requirement, to)}`);
    first = j;
  }
  return out;
}

function requiredRange(intervals: readonly UncoveredInterval[]): string {
  const low = Math.min(...intervals.map((u) => u.required));
  const high = Math.max(...intervals.map((u) => u.required));
  return low === high ? `${low}` : `${low}–${high}`;
}

/** One error for every group's uncoverable intervals, each named by its time range. */
export function uncoverableError(
  requirement: Requirement,
  plans: readonly GroupPlan[],
  intervals: readonly UncoveredInterval[],
): RosterError {
  const parts: string[] = [];
  for (const plan of plans) {
    const mine = intervals.filter((u) => u.group === plan.id);
    const none = mine.filter((u) => u.coverable === 0);
    const seats = mine.filter((u) => u.coverable > 0);
    if (none.length > 0) {
      parts.push(
        `group "${plan.id}": no allowed shift has an agent on duty in ${ranges(requirement, none).join(', ')} (${requiredRange(none)} agents required)`,
      );
    }
    if (seats.length > 0) {
      parts.push(
        `group "${plan.id}": ${ranges(requirement, seats).join(', ')} require ${requiredRange(seats)} agents, more than its ${plan.maxAgents} seats (maxAgents)`,
      );
    }
  }
  return new RosterError(
    RosterErrorCode.uncoverable,
    `the rules cannot cover the requirement: ${parts.join('; ')}`,
    { intervals },
  );
}
