import type { KpiSet } from '../kpi/index.js';
import { fixed, percent } from './format.js';
import { gateSection } from './gateSection.js';
import { type Cell, escapeHtml, metaList, page, section, table } from './html.js';
import type { ChartDef } from './simulationCharts.js';
import { renderCharts } from './simulationReport.js';
import type { GateReport } from './types.js';

/**
 * The load test's `summary.json` (src/load/summary.ts, `LoadSummary`) as far as the report reads
 * it; structural, so that src/report does not import src/load.
 */
export interface LoadReportInput {
  readonly ccsim: string;
  readonly command: string;
  readonly scenario: { readonly name: string; readonly file: string };
  readonly seed: number;
  readonly replication: number;
  readonly segment: string;
  readonly speed: number;
  readonly runTag: string;
  readonly target: { readonly url: string; readonly reference: boolean };
  readonly startedAt: string;
  readonly run: {
    readonly realSeconds: number;
    readonly scenarioSeconds: number;
    readonly plannedScenarioSeconds: number;
    readonly endReason: string;
  };
  readonly trace: {
    readonly customers: number;
    readonly messages: number;
    readonly abandons: number;
  };
  readonly metrics: Readonly<Record<string, LoadMetric>>;
  readonly thresholds: {
    readonly ok: boolean;
    readonly results: readonly {
      readonly metric: string;
      readonly source: string;
      readonly ok: boolean;
      readonly actual: number | null;
    }[];
  };
  readonly checks: {
    readonly leaks: {
      readonly count: number;
      readonly maskingEnabled: boolean;
      readonly framesScanned: number;
    };
    readonly loss: {
      readonly acknowledged: number;
      readonly delivered: number;
      readonly recordedOnly: number;
      readonly lost: number;
      readonly verifiedBy: string;
    };
  };
  readonly errors: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly timeline: {
    readonly stepSeconds: number;
    readonly series: Readonly<Record<string, readonly number[]>>;
  };
  readonly predictedVsMeasured:
    | {
        readonly available: true;
        readonly rows: readonly {
          readonly kpi: string;
          readonly label: string;
          readonly unit: string;
          readonly simulated: number | null;
          readonly measured: number | null;
        }[];
        /** The same rows per queue (absent in a summary from before them). */
        readonly queues?: Readonly<
          Record<
            string,
            readonly {
              readonly kpi: string;
              readonly label: string;
              readonly unit: string;
              readonly simulated: number | null;
              readonly measured: number | null;
            }[]
          >
        >;
        readonly measured: KpiSet;
        readonly measuredRecords: number;
        readonly notes: readonly string[];
      }
    | { readonly available: false; readonly reason: string };
}

export type LoadMetric =
  | {
      readonly type: 'trend';
      readonly count: number;
      readonly avg: number | null;
      readonly min: number | null;
      readonly med: number | null;
      readonly p90: number | null;
      readonly p95: number | null;
      readonly p99: number | null;
      readonly 'p99.9': number | null;
      readonly max: number | null;
      readonly spectrum: readonly (readonly [number, number])[];
    }
  | { readonly type: 'counter'; readonly count: number; readonly rate: number }
  | {
      readonly type: 'rate';
      readonly rate: number | null;
      readonly passes: number;
      readonly fails: number;
    };

const WIDTH = 940;

/** The load test's thresholds as gate checks (one JUnit test case each). */
export function thresholdGate(input: LoadReportInput): GateReport {
  return {
    title: 'Thresholds',
    checks: input.thresholds.results.map((r) => ({
      group: 'thresholds',
      name: `${r.metric}: ${r.source}`,
      ok: r.ok,
      message: `${r.metric} ${r.source}: actual ${r.actual === null ? 'no data' : +r.actual.toPrecision(6)}${r.ok ? '' : ' — FAILED'}`,
    })),
  };
}

export interface LoadReportOptions {
  /** Gates besides the thresholds (a regression against a baseline). */
  readonly gates?: readonly GateReport[];
}

