import type { RosterDocument } from '../roster/index.js';
import { fixed, percent } from './format.js';
import { escapeHtml, metaList, page, section, table } from './html.js';
import { type ChartDef, intervalX } from './simulationCharts.js';
import { renderCharts } from './simulationReport.js';

const WIDTH = 940;

export interface RosterReportOptions {
  /** Wall-clock seconds of the solve: shown here, kept out of roster.json (it varies by run). */
  readonly solveSeconds?: number;
}

/**
 * The HTML report of `ccsim schedule`: the solve, cost and paid hours per group, coverage against
 * the requirement, a Gantt-like chart and the roster table per group. Built from roster.json
 * alone (plus the solve's wall-clock time), like the other reports from their JSON.
 */
export async function renderRosterReport(
  doc: RosterDocument,
  options: RosterReportOptions = {},
): Promise<string> {
  const s = doc.solver;
  const meta = metaList([
    ['scenario', doc.scenario ? `${doc.scenario.name} (${doc.scenario.file})` : null],
    ['requirement', doc.requirement.source],
    [
      'horizon',
      `${doc.requirement.intervals} intervals of ${doc.requirement.intervalMinutes} min from ${doc.requirement.start} (${doc.requirement.days} day${doc.requirement.days === 1 ? '' : 's'})`,
    ],
    ['objective', doc.rules.objective === 'cost' ? 'cost of paid hours' : 'paid hours'],
    ['ccsim version', doc.ccsim.version],
    ['command', doc.command],
  ]);
  const verdict =
    s.status === 'optimal'
      ? `optimal within the relative gap ${percent(doc.rules.relativeGap, 2)}`
      : s.status === 'work-limit'
        ? `stopped at the work limits (${doc.rules.searchMoves} local-search moves per agent, ${doc.rules.maxNodes} branch-and-bound nodes per part) with the best roster found`
        : `stopped at the time limit of ${doc.rules.timeLimitSeconds} s with the best roster found`;
  const solve = `<p>${escapeHtml(s.name)} ${escapeHtml(s.version)}: ${escapeHtml(verdict)}; cost ${fixed(doc.totals.cost, 2)}, proven lower bound ${fixed(s.bound, 2) ?? '–'}, gap ${s.gap === null ? '–' : percent(s.gap, 2)}${options.solveSeconds !== undefined ? `, ${fixed(options.solveSeconds, 2)} s` : ''}. The program: ${doc.model.parts} independent part(s), ${doc.model.shiftCandidates} allowed shifts, ${doc.model.variables} integer variables, ${doc.model.constraints} constraints, coverage checked every ${doc.rules.slotMinutes} min.</p>`;
  const groups = table(
    [
      'group',
      'cost/h',
      'min',
      'max',
      'agent-shifts',
      'paid hours',
      'cost',
      'required h',
      'on duty h',
    ],
    [
      ...doc.groups.map((g) => [
        g.id,
        fixed(g.costPerHour, 2),
        g.minAgents,
        g.maxAgents,
        g.agentShifts,
        fixed(g.paidHours, 2),
        fixed(g.cost, 2),
        fixed(g.requiredHours, 1),
        fixed(g.onDutyHours, 1),
      ]),
      [
        { html: '<strong>total</strong>' },
        null,
        null,
        null,
        doc.totals.agentShifts,
        fixed(doc.totals.paidHours, 2),
        fixed(doc.totals.cost, 2),
        fixed(doc.totals.requiredHours, 1),
        fixed(doc.totals.onDutyHours, 1),
      ],
    ],
  );
  const perGroup: string[] = [];
  for (const g of doc.groups) {
    const charts = await renderCharts(rosterCharts(doc, g.id));
    const lines = doc.shifts.filter((l) => l.group === g.id);
    const rows = lines.map((l) => [
      l.type,
      doc.requirement.days > 1 ? `d${l.day}` : null,
      l.start,
      l.end,
      l.agents,
      l.breaks
        .map(
          (b) =>
            `${b.start} ${b.minutes} min${b.idleCode ? ` ${b.idleCode}` : ''}${b.paid ? '' : ' (unpaid)'}`,
        )
        .join(', ') || '–',
      fixed(l.paidHours, 2),
      fixed(l.cost, 2),
    ]);
    perGroup.push(
      section(
        `group-${g.id}`,
        `Group ${g.id}`,
        `${charts.join('\n')}<details><summary>Roster table: ${lines.length} lines, ${g.agentShifts} agent-shifts</summary>${table(['shift', 'day', 'start', 'end', 'agents', 'breaks', 'paid h each', 'cost'], rows)}</details>`,
      ),
    );
  }
  return page({
    kind: 'roster',
    title: doc.scenario ? `Roster: ${doc.scenario.name}` : 'Roster',
    meta,
    sections: [section('solve', 'Solve, cost and paid hours', `${solve}${groups}`), ...perGroup],
  });
}

