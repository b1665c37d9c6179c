import type { AggregatedKpiSet } from '../kpi/index.js';
import { timeOfDayMs } from './format.js';
import type { SimulationReportInput } from './types.js';
import type { ChartSpec } from './vegaSvg.js';

type LayerList = Extract<ChartSpec, { layer: unknown }>['layer'];

/**
 * The simulation report's charts as vega-lite specs (pure: data in, spec out). Per-interval
 * charts show the measured intervals only (warm-up intervals have no conversation KPIs); time
 * series cover the whole horizon, warm-up included, on a clock-time axis.
 */
export interface ChartDef {
  readonly id: string;
  readonly title: string;
  readonly note?: string;
  readonly spec: ChartSpec;
}

const WIDTH = 940;
const HEIGHT = 220;

const TIME_X = {
  field: 'time',
  type: 'temporal',
  title: null,
  scale: { type: 'utc' },
  axis: { format: '%H:%M', labelAngle: 0 },
} as const;

/** The x axis of per-interval charts: interval labels in order, turned when there are many. */
export function intervalX(labels: readonly string[]) {
  return {
    field: 'interval',
    type: 'ordinal',
    title: null,
    sort: [...labels],
    axis: { labelAngle: labels.length > 24 ? -90 : 0 },
  } as const;
}

function measured(input: SimulationReportInput): { label: string; set: AggregatedKpiSet }[] {
  return input.intervals
    .map((label, i) => ({ label, set: input.kpis.intervals[i]!, i }))
    .filter(({ i }) => input.verdict.intervals[i]?.status !== 'warm-up');
}

export function simulationCharts(input: SimulationReportInput): ChartDef[] {
  const charts = [
    arrivalsVsHandled(input),
    serviceLevel(input),
    queue(input),
    agentStates(input),
    waitDistribution(input),
    events(input),
    occupancy(input),
  ];
  return charts.filter((c): c is ChartDef => c !== null);
}

function arrivalsVsHandled(input: SimulationReportInput): ChartDef {
  const rows = measured(input);
  const series = ['offered', 'handled', 'abandoned', 'interrupted'] as const;
  const values = rows.flatMap(({ label, set }) =>
    series.map((s) => ({ interval: label, series: s, value: set[s].mean ?? 0 })),
  );
  return {
    id: 'arrivals-handled',
    title: 'Arrivals vs handled per interval',
    note: 'Mean per replication, by the interval the conversation arrived in. Offered = every measured arrival.',
    spec: {
      width: WIDTH,
      height: HEIGHT,
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        x: intervalX(rows.map((r) => r.label)),
        xOffset: { field: 'series', sort: [...series] },
        y: { field: 'value', type: 'quantitative', title: 'conversations' },
        color: {
          field: 'series',
          title: null,
          sort: [...series],
          scale: { domain: [...series], range: ['#94a3b8', '#2563eb', '#dc2626', '#f59e0b'] },
        },
      },
    },
  };
}

function serviceLevel(input: SimulationReportInput): ChartDef {
  const rows = measured(input);
  const { target, thresholdSeconds } = input.serviceLevel;
  const values = rows
    .filter(({ set }) => set.serviceLevel.mean !== null)
    .map(({ label, set }) => ({
      interval: label,
      mean: set.serviceLevel.mean,
      low: set.serviceLevel.low ?? set.serviceLevel.mean,
      high: set.serviceLevel.high ?? set.serviceLevel.mean,
    }));
  const labels = rows.map((r) => r.label);
  return {
    id: 'service-level',
    title: `Service level per interval (target ${Math.round(target * 100)}% within ${thresholdSeconds} s)`,
    note: `Mean over replications with its 95% confidence interval (band); dashed: the target. Definition: ${input.serviceLevel.definition}.`,
    spec: {
      width: WIDTH,
      height: HEIGHT,
      data: { values },
      layer: serviceLevelBandLayers(labels, values, target),
    },
  };
}

/**
 * The layers of a service-level chart: the 95% confidence band (`low`..`high`), the mean as a
 * line with points, the target as a dashed red rule. The y axis starts a little below the lowest
 * of the band and the target, so a miss is visible without flattening the rest.
 */