/** The HTML report of `ccsim loadtest`. */
export async function renderLoadReport(
  input: LoadReportInput,
  options: LoadReportOptions = {},
): Promise<string> {
  const charts = await renderCharts(loadCharts(input));
  const meta = metaList([
    ['scenario', `${input.scenario.name} (${input.scenario.file})`],
    ['seed', `${input.seed}, replication ${input.replication}`],
    ['target', `${input.target.url}${input.target.reference ? ' (reference deployment)' : ''}`],
    ['segment', input.segment],
    ['speed', `${input.speed}×`],
    [
      'run',
      `${fixed(input.run.realSeconds)} s real, ${fixed(input.run.scenarioSeconds)} of ${fixed(input.run.plannedScenarioSeconds)} scenario s; ended: ${input.run.endReason}`,
    ],
    ['started', input.startedAt],
    ['ccsim version', input.ccsim],
    ['command', input.command],
  ]);
  const leaks = input.checks.leaks;
  const loss = input.checks.loss;
  const checks = table(
    ['check', 'result'],
    [
      [
        'leaks (planted secrets seen unmasked by an agent)',
        `${leaks.count} in ${leaks.framesScanned} frames${leaks.maskingEnabled ? '' : ' (masking disabled)'}`,
      ],
      [
        'loss (acknowledged, never reached an agent or a record)',
        `${loss.lost} lost of ${loss.acknowledged} acknowledged; ${loss.delivered} delivered, ${loss.recordedOnly} recorded only (${loss.verifiedBy})`,
      ],
    ],
  );
  const errorRows: Cell[][] = Object.entries(input.errors).flatMap(([source, codes]) =>
    Object.entries(codes).map(([code, n]): Cell[] => [source, code, n]),
  );
  return page({
    kind: 'loadtest',
    title: `Load test report: ${input.scenario.name}`,
    subtitle: `${input.trace.customers} customers, ${input.trace.messages} messages replayed`,
    meta,
    sections: [
      gateSection(thresholdGate(input)),
      ...(options.gates ?? []).map(gateSection),
      section('checks', 'Masking and delivery', checks),
      section('predicted', 'Predicted vs measured', predictedTable(input)),
      ...charts,
      section('metrics', 'Metrics', metricsTable(input)),
      section(
        'errors',
        'Errors',
        errorRows.length === 0
          ? '<p>No errors.</p>'
          : table(['source', 'code', 'count'], errorRows),
      ),
    ],
  });
}

function predictedTable(input: LoadReportInput): string {
  const p = input.predictedVsMeasured;
  if (!p.available) return `<p>Not available: ${escapeHtml(p.reason)}</p>`;
  const value = (unit: string, v: number | null) =>
    v === null
      ? null
      : unit === 'ratio'
        ? percent(v)
        : unit === 'seconds'
          ? `${fixed(v)} s`
          : fixed(v);
  const rowsOf = (rows: typeof p.rows) =>
    rows.map((r) => [
      r.label,
      value(r.unit, r.simulated),
      value(r.unit, r.measured),
      r.simulated === null || r.measured === null
        ? null
        : value(r.unit === 'count' ? 'count' : r.unit, r.measured - r.simulated),
    ]);
  const head = ['KPI', 'simulated (predicted)', 'measured', 'difference'];
  const perQueue = Object.entries(p.queues ?? {})
    .map(
      ([id, rows]) =>
        `<h3>Queue ${escapeHtml(id)}</h3>${table(head, rowsOf(rows), 'queue-predicted')}`,
    )
    .join('');
  const queueNote =
    perQueue === ''
      ? ''
      : '<p class="note">Per queue: the conversations that entered it first, SL under the queue\'s own definition.</p>';
  const notes = p.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('');
  return `${table(head, rowsOf(p.rows))}<p class="note">${p.measuredRecords} conversation records measured.</p>${queueNote}${perQueue}${notes}`;
}

