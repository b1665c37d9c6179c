import { clockMinutes, MINUTES_PER_DAY } from '../scenario/clock.js';
import { type RosterGrid, slotOf } from './grid.js';
import { horizonEnd, type Requirement } from './requirement.js';
import type { BreakRule, RosterRules, ShiftType } from './rulesSchema.js';

/** A group's rules with the defaults resolved, and its requirement per slot. */
export interface GroupPlan {
  readonly id: string;
  readonly costPerHour: number;
  readonly minAgents: number;
  readonly maxAgents: number | null;
  readonly shiftTypes: readonly ShiftType[];
  /** Minutes off duty after each break beyond its own (the requirement's break allowance). */
  readonly breakAllowance: number;
  /** Agents required on duty in each slot: the interval's requirement, raised to minAgents. */
  readonly required: readonly number[];
}

/** Defaults that come from outside the rules: a scenario's group sizes as seat limits. */
export interface GroupDefaults {
  readonly maxAgents?: Readonly<Record<string, number>>;
}

export function groupPlans(
  rules: RosterRules,
  requirement: Requirement,
  grid: RosterGrid,
  defaults: GroupDefaults = {},
): GroupPlan[] {
  return requirement.groups.map((group) => {
    const own = rules.groups[group.id];
    const minAgents = own?.minAgents ?? 0;
    const allowed = own?.shifts;
    const required = new Array<number>(grid.slots);
    for (let s = 0; s < grid.slots; s++) {
      const n = group.agents[Math.floor(s / grid.slotsPerInterval)]!;
      required[s] = n > 0 ? Math.max(n, minAgents) : 0;
    }
    return {
      id: group.id,
      costPerHour: own?.costPerHour ?? rules.costPerHour,
      minAgents,
      maxAgents: own?.maxAgents ?? defaults.maxAgents?.[group.id] ?? null,
      shiftTypes: allowed ? rules.shifts.filter((t) => allowed.includes(t.id)) : rules.shifts,
      breakAllowance: group.breakAllowance ?? 0,
      required,
    };
  });
}

/** One shift that may be worked: a group, a type and a start; its breaks' allowed starts. */
export interface ShiftCandidate {
  readonly group: number;
  readonly type: ShiftType;
  /** Minutes since 00:00 of day 1. */
  readonly start: number;
  readonly end: number;
  readonly paidMinutes: number;
  /**
   * Allowed starts of each of the type's breaks, in minutes since 00:00 of day 1, and the minutes
   * from its start that the program counts the agent off duty (`awayMinutes`).
   */
  readonly breaks: readonly {
    readonly rule: BreakRule;
    readonly starts: readonly number[];
    readonly away: number;
  }[];
}

/**
 * Minutes a break keeps its agent off duty in the program: its own minutes and the group's
 * allowance, cut where the allowance would reach past the shift's end or into the next break's
 * earliest start from this break's latest one (where the agent is counted off duty already), so
 * that the windows stay apart and any choice of one start per break stays a valid day.
 */
export function awayMinutes(type: ShiftType, k: number, allowance: number): number {
  const rule = type.breaks[k]!;
  const next = type.breaks[k + 1];
  const room = (next ? next.earliest : type.minutes) - rule.latest;
  return Math.max(rule.minutes, Math.min(rule.minutes + allowance, room));
}

/** Every start of a shift type on the horizon: each day's windows, inside the horizon. */
function startsOf(rules: RosterRules, type: ShiftType, requirement: Requirement): number[] {
  const end = horizonEnd(requirement);
  const days = Math.ceil(end / MINUTES_PER_DAY);
  const starts = new Set<number>();
  for (const window of type.starts ?? rules.starts) {
    const from = clockMinutes(window.from)!;
    const to = clockMinutes(window.to)!;
    for (let day = 0; day < days; day++) {
      for (let t = from; t <= to; t += window.every) {
        const start = day * MINUTES_PER_DAY + t;
        if (start >= requirement.startMinute && start + type.minutes <= end) starts.add(start);
      }
    }
  }
  return [...starts].sort((a, b) => a - b);
}

function placements(rule: BreakRule, shiftStart: number): number[] {
  const out: number[] = [];
  for (let t = rule.earliest; t <= rule.latest; t += rule.every) out.push(shiftStart + t);
  return out;
}

/**
 * The shifts the program chooses from, group by group, type by type, start by start (a stable
 * order: the same rules give the same columns). A shift that is on shift only where nothing is
 * required can never help and is left out.
 */
export function shiftCandidates(
  rules: RosterRules,
  requirement: Requirement,
  grid: RosterGrid,
  plans: readonly GroupPlan[],
): ShiftCandidate[] {
  const out: ShiftCandidate[] = [];
  plans.forEach((plan, g) => {
    for (const type of plan.shiftTypes) {
      const unpaid = type.breaks.reduce((sum, b) => sum + (b.paid ? 0 : b.minutes), 0);
      for (const start of startsOf(rules, type, requirement)) {
        const end = start + type.minutes;
        let useful = false;
        for (let s = slotOf(grid, start); s < slotOf(grid, end) && !useful; s++) {
          useful = plan.required[s]! > 0;
        }
        if (!useful) continue;
        out.push({
          group: g,
          type,
          start,
          end,
          paidMinutes: type.minutes - unpaid,
          breaks: type.breaks.map((rule, k) => ({
            rule,
            starts: placements(rule, start),
            away: awayMinutes(type, k, plan.breakAllowance),
          })),
        });
      }
    }
  });
  return out;
}
