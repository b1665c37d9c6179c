import type { Summary } from '../kpi/index.js';
import type { StaffingReportInput } from './types.js';

/** The terminal table: one row per interval. */
export function formatStaffingTable(r: StaffingReportInput): string {
  const pct = (s: Summary) =>
    s.mean === null
      ? '-'
      : `${(s.mean * 100).toFixed(1)}${s.halfWidth95 === null ? '' : ` ±${(s.halfWidth95 * 100).toFixed(1)}`}`;
  const head = [
    'interval',
    'offered',
    'Erlang',
    'agents',
    `scheduled`,
    'SL % (95% CI)',
    'occupancy',
    'status',
  ];
  const rows = r.intervals.map((i) => [
    i.label,
    i.offered.toFixed(1),
    String(i.erlang),
    String(i.agents),
    String(i.scheduled),
    i.warmup ? '-' : pct(i.serviceLevel),
    i.warmup || i.occupancy.mean === null ? '-' : `${(i.occupancy.mean * 100).toFixed(1)}%`,
    i.status,
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (c === 0 || c === 7 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  const t = r.target;
  const title =
    `staffing ${r.scenario.name}, group ${r.group} (capacity ${r.capacity}): target ${Math.round(t.serviceLevel * 1000) / 10}% within ${t.thresholdSeconds} s (${t.definition})` +
    `${t.maxOccupancy !== null ? `, occupancy <= ${Math.round(t.maxOccupancy * 1000) / 10}%` : ''}, shrinkage ${Math.round(r.shrinkage * 1000) / 10}%`;
  const how =
    `${r.method.estimate === 'erlang-a' ? 'Erlang A' : 'Erlang C'} estimate refined by simulation: ${r.replications} replications per candidate (seed ${r.seed}), ` +
    `${r.search.evaluations} candidates; decisions at ${Math.round(r.confidence * 100)}% simultaneous confidence over ${r.method.boundsIntervals} intervals`;
  return [
    title,
    how,
    '',
    line(head),
    ...rows.map(line),
    '',
    `agent-intervals: ${r.total.agentIntervals} (Erlang ${r.total.erlangIntervals}), scheduled ${r.total.scheduledIntervals}; ` +
      `service level over the measured horizon ${pct(r.total.serviceLevel)}%`,
    '',
  ].join('\n');
}