function metricsTable(input: LoadReportInput): string {
  const trends: Cell[][] = Object.entries(input.metrics).flatMap(([name, m]): Cell[][] =>
    m.type === 'trend'
      ? [
          [
            name,
            m.count,
            fixed(m.avg, 2),
            fixed(m.med, 2),
            fixed(m.p90, 2),
            fixed(m.p95, 2),
            fixed(m.p99, 2),
            fixed(m['p99.9'], 2),
            fixed(m.max, 2),
          ],
        ]
      : [],
  );
  const others: Cell[][] = Object.entries(input.metrics).flatMap(([name, m]): Cell[][] =>
    m.type === 'counter'
      ? [[name, 'counter', m.count, `${fixed(m.rate, 2)}/s`]]
      : m.type === 'rate'
        ? [[name, 'rate', `${m.passes} of ${m.passes + m.fails}`, percent(m.rate, 2)]]
        : [],
  );
  return (
    table(['latency (ms)', 'count', 'avg', 'med', 'p90', 'p95', 'p99', 'p99.9', 'max'], trends) +
    table(['metric', 'type', 'count', 'rate'], others)
  );
}

function loadCharts(input: LoadReportInput): ChartDef[] {
  const spectrum = Object.entries(input.metrics).flatMap(([name, m]) =>
    m.type === 'trend' && m.count > 0
      ? m.spectrum
          .filter(([p]) => p < 100)
          .map(([p, ms]) => ({ metric: name, x: 1 / (1 - p / 100), ms: Math.max(ms, 0.001) }))
      : [],
  );
  const step = input.timeline.stepSeconds;
  const length = Math.max(0, ...Object.values(input.timeline.series).map((s) => s.length));
  // Long runs: buckets of several seconds so the chart stays readable (rates stay per second).
  const per = Math.max(1, Math.ceil(length / 300));
  const bucketed = (name: string) => {
    const s = input.timeline.series[name] ?? [];
    const out: { t: number; value: number }[] = [];
    for (let i = 0; i < length; i += per) {
      let sum = 0;
      for (let j = i; j < Math.min(length, i + per); j++) sum += s[j] ?? 0;
      out.push({ t: i * step, value: sum / (Math.min(length, i + per) - i) / step });
    }
    return out;
  };
  const throughputSeries = Object.keys(input.timeline.series).filter((n) => n !== 'errors');
  const throughput = throughputSeries.flatMap((name) =>
    bucketed(name).map((v) => ({ ...v, series: name })),
  );
  const errors = bucketed('errors');
  const x = (title: string | null) => ({
    field: 't',
    type: 'quantitative' as const,
    title,
    scale: { domain: [0, Math.max(1, length * step)], nice: false },
  });
  return [
    {
      id: 'latency-spectrum',
      title: 'Latency by percentile (HDR histogram)',
      note: 'Each latency metric at every percentile, on a log scale that stretches the tail; from the HdrHistogram spectrum in summary.json.',
      spec: {
        width: WIDTH,
        height: 260,
        data: { values: spectrum },
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: {
          x: {
            field: 'x',
            type: 'quantitative',
            title: 'percentile',
            scale: { type: 'log' },
            axis: {
              values: [1, 2, 10, 100, 1000, 10000, 100000],
              labelExpr: "format(100 - 100 / datum.value, '.5~f') + '%'",
            },
          },
          y: { field: 'ms', type: 'quantitative', title: 'latency (ms)', scale: { type: 'log' } },
          color: { field: 'metric', type: 'nominal', title: null },
        },
      },
    },
    {
      id: 'throughput',
      title: 'Throughput and errors over time',
      note: `Per second of the run (real time${per > 1 ? `, averaged over ${per * step} s buckets` : ''}): webhooks sent and acknowledged, messages delivered to desktops, agent replies out; below, errors.`,
      spec: {
        vconcat: [
          {
            width: WIDTH,
            height: 200,
            data: { values: throughput },
            mark: { type: 'line' },
            encoding: {
              x: x(null),
              y: { field: 'value', type: 'quantitative', title: 'per second' },
              color: { field: 'series', type: 'nominal', title: null },
            },
          },
          {
            width: WIDTH,
            height: 80,
            data: { values: errors },
            mark: { type: 'bar', color: '#dc2626' },
            encoding: {
              x: x('seconds since start'),
              y: {
                field: 'value',
                type: 'quantitative',
                title: 'errors/s',
                scale: { domainMin: 0, domainMax: Math.max(1, ...errors.map((e) => e.value)) },
                axis: { format: '~g', tickCount: 2 },
              },
            },
          },
        ],
      },
    },
  ];
}
