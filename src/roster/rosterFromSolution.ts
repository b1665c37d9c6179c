import type { RosterProgram } from './integerProgram.js';
import { RosterError, RosterErrorCode } from './rosterError.js';
import type { GroupPlan, ShiftCandidate } from './shiftCandidates.js';

/** A break as the agents of one roster line take it. Times in minutes since 00:00 of day 1. */
export interface RosterBreak {
  readonly start: number;
  readonly minutes: number;
  readonly paid: boolean;
  readonly idleCode: string | null;
}

/**
 * One line of a roster: `agents` agents of a group work the same shift with the same breaks.
 * This is the shape of a scenario's `staffing.shifts` entry with breaks (docs/roster.md).
 */
export interface RosterShift {
  readonly group: string;
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly agents: number;
  readonly paidMinutes: number;
  readonly breaks: readonly RosterBreak[];
}

/**
 * Turns the solver's values for one component's program into roster lines. The agents of a shift take each break's starts in
 * ascending order (agent j the j-th start of every break), which is valid whatever the pairing
 * because the windows do not overlap; identical days are merged into one line.
 */
export function rosterFromSolution(
  program: RosterProgram,
  plans: readonly GroupPlan[],
  candidates: readonly ShiftCandidate[],
  values: ArrayLike<number>,
): RosterShift[] {
  const out: RosterShift[] = [];
  const whole = (column: number) => {
    const v = values[column]!;
    const n = Math.round(v);
    if (Math.abs(v - n) > 1e-6 || n < 0) {
      throw new RosterError(
        RosterErrorCode.solverFailed,
        `the solver returned ${v} for column ${column}, not a whole number of agents`,
      );
    }
    return n;
  };
  program.component.candidates.forEach((index, i) => {
    const c = candidates[index]!;
    let column = program.shiftColumn[i]!;
    const agents = whole(column++);
    const perBreak = c.breaks.map((b) => {
      const taken: number[] = [];
      for (const start of b.starts) for (let n = whole(column++); n > 0; n--) taken.push(start);
      if (taken.length !== agents) {
        throw new RosterError(
          RosterErrorCode.solverFailed,
          `the solver gave ${taken.length} breaks to the ${agents} agents of a shift`,
        );
      }
      return taken;
    });
    if (agents === 0) return;
    const line = (j: number, count: number): RosterShift => ({
      group: plans[c.group]!.id,
      type: c.type.id,
      start: c.start,
      end: c.end,
      agents: count,
      paidMinutes: c.paidMinutes,
      breaks: c.breaks.map((b, k) => ({
        start: perBreak[k]![j]!,
        minutes: b.rule.minutes,
        paid: b.rule.paid,
        idleCode: b.rule.idleCode ?? null,
      })),
    });
    let first = 0;
    for (let j = 1; j <= agents; j++) {
      const same = j < agents && perBreak.every((taken) => taken[j] === taken[first]);
      if (same) continue;
      out.push(line(first, j - first));
      first = j;
    }
  });
  return out;
}
