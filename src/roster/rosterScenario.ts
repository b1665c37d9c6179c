import { isMap, parseDocument } from 'yaml';
import { clockMinutes, formatClock, MINUTES_PER_DAY } from '../scenario/clock.js';
import { parseScenario, type Scenario, staffingPerInterval } from '../scenario/index.js';
import type { RosterDocument } from './rosterDocument.js';
import { RosterError, RosterErrorCode } from './rosterError.js';

/** One `staffing.shifts` entry as the scenario schema takes it. */
export interface ScenarioShift {
  readonly group: string;
  readonly start: string;
  readonly end: string;
  readonly agents: number;
  readonly breaks?: readonly {
    start: string | { from: string; to: string };
    minutes: number;
    idleCode?: string;
  }[];
}

/**
 * The scenario a roster describes: the original file's text with its `staffing` block replaced by
 * `staffing.shifts` — the roster's lines for the groups it rosters, and for the others their
 * current staffing as one shift per interval — and a rostered group's `size` raised where the
 * roster seats more agents than it. Everything else (comments included) stays as written, so the
 * planner can read the file beside the original. The scenario returned is that text parsed again:
 * what is simulated is exactly what is written.
 */
export function rosterScenario(
  original: { readonly scenario: Scenario; readonly text: string; readonly file: string },
  roster: RosterDocument,
  options: {
    readonly withBreaks: boolean;
    /** The target the roster is verified against, written into the scenario's serviceLevel. */
    readonly serviceLevel?: { readonly target: number; readonly thresholdSeconds: number };
  },
): { readonly text: string; readonly scenario: Scenario; readonly shifts: ScenarioShift[] } {
  const { scenario } = original;
  const rostered = new Set(roster.groups.map((g) => g.id));
  const shifts: ScenarioShift[] = [];
  for (const line of roster.shifts) {
    const end = clockMinutes(line.end);
    if (line.day !== 1 || end === undefined || end >= MINUTES_PER_DAY) {
      throw new RosterError(
        RosterErrorCode.notWritable,
        `the ${line.group} shift ${line.start}-${line.end} on day ${line.day} cannot be written as staffing.shifts (a scenario's shifts lie within its first day, up to 23:59): the roster is not verified`,
      );
    }
    shifts.push({
      group: line.group,
      start: line.start,
      end: line.end,
      agents: line.agents,
      ...(options.withBreaks && line.breaks.length > 0
        ? {
            breaks: line.breaks.map((b) => ({
              start: b.start,
              minutes: b.minutes,
              ...(b.idleCode !== null ? { idleCode: b.idleCode } : {}),
            })),
          }
        : {}),
    });
  }
  // The other groups as the scenario staffs them: their own shifts (with their breaks) where it
  // has shifts, else one shift per interval of their per-interval counts.
  const kept: ScenarioShift[] = [];
  const own = scenario.staffing.shifts;
  if (own) {
    for (const shift of own) if (!rostered.has(shift.group)) kept.push(shift as ScenarioShift);
  } else {
    const current = staffingPerInterval(scenario);
    const first = clockMinutes(scenario.horizon.start) ?? 0;
    const step = scenario.horizon.intervalMinutes;
    for (const group of scenario.tenant.agentGroups) {
      if (rostered.has(group.id)) continue;
      (current[group.id] ?? []).forEach((agents, i) => {
        if (agents <= 0) return;
        const from = first + i * step;
        const to = Math.min(from + step, MINUTES_PER_DAY - 1);
        kept.push({ group: group.id, start: formatClock(from), end: formatClock(to), agents });
      });
    }
  }
  shifts.push(...kept);
  const seats = new Map<string, number>();
  for (const c of roster.coverage) {
    seats.set(c.group, Math.max(0, ...c.intervals.map((i) => i.onShift)));
  }

  const doc = parseDocument(original.text);
  // Absenteeism is the center's, not the plan's: it stays. Break rules stay for the groups not
  // rostered (a rule for every group becomes one per such group); the roster's own lines carry
  // the breaks of the groups it rosters.
  const before = (
    doc.get('staffing', false) as { toJSON?: () => unknown } | undefined
  )?.toJSON?.() as { absenteeism?: unknown; breaks?: { group?: string }[] } | undefined;
  const others = scenario.tenant.agentGroups.map((g) => g.id).filter((g) => !rostered.has(g));
  const rules = (before?.breaks ?? []).flatMap((rule) =>
    rule.group === undefined
      ? others.map((group) => ({ group, ...rule }))
      : others.includes(rule.group)
        ? [rule]
        : [],
  );
  doc.set(
    'staffing',
    doc.createNode(
      {
        shifts,
        ...(rules.length > 0 ? { breaks: rules } : {}),
        ...(before?.absenteeism !== undefined ? { absenteeism: before.absenteeism } : {}),
      },
      { flow: false },
    ),
  );
  const sl = options.serviceLevel;
  if (sl && sl.thresholdSeconds !== scenario.serviceLevel.thresholdSeconds) {
    doc.setIn(['serviceLevel', 'thresholdSeconds'], sl.thresholdSeconds);
  }
  if (sl && sl.target !== scenario.serviceLevel.target) {
    doc.setIn(['serviceLevel', 'target'], sl.target);
  }
  const groups = doc.getIn(['tenant', 'agentGroups']);
  if (groups && typeof groups === 'object' && 'items' in groups) {
    for (const item of (groups as { items: unknown[] }).items) {
      if (!isMap(item)) continue;
      const id = item.get('id');
      const size = Number(item.get('size'));
      const needed = typeof id === 'string' ? (seats.get(id) ?? 0) : 0;
      if (needed <= size) continue;
      item.set('size', needed);
      // Tokens are per agent: a longer list is generated, as for a group without them.
      item.delete('tokens');
    }
  }
  const header = `# ${original.file} with the staffing of its roster (ccsim schedule, ${roster.requirement.source}).\n`;
  // Times quoted as the bundled scenarios write them: a YAML 1.1 reader takes 08:00 for a number.
  const text =
    header +
    doc.toString({ lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
  return { text, scenario: parseScenario(text, 'the roster scenario'), shifts };
}
