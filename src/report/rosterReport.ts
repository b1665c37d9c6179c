import { type RosterDocument, VERIFICATION_STATUS_TEXT } from '../roster/index.js';
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
  const verification = doc.verification ? [await verificationSection(doc)] : [];
  return page({
    kind: 'roster',
    title: doc.scenario ? `Roster: ${doc.scenario.name}` : 'Roster',
    meta,
    sections: [
      section('solve', 'Solve, cost and paid hours', `${solve}${groups}`),
      ...verification,
      ...perGroup,
    ],
  });
}

/** The roster written back as a scenario and simulated: rounds, and SL per interval and queue. */
async function verificationSection(doc: RosterDocument): Promise<string> {
  const v = doc.verification!;
  const ci = (e: { mean: number | null; low: number | null; high: number | null }) =>
    e.mean === null
      ? '–'
      : `${percent(e.mean, 1)}${e.low !== null && e.high !== null ? ` (${percent(e.low, 1)}–${percent(e.high, 1)})` : ''}`;
  const intro = `<p>The roster was written back as a scenario (<code>${escapeHtml(v.scenarioFile)}</code>) and simulated with the customers of seed ${v.seed} (${v.replications} replications first, up to ${v.maxReplications}: common random numbers with the staffing search); wherever an interval was <em>shown</em> to miss ${percent(v.target.serviceLevel, 0)} answered in ${v.target.thresholdSeconds} s (at ${percent(v.confidence, 0)} simultaneous confidence), one agent more was required there and the roster solved again, for at most ${v.maxRounds} rounds. <strong>${escapeHtml(VERIFICATION_STATUS_TEXT[v.status])}</strong> after ${v.rounds.length} round${v.rounds.length === 1 ? '' : 's'}; service level over the horizon ${ci(v.total.serviceLevel)}.</p>`;
  const rounds = table(
    [
      'round',
      'cost',
      'paid h',
      'agent-shifts',
      'replications',
      'SL (95% CI)',
      'shown to miss',
      'undecided below the target',
      'one agent more',
      'break allowance (min: solved with / measured per break / next)',
    ],
    v.rounds.map((r) => [
      r.round,
      fixed(r.cost, 2),
      fixed(r.paidHours, 2),
      r.agentShifts,
      r.replications,
      ci(r.serviceLevel),
      r.unmet.join(', ') || '–',
      r.belowTarget.join(', ') || '–',
      r.added.map((a) => `${a.group} ${a.label}`).join(', ') || '–',
      r.breakAllowance
        .map(
          (b) =>
            `${b.group} ${b.solved} / ${b.perBreak === null ? '–' : fixed(b.perBreak, 1)} / ${b.next}`,
        )
        .join('; ') || '–',
    ]),
  );
  const verdictText: Readonly<Record<string, string>> = {
    met: 'met (shown)',
    unmet: 'missed (shown)',
    undecided: 'undecided',
    'no-traffic': 'no traffic',
    'warm-up': 'warm-up',
  };
  const judged = (
    e: { mean: number | null; low: number | null; high: number | null },
    verdict: string,
  ) =>
    `${verdictText[verdict] ?? verdict}${verdict === 'warm-up' || verdict === 'no-traffic' ? '' : `: ${ci(e)}`}`;
  const intervalQueues = Object.keys(v.total.queues);
  const perInterval = table(
    ['interval', 'verdict', 'all queues', ...intervalQueues],
    v.intervals.map((i) => [
      i.label,
      verdictText[i.verdict] ?? i.verdict,
      judged(i.serviceLevel, i.tenantVerdict),
      ...intervalQueues.map((q) => {
        const e = i.queues[q];
        return e ? judged(e, e.verdict) : '–';
      }),
    ]),
  );
  const queues = Object.keys(v.total.queues);
  const perQueue =
    queues.length > 1
      ? table(
          ['queue', 'SL over the horizon (95% CI)'],
          queues.map((q) => [q, ci(v.total.queues[q]!)]),
        )
      : '';
  const [chart] = await renderCharts([verificationChart(doc)]);
  const current = doc.current
    ? table(
        ['group', 'agent-hours logged in now', 'agent-hours on duty in the roster', 'difference'],
        doc.current.map((c) => [
          c.group,
          fixed(c.currentHours, 1),
          fixed(c.rosterHours, 1),
          fixed(c.rosterHours - c.currentHours, 1),
        ]),
      )
    : '';
  return section(
    'verification',
    'Verification: the roster simulated',
    `${intro}${rounds}${chart}${perQueue}<details><summary>Per interval: the verdict for all queues and for each queue under its own target (95% CI)</summary>${perInterval}</details>${current ? `<h3>Gap to the scenario's current staffing</h3>${current}` : ''}`,
  );
}

