import { clockMinutes } from '../scenario/clock.js';
import { horizonEnd, type Requirement } from './requirement.js';
import type { RosterRules } from './rulesSchema.js';

/**
 * The time grid the integer program works on: slots of the largest length that every start,
 * break, shift length and interval boundary falls on (15 min for 30-min intervals and 15-min
 * starts). Coverage is required in every slot, so an interval is covered all the way through,
 * not on average: a shift that starts at 08:15 does not count in 08:00–08:30.
 */
export interface RosterGrid {
  readonly slotMinutes: number;
  /** Minute (since 00:00 of day 1) at which slot 0 starts: the requirement's start. */
  readonly startMinute: number;
  readonly slots: number;
  readonly slotsPerInterval: number;
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

export function rosterGrid(rules: RosterRules, requirement: Requirement): RosterGrid {
  // Every allowed start lies at day·1440 + from + k·every; relative to the horizon's start that is
  // a multiple of the gcd below, because 1440 is in it too.
  let slot = gcd(requirement.intervalMinutes, 1440);
  const windows = [...rules.starts, ...rules.shifts.flatMap((s) => s.starts ?? [])];
  for (const w of windows) {
    slot = gcd(slot, gcd(w.every, clockMinutes(w.from)! - requirement.startMinute));
  }
  for (const shift of rules.shifts) {
    slot = gcd(slot, shift.minutes);
    for (const b of shift.breaks) slot = gcd(slot, gcd(gcd(b.minutes, b.every), b.earliest));
  }
  for (const group of requirement.groups) slot = gcd(slot, group.breakAllowance ?? 0);
  return {
    slotMinutes: slot,
    startMinute: requirement.startMinute,
    slots: (horizonEnd(requirement) - requirement.startMinute) / slot,
    slotsPerInterval: requirement.intervalMinutes / slot,
  };
}

/** The slot holding a minute of the timeline (the minute must lie on the grid). */
export function slotOf(grid: RosterGrid, minute: number): number {
  return (minute - grid.startMinute) / grid.slotMinutes;
}
