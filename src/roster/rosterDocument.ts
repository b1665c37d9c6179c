import { formatClock, MINUTES_PER_DAY } from '../scenario/clock.js';
import type { IntervalCoverage } from './coverage.js';
import { intervalLabel } from './requirement.js';
import type { RosterSolution, RosterStatus } from './solveRoster.js';
import type { VerificationDocument } from './verificationDocument.js';

/**
 * `roster.json` (docs/roster.md): the roster as data. It holds no wall-clock time (the solve's
 * seconds are printed and shown in the report instead), so the same input gives the same bytes.
 * Times are "HH:MM" on the shift's own day (1-based); a shift that runs past midnight ends after
 * "24:00" ("26:00" is 02:00 the next day), as timetables write it.
 */
export interface RosterDocument {
  readonly format: 'ccsim-roster/1';
  readonly ccsim: { readonly version: string };
  readonly command: string | null;
  readonly scenario: { readonly name: string; readonly file: string } | null;
  readonly requirement: {
    /** Where the agents per interval came from: a staffing.json, the scenario, or a program. */
    readonly source: string;
    readonly start: string;
    readonly intervalMinutes: number;
    readonly intervals: number;
    readonly days: number;
  };
  readonly rules: {
    readonly objective: 'cost' | 'paid-hours';
    readonly slotMinutes: number;
    readonly timeLimitSeconds: number;
    readonly relativeGap: number;
    readonly searchMoves: number;
    readonly maxNodes: number;
  };
  readonly model: RosterSolution['model'];
  readonly solver: {
    readonly name: string;
    readonly version: string;
    readonly status: RosterStatus;
    readonly objective: number | null;
    readonly bound: number | null;
    readonly gap: number | null;
    readonly nodes: number;
  };
  readonly totals: RosterTotals;
  readonly groups: readonly (RosterTotals & {
    readonly id: string;
    readonly costPerHour: number;
    readonly minAgents: number;
    readonly maxAgents: number | null;
    /** Minutes the program counted each break off duty beyond its own (docs/roster.md). */
    readonly breakAllowance: number;
  })[];
  readonly shifts: readonly RosterDocumentShift[];
  readonly coverage: readonly {
    readonly group: string;
    readonly intervals: readonly IntervalCoverage[];
  }[];
  /**
   * The gap to the scenario's current staffing, per group: its agents logged in per interval
   * against the roster's agents on duty (fewest in the interval); null without a scenario.
   */
  readonly current: readonly CurrentStaffing[] | null;
  /** The roster written back as a scenario and simulated (null: not verified, `--no-verify`). */
  readonly verification: VerificationDocument | null;
}

export interface CurrentStaffing {
  readonly group: string;
  /** Agent-hours logged in now, and on duty in the roster, over the horizon. */
  readonly currentHours: number;
  readonly rosterHours: number;
  readonly intervals: readonly {
    readonly label: string;
    readonly current: number;
    readonly roster: number;
  }[];
}

export interface RosterTotals {
  readonly cost: number;
  readonly paidHours: number;
  /** Agents × shifts: how many agent-days the roster asks for. */
  readonly agentShifts: number;
  /** Agent-hours required (Σ required × interval length) and on duty within the horizon. */
  readonly requiredHours: number;
  readonly onDutyHours: number;
}

export interface RosterDocumentShift {
  readonly group: string;
  readonly type: string;
  readonly day: number;
  readonly start: string;
  readonly end: string;
  readonly agents: number;
  readonly paidHours: number;
  readonly cost: number;
  readonly breaks: readonly {
    readonly start: string;
    readonly minutes: number;
    readonly paid: boolean;
    readonly idleCode: string | null;
  }[];
}

export interface RosterDocumentMeta {
  readonly version: string;
  readonly command?: string | null;
  readonly scenario?: { readonly name: string; readonly file: string } | null;
  readonly source: string;
  /** The scenario's agents logged in per interval, per rostered group. */
  readonly current?: Readonly<Record<string, readonly number[]>>;
}

