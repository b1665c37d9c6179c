import { formatClock, MINUTES_PER_DAY } from '../scenario/clock.js';
import { RosterError, RosterErrorCode } from './rosterError.js';

/**
 * What a roster must cover: agents required on duty (after breaks) per interval, per agent group,
 * on one timeline that may span several days (a week of half hours is 336 intervals). Day 1
 * starts at 00:00; the first interval starts `startMinute` after it.
 */
export interface Requirement {
  readonly startMinute: number;
  readonly intervalMinutes: number;
  readonly intervals: number;
  /** In the order rosters and reports list the groups. */
  readonly groups: readonly RequirementGroup[];
}

export interface RequirementGroup {
  readonly id: string;
  /** Whole agents, one entry per interval. */
  readonly agents: readonly number[];
  /**
   * Minutes each break keeps an agent of the group from new work beyond the break's own minutes
   * (default 0): a simulated agent goes on a break only once its open chats are done
   * (docs/scenarios.md, "Shrinkage"), so it takes nothing new from the break's start until its
   * chats are done and the break's minutes are over. The program counts the agent off duty for
   * the break and this allowance after it; the roster's lines keep the break's own minutes.
   * `ccsim schedule`'s verification measures it (docs/roster.md, "Verification").
   */
  readonly breakAllowance?: number;
}

/** Refuses a requirement that no roster could be checked against, before any work. */
export function checkRequirement(requirement: Requirement): Requirement {
  const { startMinute, intervalMinutes, intervals, groups } = requirement;
  const bad = (message: string) => new RosterError(RosterErrorCode.requirementInvalid, message);
  if (!(Number.isSafeInteger(intervalMinutes) && intervalMinutes > 0)) {
    throw bad(`intervalMinutes must be a whole number of minutes > 0, got ${intervalMinutes}`);
  }
  if (!(Number.isSafeInteger(startMinute) && startMinute >= 0)) {
    throw bad(`startMinute must be a whole number of minutes >= 0, got ${startMinute}`);
  }
  if (!(Number.isSafeInteger(intervals) && intervals > 0)) {
    throw bad(`intervals must be a whole number > 0, got ${intervals}`);
  }
  if (groups.length === 0) throw bad('the requirement names no agent group');
  const seen = new Set<string>();
  for (const group of groups) {
    if (seen.has(group.id)) throw bad(`group "${group.id}" appears twice in the requirement`);
    seen.add(group.id);
    if (group.agents.length !== intervals) {
      throw bad(
        `group "${group.id}" has ${group.agents.length} intervals of requirement; the horizon has ${intervals}`,
      );
    }
    const allowance = group.breakAllowance ?? 0;
    if (!(Number.isSafeInteger(allowance) && allowance >= 0)) {
      throw bad(
        `group "${group.id}" has a break allowance of ${allowance}; give whole minutes >= 0`,
      );
    }
    group.agents.forEach((n, i) => {
      if (!(Number.isSafeInteger(n) && n >= 0)) {
        throw bad(
          `group "${group.id}" requires ${n} agents at ${intervalLabel(requirement, i)}; give whole agents >= 0`,
        );
      }
    });
  }
  return requirement;
}

/** Minutes since 00:00 of day 1 at which interval i starts. */
export function intervalStart(requirement: Requirement, i: number): number {
  return requirement.startMinute + i * requirement.intervalMinutes;
}

export function horizonEnd(requirement: Requirement): number {
  return intervalStart(requirement, requirement.intervals);
}

/** Whether the timeline reaches past its first day: then times carry their day ("d2 08:00"). */
export function spansDays(requirement: Requirement): boolean {
  return horizonEnd(requirement) > MINUTES_PER_DAY;
}

/** "08:00" on a one-day horizon, "d2 08:00" on a longer one. */
export function timeLabel(requirement: Requirement, minute: number): string {
  if (!spansDays(requirement)) return formatClock(minute);
  const day = Math.floor(minute / MINUTES_PER_DAY);
  return `d${day + 1} ${formatClock(minute - day * MINUTES_PER_DAY)}`;
}

export function intervalLabel(requirement: Requirement, i: number): string {
  return timeLabel(requirement, intervalStart(requirement, i));
}
