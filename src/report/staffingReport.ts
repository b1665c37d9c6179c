import { fixed, percent, withCi } from './format.js';
import { escapeHtml, metaList, page, section, table } from './html.js';
import { type ChartDef, intervalX, serviceLevelBandLayers } from './simulationCharts.js';
import { renderCharts } from './simulationReport.js';
import type { StaffingReportInput } from './types.js';

const WIDTH = 940;

/** The HTML report of `ccsim staff`: agents per interval, the predicted service level, the search. */
export async function renderStaffingReport(input: StaffingReportInput): Promise<string> {
  const t = input.target;
  const charts = await renderCharts(staffingCharts(input));
  const meta = metaList([
    ['scenario', `${input.scenario.name} (${input.scenario.file})`],
    ['agent group', `${input.group} (capacity ${input.capacity})`],
    [
      'target',
      `${fixed(t.serviceLevel * 100, 1)}% within ${t.thresholdSeconds} s (${t.definition})${t.maxOccupancy !== null ? `, occupancy at most ${percent(t.maxOccupancy)}` : ''}`,
    ],
    ['shrinkage', percent(input.shrinkage)],
    ['seed', input.seed],
    ['replications', `${input.replications} per candidate`],
    ['ccsim version', input.ccsim.version],
    ['command', input.command],
  ]);
  const rows = input.intervals.map((i) => [
    i.label,
    fixed(i.offered),
    i.erlang,
    i.agents,
    i.scheduled,
    i.warmup ? null : withCi(i.serviceLevel, 'ratio'),
    i.warmup ? null : percent(i.occupancy.mean),
    {
      html: escapeHtml(i.status),
      className:
        i.status === 'unmet'
          ? 'fail'
          : i.status === 'met'
            ? 'pass'
            : i.status === 'uncertain'
              ? 'warn'
              : '',
    },
  ]);
  const method = `<p>Start: ${escapeHtml(input.method.estimate === 'erlang-a' ? 'Erlang A' : 'Erlang C')} per interval on capacity slots (a conversation holds a slot ${fixed(input.method.slotSeconds)} s on average). Candidates: the estimate shifted by whole agents in every interval at once, simulated with common random numbers (${input.replications} replications each). An interval moves up while it is shown to fail the target, down while one agent fewer is shown to meet it, at ${percent(input.confidence, 0)} simultaneous confidence over ${input.method.boundsIntervals} measured intervals (t = ${fixed(input.method.boundsT, 3) ?? 'n/a'}); where the simulation cannot tell, the estimate stands. The chosen combination is simulated again and any interval shown to fail gets one more agent. Status: <em>met</em> (shown to meet), <em>uncertain</em> (its interval contains the target: more replications would tell), <em>unmet</em> (shown to fail within the search's steps).</p>`;
  const steps = input.search.steps.map((s, k) => [
    k + 1,
    s.phase,
    s.offset === null ? null : s.offset > 0 ? `+${s.offset}` : String(s.offset),
    s.agents.join(' '),
  ]);
  return page({
    kind: 'staffing',
    title: `Staffing: ${input.scenario.name}`,
    subtitle: input.scenario.description,
    meta,
    sections: [
      section(
        'staffing',
        'Agents per interval',
        `<p>Agent-intervals: ${input.total.agentIntervals} (Erlang: ${input.total.erlangIntervals}); to schedule after shrinkage: ${input.total.scheduledIntervals}. Service level over the measured horizon: ${withCi(input.total.serviceLevel, 'ratio')}.</p>${table(['interval', 'offered', 'Erlang', 'agents', 'scheduled', 'service level (95% CI)', 'occupancy', 'status'], rows)}`,
      ),
      ...charts,
      section(
        'method',
        'How it was found',
        `${method}${table(['#', 'phase', 'shift', 'agents per interval'], steps)}`,
      ),
    ],
  });
}

function staffingCharts(input: StaffingReportInput): ChartDef[] {
  const labels = input.intervals.map((i) => i.label);
  const x = intervalX(labels);
  const series = ['Erlang estimate', 'agents (simulated)', 'scheduled'] as const;
  const agents = input.intervals.flatMap((i) => [
    { interval: i.label, series: series[0], value: i.erlang },
    { interval: i.label, series: series[1], value: i.agents },
    { interval: i.label, series: series[2], value: i.scheduled },
  ]);
  const sl = input.intervals
    .filter((i) => !i.warmup && i.serviceLevel.mean !== null)
    .map((i) => ({
      interval: i.label,
      mean: i.serviceLevel.mean,
      low: i.serviceLevel.low ?? i.serviceLevel.mean,
      high: i.serviceLevel.high ?? i.serviceLevel.mean,
    }));
  return [
    {
      id: 'staffing-agents',
      title: 'Agents needed per interval',
      note: 'The analytic start, the answer the simulation supports, and the headcount to schedule after shrinkage.',
      spec: {
        width: WIDTH,
        height: 220,
        data: { values: agents },
        mark: { type: 'line', point: true, interpolate: 'step-after' },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', title: 'agents' },
          color: {
            field: 'series',
            title: null,
            sort: [...series],
            scale: { domain: [...series], range: ['#9ca3af', '#2563eb', '#16a34a'] },
          },
          strokeDash: {
            field: 'series',
            sort: [...series],
            scale: {
              domain: [...series],
              range: [
                [4, 3],
                [1, 0],
                [1, 0],
              ],
            },
            legend: null,
          },
        },
      },
    },
    {
      id: 'staffing-service-level',
      title: 'Predicted service level at the answer',
      note: 'Mean over replications with its 95% confidence interval (band); dashed: the target.',
      spec: {
        width: WIDTH,
        height: 200,
        data: { values: sl },
        layer: serviceLevelBandLayers(labels, sl, input.target.serviceLevel),
      },
    },
  ];
}
