import { clockMinutes, MINUTES_PER_DAY } from '../scenario/clock.js';
import type { RosterDocument } from './rosterDocument.js';
import type { IntervalOutcome } from './verifyRoster.js';

/**
 * How much longer than planned a simulated roster's breaks keep its agents from new work, per
 * group. A simulated agent goes on a break only once its open chats are done (docs/scenarios.md,
 * "Shrinkage"): from the break's start it takes nothing new, finishes what it holds, and only
 * then are the break's minutes counted. With chats of a quarter of an hour that is as long again
 * as a short break, so a roster that meets the requirement with the planned breaks falls short
 * wherever they fall (issue 15: the weekday roster lost 11 points of SL against its staffing).
 *
 * Measured, not modelled: over the measured intervals, the agent-minutes the roster plans on
 * duty (on shift, not on a planned break: `meanOnDuty`) minus the agent-minutes the simulation
 * shows Available, divided by the agent-breaks that start in them. That counts every minute the
 * plan has and the simulation does not (RONA too, which the staffing search's requirement already
 * allows for), so it is rounded down to the roster's slots; the verification's per-interval
 * additions correct what is left.
 */
export interface MeasuredAllowance {
  readonly group: string;
  /** Agent-breaks that start in the measured intervals. */
  readonly breaks: number;
  /** Planned on-duty agent-minutes the simulation did not show Available. */
  readonly lostMinutes: number;
  /** lostMinutes / breaks (null without breaks). */
  readonly perBreak: number | null;
  /**
   * perBreak rounded down to the roster's slots (what the program can take), at least 0: down,
   * because perBreak holds RONA too, so that a break is never counted longer than measured.
   */
  readonly allowance: number;
}

export function measuredBreakAllowances(
  roster: RosterDocument,
  outcomes: readonly IntervalOutcome[],
): MeasuredAllowance[] {
  const step = roster.requirement.intervalMinutes;
  const first = clockMinutes(roster.requirement.start) ?? 0;
  return roster.coverage.flatMap(({ group, intervals }): MeasuredAllowance[] => {
    const measured = new Set<number>();
    let lost = 0;
    intervals.forEach((planned, i) => {
      const available = outcomes[i]?.groups[group]?.availableAgents?.mean;
      if (outcomes[i]?.verdict === 'warm-up' || available === null || available === undefined) {
        return;
      }
      measured.add(i);
      lost += (planned.meanOnDuty - available) * step;
    });
    // A simulation that does not say how many agents were Available measures nothing.
    if (measured.size === 0) return [];
    let breaks = 0;
    for (const line of roster.shifts) {
      if (line.group !== group) continue;
      for (const b of line.breaks) {
        // "26:00" is 02:00 the next day of the shift's: the clock of its own day, past 24:00.
        const [h = 0, m = 0] = b.start.split(':').map(Number);
        const minute = (line.day - 1) * MINUTES_PER_DAY + h * 60 + m;
        if (measured.has(Math.floor((minute - first) / step))) breaks += line.agents;
      }
    }
    const perBreak = breaks > 0 ? lost / breaks : null;
    const slot = roster.rules.slotMinutes;
    return [
      {
        group,
        breaks,
        lostMinutes: Math.round(lost * 10) / 10,
        perBreak: perBreak === null ? null : Math.round(perBreak * 10) / 10,
        allowance: perBreak === null ? 0 : Math.max(0, Math.floor(perBreak / slot) * slot),
      },
    ];
  });
}
