import type { Summary } from '../kpi/index.js';
import type { StaffingReportInput, StaffingReportInterval } from './types.js';

const pct1 = (x: number) => (x * 100).toFixed(1);

/**
 * The bound a status rests on: ≥ low (met), ≤ high (unmet), low–high (uncertain). Shown within
 * 0–100%: a bound past either end says no more than the end does (staffing.json keeps it raw).
 */
export function decisionBound(i: StaffingReportInterval): string {
  const d = i.decision;
  if (!d || d.serviceLevel.low === null || d.serviceLevel.high === null) return '-';
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  const low = clamp(d.serviceLevel.low);
  const high = clamp(d.serviceLevel.high);
  if (i.status === 'met') return `>= ${pct1(low)}`;
  if (i.status === 'unmet') return `<= ${pct1(high)}`;
  if (d.reason === 'no-spread') return 'no spread';
  return `${pct1(low)}-${pct1(high)}${d.reason === 'unproven' ? ' unproven' : ''}`;
}

/** "50 replications per candidate" or "50-200 replications per candidate (doubling ...)". */
export function replicationsText(r: StaffingReportInput): string {
  const raised =
    r.method.replicationsRaisedFrom === null
      ? ''
      : ` (raised from the scenario's ${r.method.replicationsRaisedFrom})`;
  return r.maxReplications === r.replications
    ? `${r.replications} replications per candidate${raised}`
    : `${r.replications}-${r.maxReplications} replications per candidate${raised}, doubling while an interval is undecided`;
}

/** Why some intervals are uncertain, in one line; empty when none is. */
export function uncertainText(r: StaffingReportInput): string {
  if (r.total.uncertain === 0) return '';
  const count = (reason: string) =>
    r.intervals.filter((i) => i.status === 'uncertain' && i.decision?.reason === reason).length;
  const spreadless = count('no-spread');
  const unproven = count('unproven');
  const n = r.total.uncertain;
  return (
    `uncertain: ${n} interval${n === 1 ? '' : 's'} the simulation could not decide at ${Math.round(r.confidence * 100)}% confidence: ` +
    `the bounds still contain the target after up to ${r.maxReplications} replications (the budget)` +
    `${spreadless > 0 ? `, or every replication gave the same value (${spreadless})` : ''}` +
    `${unproven > 0 ? `, or the bounds clear the target but too few replications show it without assuming normality (${unproven}, "unproven")` : ''}. ` +
    'Their agents are the last step the search could show (the Erlang estimate where none was); a larger --max-replications may decide them.'
  );
}

/** The terminal table: one row per interval. */
export function formatStaffingTable(r: StaffingReportInput): string {
  const pct = (s: Summary) =>
    s.mean === null
      ? '-'
      : `${pct1(s.mean)}${s.halfWidth95 === null ? '' : ` ±${pct1(s.halfWidth95)}`}`;
  const head = [
    'interval',
    'offered',
    'current',
    'Erlang',
    'required',
    'scheduled',
    'SL % (95% CI)',
    'bound %',
    'occupancy',
    'status',
  ];
  const rows = r.intervals.map((i) => [
    i.label,
    i.offered.toFixed(1),
    String(i.current),
    String(i.erlang),
    String(i.agents),
    String(i.scheduled),
    i.warmup ? '-' : pct(i.serviceLevel),
    i.warmup ? '-' : decisionBound(i),
    i.warmup || i.occupancy.mean === null ? '-' : `${pct1(i.occupancy.mean)}%`,
    i.status,
  ]);
  const last = head.length - 1;
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) =>
        c === 0 || c === last ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!),
      )
      .join('  ')
      .trimEnd();
  const t = r.target;
  const title =
    `staffing ${r.scenario.name}, group ${r.group} (capacity ${r.capacity}): target ${Math.round(t.serviceLevel * 1000) / 10}% within ${t.thresholdSeconds} s (${t.definition})` +
    `${t.maxOccupancy !== null ? `, occupancy <= ${Math.round(t.maxOccupancy * 1000) / 10}%` : ''}, shrinkage ${Math.round(r.shrinkage * 1000) / 10}%`;
  const how =
    `${r.method.estimate === 'erlang-a' ? 'Erlang A' : 'Erlang C'} estimate refined by simulation: ${replicationsText(r)} (seed ${r.seed}); ` +
    `${r.search.evaluations} candidates, ${r.total.replications} replications in all; decisions at ${Math.round(r.confidence * 100)}% simultaneous confidence over ${r.method.intervals} intervals and ${r.method.looks.length} looks`;
  const uncertain = uncertainText(r);
  return [
    title,
    how,
    '',
    line(head),
    ...rows.map(line),
    '',
    `agent-intervals: required ${r.total.agentIntervals} (current ${r.total.currentIntervals}, Erlang ${r.total.erlangIntervals}), scheduled ${r.total.scheduledIntervals}; ` +
      `service level over the measured horizon ${pct(r.total.serviceLevel)}%`,
    ...(uncertain ? [uncertain] : []),
    '',
  ].join('\n');
}
