import { fixed, percent, withCi } from './format.js';
import { escapeHtml, metaList, page, section, table } from './html.js';
import { type ChartDef, intervalX, serviceLevelBandLayers } from './simulationCharts.js';
import { renderCharts } from './simulationReport.js';
import { decisionBound, replicationsText, uncertainText } from './staffingTable.js';
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
    ['replications', replicationsText(input)],
    ['ccsim version', input.ccsim.version],
    ['command', input.command],
  ]);
  const statusNote: Record<string, string> = {
    met: 'shown to meet the target: the lower simultaneous bound is at or above it, and so is the betting evidence on the replications (docs/reports.md)',
    unmet:
      'shown to fail the target within the search steps: the upper bound is below it, and so is the betting evidence',
    uncertain:
      'the simulation cannot tell: the bounds still contain the target after the replication budget, or every replication gave the same value, or the bounds clear the target but the betting evidence, which assumes nothing but 0–100%, has not yet shown it ("unproven"); the agents are the last step the search could show, or the Erlang estimate',
    'no-traffic': 'nothing offered: nothing to meet',
  };
  const rows = input.intervals.map((i) => [
    i.label,
    fixed(i.offered),
    i.current,
    i.erlang,
    { html: String(i.agents), className: `num${i.agents > i.current ? ' fail' : ''}` },
    i.scheduled,
    i.warmup ? null : withCi(i.serviceLevel, 'ratio'),
    i.warmup ? null : decisionBound(i),
    i.warmup ? null : (i.decision?.replications ?? null),
    i.warmup ? null : percent(i.occupancy.mean),
    {
      html: `<span title="${escapeHtml(statusNote[i.status] ?? i.status)}">${escapeHtml(i.status)}</span>`,
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
  const looks = input.method.looks;
  const method = `<p>Start: ${escapeHtml(input.method.estimate === 'erlang-a' ? 'Erlang A' : 'Erlang C')} per interval on capacity slots (a conversation holds a slot ${fixed(input.method.slotSeconds)} s on average). Candidates: the estimate shifted by whole agents in every interval at once, simulated with common random numbers. Each candidate is simulated with ${looks[0]} replications, then ${looks.slice(1).join(', ') || 'no more'} while any measured interval is undecided (${looks.length} looks at most: the budget). An interval moves up while it is shown to fail the target, down while one agent fewer is shown to meet it; its bounds are mean ± t·sd/√n with t = t(1 − α/(2·${input.method.intervals}·${looks.length}), n − 1), α = ${fixed(1 - input.confidence, 2)}, so the decisions over all ${input.method.intervals} measured intervals and every look hold together with ${percent(input.confidence, 0)} confidence. With no spread (every replication alike) nothing is decided. Where the simulation cannot tell, the estimate stands. The chosen combination is simulated again and any interval shown to fail gets one more agent.</p>
<dl class="meta"><dt>met</dt><dd>${escapeHtml(statusNote.met!)}</dd><dt>uncertain</dt><dd>${escapeHtml(statusNote.uncertain!)}</dd><dt>unmet</dt><dd>${escapeHtml(statusNote.unmet!)}</dd><dt>bound</dt><dd>the simultaneous bound the status rests on: ≥ lower bound (met), ≤ upper bound (unmet), both (uncertain)</dd></dl>`;
  const steps = input.search.steps.map((st, k) => [
    k + 1,
    st.phase,
    st.offset === null ? null : st.offset > 0 ? `+${st.offset}` : String(st.offset),
    st.replications,
    st.undecided,
    st.agents.join(' '),
  ]);
  const uncertain = uncertainText(input);
  return page({
    kind: 'staffing',
    title: `Staffing: ${input.scenario.name}`,
    subtitle: input.scenario.description,
    meta,
    sections: [
      section(
        'staffing',
        'Agents per interval',
        `<p>Agent-intervals required: ${input.total.agentIntervals} (the scenario staffs ${input.total.currentIntervals}; Erlang: ${input.total.erlangIntervals}); to schedule after shrinkage: ${input.total.scheduledIntervals}. Service level over the measured horizon: ${withCi(input.total.serviceLevel, 'ratio')}.</p>${uncertain ? `<p class="warn">${escapeHtml(uncertain.charAt(0).toUpperCase() + uncertain.slice(1))}</p>` : ''}${table(['interval', 'offered', 'current', 'Erlang', 'required', 'scheduled', 'service level (95% CI)', 'bound', 'replications', 'occupancy', 'status'], rows)}`,
      ),
      ...charts,
      section(
        'method',
        'How it was found',
        `${method}${table(['#', 'phase', 'shift', 'replications', 'undecided', 'agents per interval'], steps)}`,
      ),
    ],
  });
}

function staffingCharts(input: StaffingReportInput): ChartDef[] {
  const labels = input.intervals.map((i) => i.label);
  const x = intervalX(labels);
  const series = [
    'current (scenario)',
    'Erlang estimate',
    'required (simulated)',
    'scheduled',
  ] as const;
  const agents = input.intervals.flatMap((i) => [
    { interval: i.label, series: series[0], value: i.current },
    { interval: i.label, series: series[1], value: i.erlang },
    { interval: i.label, series: series[2], value: i.agents },
    { interval: i.label, series: series[3], value: i.scheduled },
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
      note: 'What the scenario staffs today, the analytic start, the answer the simulation supports, and the headcount to schedule after shrinkage.',
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
            scale: { domain: [...series], range: ['#f59e0b', '#9ca3af', '#2563eb', '#16a34a'] },
            legend: { orient: 'top', direction: 'horizontal', labelLimit: 200 },
          },
          strokeDash: {
            field: 'series',
            sort: [...series],
            scale: {
              domain: [...series],
              range: [
                [2, 2],
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
