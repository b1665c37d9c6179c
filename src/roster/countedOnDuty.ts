import { clockMinutes, MINUTES_PER_DAY } from '../scenario/clock.js';
import type { RosterDocument } from './rosterDocument.js';

/**
 * Per rostered group and interval, the fewest agents on duty at any minute of the interval, each
 * break counted `allowance[group]` minutes longer than planned (cut at the shift's end): the
 * roster's coverage as the program counts it when it solves with that break allowance. The
 * verification keeps it as the next round's floor where an interval is not shown to meet
 * (src/roster/verifyRoster.ts), so that a re-solve cannot move breaks into those intervals.
 */
export function countedOnDuty(
  roster: RosterDocument,
  allowance: Readonly<Record<string, number>>,
): Record<string, number[]> {
  const step = roster.requirement.intervalMinutes;
  const first = clockMinutes(roster.requirement.start) ?? 0;
  const minuteOf = (day: number, clock: string) => {
    const [h = 0, m = 0] = clock.split(':').map(Number);
    return (day - 1) * MINUTES_PER_DAY + h * 60 + m - first;
  };
  const out: Record<string, number[]> = {};
  for (const { group, intervals } of roster.coverage) {
    const length = intervals.length * step;
    const duty = new Int32Array(length + 1);
    const extra = allowance[group] ?? 0;
    for (const line of roster.shifts) {
      if (line.group !== group) continue;
      const start = minuteOf(line.day, line.start);
      let end = minuteOf(line.day, line.end);
      if (end <= start) end += MINUTES_PER_DAY;
      const away = new Uint8Array(Math.max(0, end - start));
      for (const b of line.breaks) {
        const from = minuteOf(line.day, b.start) - start;
        const to = Math.min(end - start, from + b.minutes + extra);
        for (let m = Math.max(0, from); m < to; m++) away[m] = 1;
      }
      for (let m = Math.max(0, start); m < Math.min(length, end); m++) {
        if (!away[m - start]) duty[m]! += line.agents;
      }
    }
    out[group] = intervals.map((_, i) => {
      let least = Number.POSITIVE_INFINITY;
      for (let m = i * step; m < (i + 1) * step; m++) least = Math.min(least, duty[m]!);
      return least === Number.POSITIVE_INFINITY ? 0 : least;
    });
  }
  return out;
}