export function serviceLevelBandLayers(
  labels: readonly string[],
  values: readonly { readonly low: number | null }[],
  target: number,
): LayerList {
  const x = intervalX(labels);
  const lowest = Math.min(target, ...values.map((v) => v.low ?? 1));
  return [
    {
      mark: { type: 'area', opacity: 0.25, color: '#2563eb' },
      encoding: {
        x,
        y: {
          field: 'low',
          type: 'quantitative',
          title: 'service level',
          axis: { format: '%' },
          scale: { domain: [Math.max(0, Math.floor(lowest * 10) / 10 - 0.1), 1] },
        },
        y2: { field: 'high' },
      },
    },
    {
      mark: { type: 'line', color: '#2563eb', point: true },
      encoding: { x, y: { field: 'mean', type: 'quantitative' } },
    },
    {
      mark: { type: 'rule', color: '#dc2626', strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: { y: { datum: target } },
    },
  ];
}

function queue(input: SimulationReportInput): ChartDef {
  const ts = input.timeSeries;
  const start = input.horizon.start;
  const queues = Object.keys(ts.waiting);
  const values: { time: number; series: string; value: number }[] = [];
  ts.t.forEach((t, i) => {
    const time = timeOfDayMs(start, t);
    for (const q of queues) values.push({ time, series: q, value: ts.waiting[q]![i] ?? 0 });
  });
  const offered = ts.t.map((t, i) => ({
    time: timeOfDayMs(start, t),
    value: ts.slots.offered[i] ?? 0,
  }));
  return {
    id: 'queue',
    title: 'Conversations waiting over time',
    note: `In queue (not yet offered), stacked by queue; line: offers ringing at an agent. Mean over replications, sampled every ${ts.sampleSeconds} s.`,
    spec: {
      width: WIDTH,
      height: HEIGHT,
      layer: [
        {
          data: { values },
          mark: { type: 'area', opacity: 0.85 },
          encoding: {
            x: TIME_X,
            y: { field: 'value', type: 'quantitative', stack: 'zero', title: 'conversations' },
            color: { field: 'series', type: 'nominal', title: 'queue', sort: queues },
          },
        },
        {
          data: { values: offered },
          mark: { type: 'line', color: '#111827', strokeWidth: 1 },
          encoding: { x: TIME_X, y: { field: 'value', type: 'quantitative' } },
        },
      ],
    },
  };
}

function agentStates(input: SimulationReportInput): ChartDef {
  const ts = input.timeSeries;
  const start = input.horizon.start;
  const statuses = ['Available', 'RONA', 'Idle'] as const;
  const agents: { time: number; series: string; order: number; value: number }[] = [];
  const slots: { time: number; series: string; order: number; value: number }[] = [];
  const slotSeries = ['engaged', 'wrap-up', 'offered', 'free'] as const;
  ts.t.forEach((t, i) => {
    const time = timeOfDayMs(start, t);
    statuses.forEach((s, order) => {
      agents.push({ time, series: s, order, value: ts.agents[s]?.[i] ?? 0 });
    });
    const engaged = ts.slots.engaged[i] ?? 0;
    const wrapUp = ts.slots.wrapUp[i] ?? 0;
    const offered = ts.slots.offered[i] ?? 0;
    const free = Math.max(0, (ts.slots.capacity[i] ?? 0) - engaged - wrapUp - offered);
    slots.push(
      { time, series: 'engaged', order: 0, value: engaged },
      { time, series: 'wrap-up', order: 1, value: wrapUp },
      { time, series: 'offered', order: 2, value: offered },
      { time, series: 'free', order: 3, value: free },
    );
  });
  const area = { type: 'area', interpolate: 'step-after' } as const;
  const order = { field: 'order', type: 'quantitative' } as const;
  // With breaks or absenteeism: who the plan has on shift, and who of them is not on a break.
  const shift = ts.shift;
  const lines = ['on shift', 'on duty'] as const;
  const shiftLines = shift
    ? ts.t.flatMap((t, i) => {
        const time = timeOfDayMs(start, t);
        const on = shift.onShift[i] ?? 0;
        return [
          { time, series: lines[0], value: on },
          { time, series: lines[1], value: on - (shift.onBreak[i] ?? 0) },
        ];
      })
    : null;
  const layers: LayerList = [
    {
      data: { values: agents },
      mark: area,
      encoding: {
        x: TIME_X,
        y: { field: 'value', type: 'quantitative', stack: 'zero', title: 'agents' },
        order,
        color: {
          field: 'series',
          title: 'agents',
          sort: [...statuses],
          scale: { domain: [...statuses], range: ['#16a34a', '#dc2626', '#9ca3af'] },
        },
      },
    },
    ...(shiftLines
      ? [
          {
            data: { values: shiftLines },
            mark: {
              type: 'line' as const,
              interpolate: 'step-after' as const,
              color: '#111827',
              strokeWidth: 1.5,
            },
            encoding: {
              x: TIME_X,
              y: { field: 'value', type: 'quantitative' as const },
              strokeDash: {
                field: 'series',
                title: 'staffing',
                sort: [...lines],
                scale: {
                  domain: [...lines],
                  range: [
                    [1, 0],
                    [4, 3],
                  ],
                },
              },
            },
          },
        ]
      : []),
  ];
  const top = shiftLines ? { layer: layers } : layers[0]!;
  return {
    id: 'agent-states',
    title: 'Agent states over time',
    note: `Top: logged-in agents by status (Available, RONA, Idle incl. end of shift${shift ? ' and breaks' : ''}), stacked${shift ? '; the lines: agents on shift as planned (absentees left out) and on duty (on shift, not on a break)' : ''}. Bottom: their conversation slots — engaged in a conversation, in wrap-up, an offer ringing, free — stacked up to capacity. Mean over replications.`,
    spec: {
      vconcat: [
        { width: WIDTH, height: 160, ...top },
        {
          width: WIDTH,
          height: 160,
          data: { values: slots },
          mark: area,
          encoding: {
            x: TIME_X,
            y: { field: 'value', type: 'quantitative', stack: 'zero', title: 'slots' },
            order,
            color: {
              field: 'series',
              title: 'slots',
              sort: [...slotSeries],
              scale: {
                domain: [...slotSeries],
                range: ['#2563eb', '#a855f7', '#f59e0b', '#d1fae5'],
              },
            },
          },
        },
      ],
      resolve: { scale: { color: 'independent' } },
    },
  };
}

function waitDistribution(input: SimulationReportInput): ChartDef | null {
  const h = input.waitHistogram;
  if (!h) return null;
  const T = input.serviceLevel.thresholdSeconds;
  const total = h.answered.reduce((a, b) => a + b, 0) + h.abandoned.reduce((a, b) => a + b, 0);
  const categories = [`answered within ${T} s`, `answered after ${T} s`, 'abandoned'] as const;
  const labels: string[] = [];
  const values: { bin: string; series: string; share: number }[] = [];
  h.edgesSeconds.forEach((from, b) => {
    const to = h.edgesSeconds[b + 1];
    const label = to === undefined ? `≥${duration(from)}` : `${duration(from, to)}–${duration(to)}`;
    labels.push(label);
    const share = (n: number) => (total > 0 ? n / total : 0);
    values.push(
      {
        bin: label,
        series: from < T ? categories[0] : categories[1],
        share: share(h.answered[b] ?? 0),
      },
      { bin: label, series: categories[2], share: share(h.abandoned[b] ?? 0) },
    );
  });
  return {
    id: 'wait-distribution',
    title: 'Wait-time distribution',
    note: 'Share of measured conversations by their wait for a first answer (abandoned: how long they waited before leaving). Bins are [from, to).',
    spec: {
      width: WIDTH,
      height: HEIGHT,
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        x: {
          field: 'bin',
          type: 'ordinal',
          sort: labels,
          title: 'wait (s = seconds, m = minutes, h = hours)',
          axis: { labelAngle: 0 },
        },
        y: {
          field: 'share',
          type: 'quantitative',
          stack: 'zero',
          title: 'share of conversations',
          axis: { format: '%' },
        },
        color: {
          field: 'series',
          title: null,
          sort: [...categories],
          scale: { domain: [...categories], range: ['#16a34a', '#f59e0b', '#dc2626'] },
        },
      },
    },
  };
}

