import { clockMinutes, formatClock } from './clock.js';
import type { Problem } from './problem.js';
import type { Scenario } from './schema.js';

/**
 * Shrinkage as plain data, in milliseconds from the horizon start: per group, its absenteeism
 * and the breaks its agents are scheduled to take (`staffing.shifts[].breaks` and the
 * `staffing.breaks` rules). The draws (who is absent, when in its window a break starts) are the
 * behaviour model's, per replication (src/behaviour/shrinkagePlan.ts).
 */
export interface ShrinkageSpec {
  readonly intervals: number;
  readonly intervalMs: number;
  readonly groups: readonly GroupShrinkage[];
}

export interface GroupShrinkage {
  readonly id: string;
  /** Share of scheduled agents that do not show up, drawn per agent per shift. */
  readonly absenteeism: number;
  /** Staffing by shift lines (`staffing.shifts`), or null for `perInterval` staffing. */
  readonly shifts: readonly ShiftLine[] | null;
  /** perInterval staffing: agents logged in per interval (positions 0..n-1 are on). */
  readonly perInterval: readonly number[];
  /** The group's size: staffing never exceeds it. */
  readonly size: number;
  /** `staffing.breaks` rules for this group: every agent on shift at `fromMs` takes one. */
  readonly rules: readonly (BreakSpec & { readonly rule: number })[];
}

export interface ShiftLine {
  /** Its index in `staffing.shifts` (the key of its agents' streams). */
  readonly line: number;
  readonly agents: number;
  /** The intervals whose midpoint it covers (counted there, as planStaffing does). */
  readonly firstInterval: number;
  readonly endInterval: number;
  readonly breaks: readonly BreakSpec[];
}

export interface BreakSpec {
  /** Earliest and latest start, on a minute grid (equal for a fixed start). */
  readonly fromMs: number;
  readonly toMs: number;
  readonly durationMs: number;
  readonly idleCode: string;
}

const MINUTE_MS = 60_000;

/** True when the scenario asks for any shrinkage (else the simulator runs exactly as without). */
export function hasShrinkage(scenario: Scenario): boolean {
  const { staffing } = scenario;
  const a = staffing.absenteeism;
  const absent =
    a === undefined ? false : typeof a === 'number' ? a > 0 : Object.values(a).some((x) => x > 0);
  return (
    absent ||
    (staffing.breaks?.length ?? 0) > 0 ||
    (staffing.shifts ?? []).some((s) => (s.breaks?.length ?? 0) > 0)
  );
}

function absenteeismOf(scenario: Scenario, group: string): number {
  const a = scenario.staffing.absenteeism;
  if (a === undefined) return 0;
  return typeof a === 'number' ? a : (a[group] ?? 0);
}

/** Breaks' idle code: its own, else the tenant's first idle code (documented in docs/scenarios.md). */
function idleCodeOf(scenario: Scenario, code: string | undefined): string {
  return code ?? scenario.tenant.idleCodes[0]?.id ?? '';
}

function window(start: string | { from: string; to: string }): [number, number] | undefined {
  const from = clockMinutes(typeof start === 'string' ? start : start.from);
  const to = clockMinutes(typeof start === 'string' ? start : start.to);
  return from === undefined || to === undefined ? undefined : [from, to];
}

