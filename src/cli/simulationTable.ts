import type { SimulationSummary } from '../../sim/summary.js';
import { describeServiceLevelDefinition } from '../analytic/index.js';
import type { AggregatedKpiSet, Summary } from '../kpi/index.js';

/** The terminal table of `ccsim simulate`: the whole horizon, then every interval. */

function fixed(value: number | null, digits: number): string {
  return value === null ? '-' : value.toFixed(digits);
}

function mean(s: Summary, digits = 1): string {
  return fixed(s.mean, digits);
}

function percent(s: Summary): string {
  return s.mean === null ? '-' : `${(s.mean * 100).toFixed(1)}%`;
}

function withCi(s: Summary, digits: number, scale = 1): string {
  if (s.mean === null) return '-';
  const m = (s.mean * scale).toFixed(digits);
  return s.halfWidth95 === null ? m : `${m} ±${(s.halfWidth95 * scale).toFixed(digits)}`;
}

const COLUMNS: readonly { title: string; cell: (k: AggregatedKpiSet) => string }[] = [
  { title: 'offered', cell: (k) => mean(k.offered) },
  { title: 'SL % (95% CI)', cell: (k) => withCi(k.serviceLevel, 1, 100) },
  { title: 'ASA s', cell: (k) => withCi(k.asa, 1) },
  { title: 'abandon', cell: (k) => percent(k.abandonRate) },
  { title: 'occupancy', cell: (k) => percent(k.occupancy) },
  { title: 'agents', cell: (k) => mean(k.staffedAgents) },
  { title: 'RONA', cell: (k) => mean(k.ronaCount) },
  { title: 'transfers', cell: (k) => mean(k.transfers) },
  { title: 'conf.', cell: (k) => mean(k.conferences) },
  { title: 'interr.', cell: (k) => mean(k.interrupted) },
  { title: 'max queue', cell: (k) => mean(k.maxQueueLength) },
];

export function formatSimulationTable(summary: SimulationSummary): string {
  const sl = summary.serviceLevel;
  const definition = describeServiceLevelDefinition(
    sl.definition === 'offered-minus-short-abandons'
      ? { kind: sl.definition, shortAbandonSeconds: sl.shortAbandonSeconds }
      : { kind: sl.definition },
  ).replace('T', `${sl.thresholdSeconds} s`);
  const head =
    `${summary.scenario.name}: ${summary.replications} replication` +
    `${summary.replications === 1 ? '' : 's'}, seed ${summary.seed}. ` +
    `Means over replications; ± is the 95% CI half-width (Student t).\n` +
    `SL = ${definition}, target ${(sl.target * 100).toFixed(0)}%.\n\n`;

  const rows: string[][] = [['', ...COLUMNS.map((c) => c.title)]];
  rows.push(['total', ...COLUMNS.map((c) => c.cell(summary.kpis.total))]);
  summary.kpis.intervals.forEach((k, i) => {
    rows.push([summary.intervals[i] ?? String(i), ...COLUMNS.map((c) => c.cell(k))]);
  });
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  const lines = rows.map((r) =>
    r
      .map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
      .join('  '),
  );
  lines.splice(2, 0, '');
  const c = summary.counts;
  const foot =
    `\narrivals ${mean(c.arrivals)}, handled ${mean(c.handled)}, abandoned ${mean(c.abandoned)}, ` +
    `interrupted ${mean(c.interrupted)}, disconnected ${mean(c.transferDisconnected)}, ` +
    `still in system at the end ${mean(c.inSystem)} (per replication, whole run incl. warm-up and drain)\n`;
  return `${head}${lines.join('\n')}\n${foot}`;
}