/** Compact: "45s", "1.5m", "1h"; the lower end of a bin in the unit of its upper end. */
function duration(seconds: number, unitOf = seconds): string {
  if (seconds === 0) return '0';
  if (unitOf <= 60) return `${seconds}s`;
  if (unitOf <= 3600) return `${+(seconds / 60).toFixed(1)}m`;
  return `${+(seconds / 3600).toFixed(1)}h`;
}

function events(input: SimulationReportInput): ChartDef {
  const rows = measured(input);
  const series = [
    ['ronaCount', 'RONA'],
    ['transfers', 'transfers'],
    ['conferences', 'conferences'],
    ['interrupted', 'interruptions'],
  ] as const;
  const values = rows.flatMap(({ label, set }) =>
    series.map(([kpi, name]) => ({ interval: label, series: name, value: set[kpi].mean ?? 0 })),
  );
  const names = series.map(([, n]) => n);
  return {
    id: 'events',
    title: 'RONA, transfers, conferences and interruptions per interval',
    note: 'Mean per replication, by the interval the conversation arrived in (interruptions: its asset was deleted).',
    spec: {
      width: WIDTH,
      height: HEIGHT,
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: intervalX(rows.map((r) => r.label)),
        y: { field: 'value', type: 'quantitative', title: 'per interval' },
        color: {
          field: 'series',
          title: null,
          sort: names,
          scale: { domain: names, range: ['#dc2626', '#2563eb', '#a855f7', '#f59e0b'] },
        },
      },
    },
  };
}

function occupancy(input: SimulationReportInput): ChartDef {
  const rows = measured(input).filter(({ set }) => set.occupancy.mean !== null);
  const values = rows.map(({ label, set }) => ({
    interval: label,
    mean: set.occupancy.mean,
    low: set.occupancy.low ?? set.occupancy.mean,
    high: set.occupancy.high ?? set.occupancy.mean,
    staffed: set.staffedAgents.mean,
  }));
  const x = intervalX(rows.map((r) => r.label));
  return {
    id: 'occupancy',
    title: 'Occupancy per interval',
    note: 'Busy slot time / staffed slot time, mean with its 95% confidence interval.',
    spec: {
      width: WIDTH,
      height: 180,
      data: { values },
      layer: [
        {
          mark: { type: 'area', opacity: 0.25, color: '#a855f7' },
          encoding: {
            x,
            y: {
              field: 'low',
              type: 'quantitative',
              title: 'occupancy',
              axis: { format: '%' },
              scale: { domain: [0, 1] },
            },
            y2: { field: 'high' },
          },
        },
        {
          mark: { type: 'line', color: '#a855f7', point: true },
          encoding: { x, y: { field: 'mean', type: 'quantitative' } },
        },
      ],
    },
  };
}