export function compileShrinkage(
  scenario: Scenario,
  staffing: Readonly<Record<string, readonly number[]>>,
): ShrinkageSpec {
  const { intervals, intervalMinutes } = scenario.horizon;
  const origin = clockMinutes(scenario.horizon.start) ?? 0;
  const ms = (minute: number) => (minute - origin) * MINUTE_MS;
  const spec = (
    start: string | { from: string; to: string },
    minutes: number,
    code: string | undefined,
  ): BreakSpec => {
    const [from, to] = window(start)!;
    return {
      fromMs: ms(from),
      toMs: ms(to),
      durationMs: minutes * MINUTE_MS,
      idleCode: idleCodeOf(scenario, code),
    };
  };
  const groups = scenario.tenant.agentGroups.map((g): GroupShrinkage => {
    const shifts = scenario.staffing.shifts
      ?.map((s, line) => ({ s, line }))
      .filter(({ s }) => s.group === g.id)
      .map(({ s, line }): ShiftLine => {
        const from = clockMinutes(s.start)!;
        const to = clockMinutes(s.end)!;
        let first = intervals;
        let end = 0;
        for (let i = 0; i < intervals; i++) {
          const midpoint = origin + (i + 0.5) * intervalMinutes;
          if (midpoint < from || midpoint >= to) continue;
          first = Math.min(first, i);
          end = i + 1;
        }
        return {
          line,
          agents: s.agents,
          firstInterval: first,
          endInterval: Math.max(first, end),
          breaks: (s.breaks ?? []).map((b) => spec(b.start, b.minutes, b.idleCode)),
        };
      });
    return {
      id: g.id,
      absenteeism: absenteeismOf(scenario, g.id),
      shifts: shifts ?? null,
      perInterval: staffing[g.id] ?? new Array<number>(intervals).fill(0),
      size: g.size,
      rules: (scenario.staffing.breaks ?? []).flatMap((r, rule) =>
        r.group === undefined || r.group === g.id
          ? [{ rule, ...spec({ from: r.from, to: r.to }, r.minutes, r.idleCode) }]
          : [],
      ),
    };
  });
  return { intervals, intervalMs: intervalMinutes * MINUTE_MS, groups };
}

/** The shrinkage fields' references and windows, checked before any work (with paths). */
export function checkShrinkage(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  const { staffing, tenant, horizon } = scenario;
  const groups = new Set(tenant.agentGroups.map((g) => g.id));
  const codes = new Set(tenant.idleCodes.map((c) => c.id));
  const origin = clockMinutes(horizon.start) ?? 0;
  const end = origin + horizon.intervals * horizon.intervalMinutes;
  const list = (s: Set<string>) => [...s].map((x) => `"${x}"`).join(', ');
  const code = (path: (string | number)[], c: string | undefined) => {
    if (c === undefined) {
      if (codes.size === 0) {
        problems.push({
          path,
          message: 'a break needs an idle code and the tenant has none (tenant.idleCodes)',
        });
      }
    } else if (!codes.has(c)) {
      problems.push({
        path: [...path, 'idleCode'],
        message: `unknown idle code "${c}"; the idle codes are ${list(codes) || 'none'}`,
      });
    }
  };
  const a = staffing.absenteeism;
  if (a !== undefined && typeof a !== 'number') {
    for (const g of Object.keys(a)) {
      if (!groups.has(g)) {
        problems.push({
          path: ['staffing', 'absenteeism', g],
          message: `unknown agent group "${g}"; the groups are ${list(groups)}`,
        });
      }
    }
  }
  (staffing.shifts ?? []).forEach((s, i) => {
    const from = clockMinutes(s.start);
    const to = clockMinutes(s.end);
    (s.breaks ?? []).forEach((b, k) => {
      const path = ['staffing', 'shifts', i, 'breaks', k];
      code(path, b.idleCode);
      const w = window(b.start);
      if (w === undefined || from === undefined || to === undefined) return;
      if (w[1] < w[0]) {
        problems.push({
          path: [...path, 'start', 'to'],
          message: 'the window ends before it starts',
        });
      } else if (w[0] < from || w[1] + b.minutes > to) {
        problems.push({
          path: [...path, 'start'],
          message: `a break of ${b.minutes} min starting at ${typeof b.start === 'string' ? b.start : `${b.start.from}–${b.start.to}`} does not lie within its shift ${s.start}–${s.end}`,
        });
      }
    });
  });
  (staffing.breaks ?? []).forEach((r, i) => {
    const path = ['staffing', 'breaks', i];
    if (r.group !== undefined && !groups.has(r.group)) {
      problems.push({
        path: [...path, 'group'],
        message: `unknown agent group "${r.group}"; the groups are ${list(groups)}`,
      });
    }
    code(path, r.idleCode);
    const from = clockMinutes(r.from);
    const to = clockMinutes(r.to);
    if (from === undefined || to === undefined) return;
    if (to < from) {
      problems.push({ path: [...path, 'to'], message: 'the window ends before it starts' });
    } else if (from < origin || to + r.minutes > end) {
      problems.push({
        path: [...path, 'from'],
        message: `the break window ${r.from}–${r.to} (+${r.minutes} min) is not inside the horizon ${horizon.start}–${formatClock(end)}`,
      });
    }
  });
  return problems;
}
