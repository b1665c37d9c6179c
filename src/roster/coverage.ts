import { horizonEnd, intervalLabel, intervalStart, type Requirement } from './requirement.js';
import type { RosterShift } from './rosterFromSolution.js';

/** A roster against a requirement, one interval of one group. */
export interface IntervalCoverage {
  readonly label: string;
  readonly required: number;
  /** Fewest agents on duty (on shift, not on a break) at any minute of the interval. */
  readonly onDuty: number;
  /** Agents on duty averaged over the interval's minutes. */
  readonly meanOnDuty: number;
  /** Most agents on shift (breaks included) at any minute of the interval. */
  readonly onShift: number;
  /** onDuty − required where positive: agents the interval has for sure beyond its need. */
  readonly over: number;
  /** required − onDuty where positive: agents missing at some minute of the interval. */
  readonly under: number;
}

export interface GroupCoverage {
  readonly group: string;
  readonly intervals: readonly IntervalCoverage[];
}

/**
 * Counts, minute by minute, who is on shift and who is on a break, from the roster lines alone
 * (not from the solver's rows), so it checks the solver as much as it reports on the roster; and
 * it works for any requirement on the same timeline (a later, simulated one).
 */
export function rosterCoverage(
  roster: readonly RosterShift[],
  requirement: Requirement,
): GroupCoverage[] {
  const origin = requirement.startMinute;
  const length = horizonEnd(requirement) - origin;
  return requirement.groups.map((group) => {
    const shift = new Int32Array(length + 1);
    const away = new Int32Array(length + 1);
    const add = (counts: Int32Array, from: number, to: number, n: number) => {
      counts[Math.max(0, from - origin)]! += n;
      counts[Math.min(length, to - origin)]! -= n;
    };
    for (const line of roster) {
      if (line.group !== group.id) continue;
      add(shift, line.start, line.end, line.agents);
      for (const b of line.breaks) add(away, b.start, b.start + b.minutes, line.agents);
    }
    let onShift = 0;
    let onBreak = 0;
    const duty = new Int32Array(length);
    const shifted = new Int32Array(length);
    for (let m = 0; m < length; m++) {
      onShift += shift[m]!;
      onBreak += away[m]!;
      shifted[m] = onShift;
      duty[m] = onShift - onBreak;
    }
    const intervals = group.agents.map((required, i): IntervalCoverage => {
      const from = intervalStart(requirement, i) - origin;
      const to = from + requirement.intervalMinutes;
      let least = Number.POSITIVE_INFINITY;
      let most = 0;
      let sum = 0;
      for (let m = from; m < to; m++) {
        least = Math.min(least, duty[m]!);
        most = Math.max(most, shifted[m]!);
        sum += duty[m]!;
      }
      return {
        label: intervalLabel(requirement, i),
        required,
        onDuty: least,
        meanOnDuty: sum / requirement.intervalMinutes,
        onShift: most,
        over: Math.max(0, least - required),
        under: Math.max(0, required - least),
      };
    });
    return { group: group.id, intervals };
  });
}