/** The final roster's simulated SL per interval with its 95% interval, per queue, and the target. */
export function verificationChart(doc: RosterDocument): ChartDef {
  const v = doc.verification!;
  const labels = v.intervals.map((i) => i.label);
  const queues = Object.keys(v.total.queues);
  const line = v.intervals.flatMap((i) => [
    { interval: i.label, series: 'all queues', value: i.serviceLevel.mean },
    ...(queues.length > 1
      ? queues.map((q) => ({ interval: i.label, series: q, value: i.queues[q]?.mean ?? null }))
      : []),
  ]);
  const band = v.intervals
    .filter((i) => i.serviceLevel.low !== null)
    .map((i) => ({ interval: i.label, low: i.serviceLevel.low, high: i.serviceLevel.high }));
  const x = intervalX(labels);
  return {
    id: 'roster-verification',
    title: 'Simulated service level of the roster, per interval',
    note: `All queues with its 95% interval (shaded)${queues.length > 1 ? ', and each queue' : ''}; the dashed line is the target. Warm-up intervals have none.`,
    spec: {
      width: WIDTH,
      height: 220,
      layer: [
        {
          data: { values: band },
          mark: { type: 'area', opacity: 0.2, color: '#2563eb', interpolate: 'step-after' },
          encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } },
        },
        {
          data: { values: line.filter((p) => p.value !== null) },
          mark: { type: 'line', interpolate: 'step-after', point: labels.length <= 48 },
          encoding: {
            x,
            y: {
              field: 'value',
              type: 'quantitative',
              title: 'service level',
              axis: { format: '%' },
              scale: { domain: [0, 1] },
            },
            color: { field: 'series', title: null },
          },
        },
        {
          data: { values: [{ target: v.target.serviceLevel }] },
          mark: { type: 'rule', strokeDash: [5, 3], color: '#dc2626' },
          encoding: { y: { field: 'target', type: 'quantitative' } },
        },
      ],
    },
  };
}

export function rosterCharts(doc: RosterDocument, group: string): ChartDef[] {
  const coverage = doc.coverage.find((c) => c.group === group)!.intervals;
  const labels = coverage.map((i) => i.label);
  const x = intervalX(labels);
  const now = doc.current?.find((c) => c.group === group);
  const series = [
    'on duty (fewest in the interval)',
    'on shift (breaks included)',
    'required',
    ...(now ? ['logged in now (the scenario)'] : []),
  ];
  const values = coverage.flatMap((i, k) => [
    { interval: i.label, series: series[0], value: i.onDuty },
    { interval: i.label, series: series[1], value: i.onShift },
    { interval: i.label, series: series[2], value: i.required },
    ...(now ? [{ interval: i.label, series: series[3], value: now.intervals[k]!.current }] : []),
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
      note: "Per interval: the fewest agents on duty at any minute (what the requirement is checked against), agents on shift including those on a break, the requirement, and the agents the scenario logs in now (the gap to today's staffing).",
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
            scale: { domain: series, range: ['#2563eb', '#9ca3af', '#dc2626', '#16a34a'] },
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
                [1, 3],
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