/** Rounds away the last bits of floating-point sums, so totals print as their decimals. */
function tidy(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function rosterDocument(solution: RosterSolution, meta: RosterDocumentMeta): RosterDocument {
  const { requirement, plans, rules } = solution;
  const rate = new Map(plans.map((p) => [p.id, p.costPerHour]));
  const factor = new Map(rules.shifts.map((t) => [t.id, t.costFactor]));
  const shifts = solution.shifts.map((line): RosterDocumentShift => {
    const day = Math.floor(line.start / MINUTES_PER_DAY);
    const clock = (minute: number) => formatClock(minute - day * MINUTES_PER_DAY);
    const paidHours = line.paidMinutes / 60;
    return {
      group: line.group,
      type: line.type,
      day: day + 1,
      start: clock(line.start),
      end: clock(line.end),
      agents: line.agents,
      paidHours,
      cost: tidy(line.agents * paidHours * rate.get(line.group)! * factor.get(line.type)!),
      breaks: line.breaks.map((b) => ({
        start: clock(b.start),
        minutes: b.minutes,
        paid: b.paid,
        idleCode: b.idleCode,
      })),
    };
  });
  const totalsOf = (group: string | null): RosterTotals => {
    const lines = shifts.filter((s) => group === null || s.group === group);
    const covered = solution.coverage.filter((c) => group === null || c.group === group);
    const hours = (pick: (i: IntervalCoverage) => number) =>
      tidy(
        covered.reduce((sum, c) => sum + c.intervals.reduce((s, i) => s + pick(i), 0), 0) *
          (requirement.intervalMinutes / 60),
      );
    return {
      cost: tidy(lines.reduce((sum, s) => sum + s.cost, 0)),
      paidHours: tidy(lines.reduce((sum, s) => sum + s.agents * s.paidHours, 0)),
      agentShifts: lines.reduce((sum, s) => sum + s.agents, 0),
      requiredHours: hours((i) => i.required),
      onDutyHours: hours((i) => i.meanOnDuty),
    };
  };
  const end = requirement.startMinute + requirement.intervals * requirement.intervalMinutes;
  const { solver } = solution;
  return {
    format: 'ccsim-roster/1',
    ccsim: { version: meta.version },
    command: meta.command ?? null,
    scenario: meta.scenario ?? null,
    requirement: {
      source: meta.source,
      start: intervalLabel(requirement, 0),
      intervalMinutes: requirement.intervalMinutes,
      intervals: requirement.intervals,
      days:
        Math.ceil(end / MINUTES_PER_DAY) - Math.floor(requirement.startMinute / MINUTES_PER_DAY),
    },
    rules: {
      objective: rules.objective,
      slotMinutes: solution.grid.slotMinutes,
      ...solution.limits,
    },
    model: solution.model,
    solver: {
      name: solver.solver.name,
      version: solver.solver.version,
      status: solver.status,
      objective: solver.objective === null ? null : tidy(solver.objective),
      bound: solver.bound === null ? null : tidy(solver.bound),
      gap: solver.gap === null ? null : tidy(solver.gap),
      nodes: solver.nodes,
    },
    totals: totalsOf(null),
    groups: plans.map((p) => ({
      id: p.id,
      costPerHour: p.costPerHour,
      minAgents: p.minAgents,
      maxAgents: p.maxAgents,
      breakAllowance: p.breakAllowance,
      ...totalsOf(p.id),
    })),
    shifts,
    coverage: solution.coverage.map((c) => ({
      group: c.group,
      intervals: c.intervals.map((i) => ({ ...i, meanOnDuty: tidy(i.meanOnDuty) })),
    })),
    current: meta.current
      ? solution.coverage.map((c) => {
          const now = meta.current![c.group] ?? [];
          const hours = (xs: readonly number[]) =>
            tidy(xs.reduce((a, b) => a + b, 0) * (requirement.intervalMinutes / 60));
          return {
            group: c.group,
            currentHours: hours(now),
            rosterHours: hours(c.intervals.map((i) => i.onDuty)),
            intervals: c.intervals.map((i, k) => ({
              label: i.label,
              current: now[k] ?? 0,
              roster: i.onDuty,
            })),
          };
        })
      : null,
    verification: null,
  };
}
