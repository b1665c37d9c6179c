import {
  type AggregatedKpiSet,
  type IntervalVerdict,
  KPI_CATALOGUE,
  type ScalarKpiName,
  type Summary,
} from '../kpi/index.js';
import { formatGroupBlock, formatQueueBlock, formatRecontactBlock } from './queueBlocks.js';
import { serviceLevelText } from './serviceLevelText.js';
import type { SimulationReportInput } from './types.js';
import { verdictSentence } from './verdictText.js';

/** The terminal table of `ccsim simulate`: the verdict, the whole horizon, then every interval. */

function cell(kpi: ScalarKpiName, s: Summary, withCi: boolean): string {
  if (s.mean === null) return '-';
  const unit = KPI_CATALOGUE[kpi].unit;
  const scale = unit === 'ratio' ? 100 : 1;
  const mean = (s.mean * scale).toFixed(1);
  if (!withCi) return unit === 'ratio' ? `${mean}%` : mean;
  return s.halfWidth95 === null ? mean : `${mean} ±${(s.halfWidth95 * scale).toFixed(1)}`;
}

/** The columns in order; `ci`: the mean with its 95% CI half-width. */
const COLUMNS: readonly { readonly kpi: ScalarKpiName; readonly ci?: true }[] = [
  { kpi: 'offered' },
  { kpi: 'serviceLevel', ci: true },
  { kpi: 'asa', ci: true },
  { kpi: 'abandonRate' },
  { kpi: 'occupancy' },
  { kpi: 'staffedAgents' },
  { kpi: 'ronaCount' },
  { kpi: 'transfers' },
  { kpi: 'conferences' },
  { kpi: 'interrupted' },
  { kpi: 'maxQueueLength' },
];

const title = (c: (typeof COLUMNS)[number]) =>
  `${KPI_CATALOGUE[c.kpi].short}${c.ci ? ' (95% CI)' : ''}`;

function targetCell(v: IntervalVerdict | undefined): string {
  if (!v) return '';
  return v.status === 'missed'
    ? 'BELOW'
    : v.status === 'met'
      ? 'met'
      : v.status === 'no-traffic'
        ? 'no traffic'
        : '';
}

export function formatSimulationTable(summary: SimulationReportInput): string {
  const sl = summary.serviceLevel;
  const definition = serviceLevelText(sl, sl.shortAbandonSeconds);
  const head =
    `${summary.scenario.name}: ${summary.replications} replication` +
    `${summary.replications === 1 ? '' : 's'}, seed ${summary.seed}. ` +
    `Means over replications; ± is the 95% CI half-width (Student t).\n` +
    `SL = ${definition}, target ${(sl.target * 100).toFixed(0)}%.\n` +
    `Verdict: ${verdictSentence(summary.verdict, summary.intervals)}.\n\n`;

  const row = (k: AggregatedKpiSet) => COLUMNS.map((c) => cell(c.kpi, k[c.kpi], c.ci === true));
  const rows: string[][] = [['', ...COLUMNS.map(title), 'target']];
  rows.push([
    'total',
    ...row(summary.kpis.total),
    summary.verdict.day.met === false ? 'BELOW' : '',
  ]);
  summary.kpis.intervals.forEach((k, i) => {
    const v = summary.verdict.intervals[i];
    const label = summary.intervals[i] ?? String(i);
    if (v?.status === 'warm-up') {
      rows.push([label, 'warm-up', ...COLUMNS.slice(1).map(() => ''), '']);
    } else {
      rows.push([label, ...row(k), targetCell(v)]);
    }
  });
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  const last = widths.length - 1;
  const lines = rows.map((r) =>
    r
      .map((c, col) =>
        col === 0 || col === last ? c.padEnd(widths[col]!) : c.padStart(widths[col]!),
      )
      .join('  ')
      .trimEnd(),
  );
  lines.splice(2, 0, '');
  const c = summary.counts;
  const mean = (s: Summary | undefined) => (s?.mean == null ? '-' : s.mean.toFixed(1));
  const foot =
    `\narrivals ${mean(c.arrivals)}, handled ${mean(c.handled)}, abandoned ${mean(c.abandoned)}, ` +
    `interrupted ${mean(c.interrupted)}, disconnected ${mean(c.transferDisconnected)}, ` +
    `still in system at the end ${mean(c.inSystem)} (per replication, whole run incl. warm-up and drain)\n`;
  const blocks = [
    formatQueueBlock(summary),
    formatRecontactBlock(summary),
    formatGroupBlock(summary),
  ].filter((b) => b !== '');
  const perScope = blocks.length === 0 ? '' : `\n${blocks.join('\n')}`;
  return `${head}${lines.join('\n')}\n${perScope}${foot}`;
}
