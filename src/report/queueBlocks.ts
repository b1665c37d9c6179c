import {
  type AggregatedKpiSet,
  KPI_CATALOGUE,
  type KpiName,
  type QueueKpiSet,
  RECONTACT_KPIS,
  type ServiceLevelVerdict,
  type Summary,
} from '../kpi/index.js';
import { serviceLevelText } from './serviceLevelText.js';
import type { SimulationReportInput } from './types.js';
import { verdictSentence } from './verdictText.js';

/**
 * The terminal's per-queue and per-group blocks of `ccsim simulate`, under the totals: one row
 * per queue (its KPIs over the whole horizon, SL under its own definition) and its verdict, one
 * row per agent group. Kept within 80 columns: means only, the CIs are in summary.json and the
 * report.
 */

const WIDTH = 80;

/** A KPI of the queue sets that the catalogue names. */
type QueueKpi = keyof QueueKpiSet & KpiName;

/**
 * The queue columns, heads from the KPI catalogue. `transferredIn`: a queue reached only by
 * transfers has nothing offered, and this is where it shows.
 */
export const QUEUE_COLUMNS: readonly QueueKpi[] = [
  'offered',
  'serviceLevel',
  'asa',
  'probabilityWait',
  'abandonRate',
  'aht',
  'transfers',
  'transferredIn',
];

type GroupKpi = keyof AggregatedKpiSet['groups'][string];

const GROUP_COLUMNS: readonly { readonly kpi: GroupKpi; readonly head: string; unit: Unit }[] = [
  { kpi: 'occupancy', head: KPI_CATALOGUE.occupancy.short, unit: 'ratio' },
  { kpi: 'staffedAgents', head: 'staffed', unit: 'count' },
  { kpi: 'availableAgents', head: 'available', unit: 'count' },
  { kpi: 'handled', head: KPI_CATALOGUE.handled.short, unit: 'count' },
  { kpi: 'aht', head: KPI_CATALOGUE.aht.short, unit: 'seconds' },
];

type Unit = 'ratio' | 'seconds' | 'count';

function mean(s: Summary | undefined, unit: Unit): string {
  if (s?.mean == null) return '-';
  return unit === 'ratio' ? `${(s.mean * 100).toFixed(1)}%` : s.mean.toFixed(1);
}

/** Rows as aligned text: the first column left, the others right. */
function align(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return rows.map((r) =>
    r.map((c, col) => (col === 0 ? c.padEnd(widths[col]!) : c.padStart(widths[col]!))).join('  '),
  );
}

/** Words wrapped to WIDTH, every line after the first indented. */
export function wrap(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = `${indent}${word}`;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

export function formatQueueBlock(summary: SimulationReportInput): string {
  const queues = Object.entries(summary.kpis.total.queues ?? {});
  if (queues.length === 0) return '';
  const rows: string[][] = [
    ['queue', ...QUEUE_COLUMNS.map((k) => KPI_CATALOGUE[k].short)],
    ...queues.map(([id, k]) => [
      id,
      ...QUEUE_COLUMNS.map((kpi) => mean(k[kpi], KPI_CATALOGUE[kpi].unit)),
    ]),
  ];
  const lines = [
    "Per queue (whole horizon, means; SL under the queue's own definition):",
    ...align(rows),
  ];
  const verdicts: Readonly<Record<string, ServiceLevelVerdict>> = summary.queueVerdicts ?? {};
  for (const [id] of queues) {
    const sl = summary.serviceLevel.queues?.[id];
    const v = verdicts[id];
    if (!sl || !v) continue;
    const text = `${id}: SL = ${serviceLevelText(sl, summary.serviceLevel.shortAbandonSeconds)}; ${verdictSentence(v, summary.intervals)}.`;
    lines.push(...wrap(text, '    '));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Re-contacts over the whole horizon: the tenant's, then each queue's (a re-contact in its own
 * queue, FCR in the queue of the first contact; docs/kpi.md). Empty without re-contact KPIs.
 */
export function formatRecontactBlock(summary: SimulationReportInput): string {
  const total = summary.kpis.total;
  if (total.recontacts === undefined) return '';
  const sets: [string, Partial<Record<QueueKpi, Summary>>][] = [
    ['total', total],
    ...Object.entries(total.queues ?? {}),
  ];
  const rows: string[][] = [
    ['', ...RECONTACT_KPIS.map((k) => KPI_CATALOGUE[k].short)],
    ...sets.map(([id, k]) => [
      id,
      ...RECONTACT_KPIS.map((kpi) => mean(k[kpi], KPI_CATALOGUE[kpi].unit)),
    ]),
  ];
  return `${['Re-contacts (whole horizon, means; FCR over handled first contacts):', ...align(rows)].join('\n')}\n`;
}

export function formatGroupBlock(summary: SimulationReportInput): string {
  const groups = Object.entries(summary.kpis.total.groups ?? {});
  if (groups.length === 0) return '';
  const rows: string[][] = [
    ['group', ...GROUP_COLUMNS.map((c) => c.head)],
    ...groups.map(([id, k]) => [id, ...GROUP_COLUMNS.map((c) => mean(k[c.kpi], c.unit))]),
  ];
  return `${['Per agent group (whole horizon, means; agents: time-average number):', ...align(rows)].join('\n')}\n`;
}