export function rosterCharts(doc: RosterDocument, group: string): ChartDef[] {
  const coverage = doc.coverage.find((c) => c.group === group)!.intervals;
  const labels = coverage.map((i) => i.label);
  const x = intervalX(labels);
  const series = ['on duty (fewest in the interval)', 'on shift (breaks included)', 'required'];
  const values = coverage.flatMap((i) => [
    { interval: i.label, series: series[0], value: i.onDuty },
    { interval: i.label, series: series[1], value: i.onShift },
    { interval: i.label, series: series[2], value: i.required },
  ]);
  const dayMinutes = 24 * 60;
  const hours = (day: number, clock: string) =>
    ((day - 1) * dayMinutes + Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))) / 60;
  const lines = doc.shifts.filter((l) => l.group === group);
  const bars = lines.map((l, row) => ({
    row,
    from: hours(l.day, l.start),
    to: hours(l.day, l.end),
    agents: l.agents,
  }));
  const breaks = lines.flatMap((l, row) =>
    l.breaks.map((b) => ({
      row,
      from: hours(l.day, b.start),
      to: hours(l.day, b.start) + b.minutes / 60,
    })),
  );
  const axisTitle = doc.requirement.days > 1 ? 'hours from day 1, 00:00' : 'time of day (hours)';
  const rowHeight = Math.max(2, Math.min(12, Math.floor(600 / Math.max(1, lines.length))));
  const y = {
    field: 'row',
    type: 'ordinal',
    title: `roster lines (${lines.length})`,
    axis: lines.length > 40 ? null : { labels: false, ticks: false },
  } as const;
  return [
    {
      id: `roster-coverage-${group}`,
      title: `Coverage against required agents: ${group}`,
      note: 'Per interval: the fewest agents on duty at any minute (what the requirement is checked against), agents on shift including those on a break, and the requirement.',
      spec: {
        width: WIDTH,
        height: 200,
        data: { values },
        mark: { type: 'line', interpolate: 'step-after', point: labels.length <= 48 },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', title: 'agents' },
          color: {
            field: 'series',
            title: null,
            sort: series,
            scale: { domain: series, range: ['#2563eb', '#9ca3af', '#dc2626'] },
            legend: { symbolType: 'stroke', symbolSize: 400, symbolStrokeWidth: 2 },
          },
          // The same title and sort as the colour's: vega-lite then draws one legend that shows
          // each line's colour and dash (a null legend here would drop the colour's too).
          strokeDash: {
            field: 'series',
            title: null,
            sort: series,
            scale: {
              domain: series,
              range: [
                [1, 0],
                [2, 2],
                [5, 3],
              ],
            },
          },
        },
      },
    },
    {
      id: `roster-gantt-${group}`,
      title: `Shifts and breaks: ${group}`,
      note: 'One bar per roster line (darker: more agents on it), its breaks in orange; the table below lists the lines.',
      spec: {
        width: WIDTH,
        height: rowHeight * Math.max(1, lines.length),
        layer: [
          {
            data: { values: bars },
            mark: { type: 'bar', color: '#2563eb', height: Math.max(1, rowHeight - 1) },
            encoding: {
              x: { field: 'from', type: 'quantitative', title: axisTitle, scale: { zero: false } },
              x2: { field: 'to' },
              y,
              opacity: {
                field: 'agents',
                type: 'quantitative',
                legend: null,
                scale: { range: [0.45, 1] },
              },
            },
          },
          {
            data: { values: breaks },
            mark: { type: 'bar', color: '#f59e0b', height: Math.max(1, rowHeight - 1) },
            encoding: { x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' }, y },
          },
        ],
      },
    },
  ];
}
