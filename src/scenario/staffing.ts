import { clockMinutes, formatClock } from './clock.js';
import type { Problem } from './problem.js';
import type { Scenario } from './schema.js';

export interface StaffingPlan {
  /** Agents logged in per interval, per agent group id (every group present). */
  readonly perGroup: Record<string, number[]>;
  readonly problems: Problem[];
}

function expand(value: number | readonly number[], intervals: number): number[] {
  return typeof value === 'number' ? new Array<number>(intervals).fill(value) : [...value];
}

/**
 * Staffing per interval from `perInterval` or from shifts. A shift counts in every interval whose
 * midpoint it covers ([start, end)), so a shift on interval boundaries counts exactly in the
 * intervals it spans, and one that starts or ends mid-interval counts where it covers more than
 * half. A group may not have more agents logged in than its size.
 */
export function planStaffing(scenario: Scenario): StaffingPlan {
  const { intervals, intervalMinutes } = scenario.horizon;
  const start = clockMinutes(scenario.horizon.start) ?? 0;
  const groups = new Map(scenario.tenant.agentGroups.map((g) => [g.id, g]));
  const perGroup: Record<string, number[]> = {};
  for (const group of scenario.tenant.agentGroups) {
    perGroup[group.id] = new Array<number>(intervals).fill(0);
  }
  const problems: Problem[] = [];
  const { perInterval, shifts } = scenario.staffing;

  if (perInterval) {
    for (const [groupId, value] of Object.entries(perInterval)) {
      const group = groups.get(groupId);
      if (!group) continue; // reported by the reference checks
      const counts = expand(value, intervals);
      if (counts.length !== intervals) continue; // reported by the reference checks
      counts.forEach((n, i) => {
        if (n > group.size) {
          const path = typeof value === 'number' ? [groupId] : [groupId, i];
          problems.push({
            path: ['staffing', 'perInterval', ...path],
            message: `${n} agents logged in, more than the ${group.size} of group "${groupId}"`,
          });
        }
      });
      perGroup[groupId] = counts.map((n) => Math.min(n, group.size));
    }
  }

  if (shifts) {
    const reported = new Set<string>();
    shifts.forEach((shift, index) => {
      const group = groups.get(shift.group);
      const from = clockMinutes(shift.start);
      const to = clockMinutes(shift.end);
      if (!group || from === undefined || to === undefined || to <= from) return;
      const counts = perGroup[shift.group]!;
      for (let i = 0; i < intervals; i++) {
        const midpoint = start + (i + 0.5) * intervalMinutes;
        if (midpoint < from || midpoint >= to) continue;
        counts[i]! += shift.agents;
        if (counts[i]! > group.size && !reported.has(shift.group)) {
          reported.add(shift.group);
          const at = formatClock(start + i * intervalMinutes);
          problems.push({
            path: ['staffing', 'shifts', index, 'agents'],
            message: `shifts put ${counts[i]} agents of group "${shift.group}" in the interval at ${at}, more than its size ${group.size}`,
          });
        }
      }
    });
    for (const group of scenario.tenant.agentGroups) {
      perGroup[group.id] = perGroup[group.id]!.map((n) => Math.min(n, group.size));
    }
  }
  return { perGroup, problems };
}
