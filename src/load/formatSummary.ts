import { KPI_CATALOGUE, RECONTACT_KPIS } from '../kpi/index.js';
import type { CounterSummary, MetricSummary, RateSummary, TrendSummary } from './metrics.js';
import type { ComparisonRow } from './predicted.js';
import type { LoadSummary } from './summary.js';

/**
 * The end-of-test summary in the style of k6: thresholds first, then every metric on one dotted
 * line (trends: avg, min, med, p(90), p(95), p(99), p(99.9), max; counters: count and rate;
 * rates: share and counts), then the leak and loss checks, errors and predicted vs measured.
 */

/** k6's duration style: 512µs, 1.54ms, 2.3s. */
export function formatMs(ms: number | null): string {
  if (ms === null) return '-';
  if (ms < 1) return `${trim(ms * 1000, 0)}µs`;
  if (ms < 1000) return `${trim(ms, 2)}ms`;
  if (ms < 60_000) return `${trim(ms / 1000, 2)}s`;
  const m = Math.floor(ms / 60_000);
  return `${m}m${trim((ms - m * 60_000) / 1000, 1)}s`;
}

function trim(x: number, digits: number): string {
  return Number(x.toFixed(digits)).toString();
}

function percent(x: number | null, digits = 2): string {
  return x === null ? '-' : `${trim(x * 100, digits)}%`;
}

function dotted(name: string, width: number): string {
  return `${name}${'.'.repeat(Math.max(3, width - name.length))}:`;
}

function trendLine(t: TrendSummary): string {
  if (t.count === 0) return 'no samples';
  return [
    `avg=${formatMs(t.avg)}`,
    `min=${formatMs(t.min)}`,
    `med=${formatMs(t.med)}`,
    `p(90)=${formatMs(t.p90)}`,
    `p(95)=${formatMs(t.p95)}`,
    `p(99)=${formatMs(t.p99)}`,
    `p(99.9)=${formatMs(t['p99.9'])}`,
    `max=${formatMs(t.max)}`,
    `count=${t.count}`,
  ].join(' ');
}

function counterLine(c: CounterSummary): string {
  return `${c.count} ${trim(c.rate, 2)}/s`;
}

function rateLine(r: RateSummary): string {
  return `${percent(r.rate)} ✓ ${r.passes} ✗ ${r.fails}`;
}

function metricLine(m: MetricSummary): string {
  if (m.type === 'trend') return trendLine(m);
  if (m.type === 'counter') return counterLine(m);
  return rateLine(m);
}

function kpiValue(row: ComparisonRow, value: number | null): string {
  if (value === null) return '-';
  if (row.unit === 'ratio') return percent(value, 1);
  if (row.unit === 'seconds') return `${trim(value, 1)} s`;
  return String(Math.round(value * 100) / 100);
}

/** Per queue, the KPIs after the conversation KPIs: printed as a second table. */
const SECOND_TABLE: readonly string[] = ['transferredIn', ...RECONTACT_KPIS];

/**
 * Per queue, a simulated and a measured line under one head; the conversations transferred in
 * and the re-contact KPIs in a second table of the same shape: within 80 columns.
 */
function queueLines(queues: Readonly<Record<string, readonly ComparisonRow[]>>): string[] {
  const entries = Object.entries(queues);
  const second = (r: ComparisonRow) => SECOND_TABLE.includes(r.kpi);
  return [
    ...queueTable('per queue', entries, (r) => !second(r)),
    ...queueTable('per queue', entries, second),
  ];
}

function queueTable(
  head: string,
  entries: readonly [string, readonly ComparisonRow[]][],
  shown: (row: ComparisonRow) => boolean,
): string[] {
  const first = entries[0]?.[1].filter(shown);
  if (!first || first.length === 0) return [];
  const cell = (row: ComparisonRow, v: number | null) =>
    v === null ? '-' : row.unit === 'count' ? trim(v, 1) : kpiValue(row, v).replace(' s', '');
  const rows: string[][] = [[head, '', ...first.map((r) => KPI_CATALOGUE[r.kpi].short)]];
  for (const [id, all] of entries) {
    const comparison = all.filter(shown);
    rows.push([id, 'sim', ...comparison.map((r) => cell(r, r.simulated))]);
    rows.push(['', 'meas', ...comparison.map((r) => cell(r, r.measured))]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) =>
    `    ${r.map((v, c) => (c < 2 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ')}`.trimEnd(),
  );
}

function abandonsText(s: LoadSummary): string {
  const a = s.abandons;
  if (a.trace === 0) return '';
  if (a.replayed) return `, ${a.trace} simulated abandons`;
  return ` (${a.trace} simulated abandons not sent: ${a.reason ?? 'off'})`;
}

export function formatLoadSummary(s: LoadSummary): string {
  const out: string[] = [];
  const withThreshold = new Map<string, boolean>();
  for (const r of s.thresholds.results) {
    withThreshold.set(r.metric, (withThreshold.get(r.metric) ?? true) && r.ok);
  }
  out.push(
    `ccsim loadtest ${s.scenario.name}  seed ${s.seed}  replication ${s.replication}  ` +
      `segment ${s.segment}  speed ${s.speed}x  run ${s.runTag}`,
  );
  out.push(
    `target ${s.target.url}${s.target.reference ? ' (reference deployment, started for this run)' : ''}`,
  );
  const endText: Record<LoadSummary['run']['endReason'], string> = {
    completed: 'every message sent and every conversation final',
    horizon: 'the horizon and drain were over',
    duration: 'the --duration cap',
    interrupted: 'interrupted',
  };
  out.push(
    `run ${trim(s.run.realSeconds, 1)} s real = ${trim(s.run.scenarioSeconds / 60, 1)} min scenario ` +
      `(ended: ${endText[s.run.endReason]}); ${s.trace.customers} customers, ${s.trace.messages} messages` +
      abandonsText(s) +
      (s.trace.cutByDuration > 0 ? `, ${s.trace.cutByDuration} cut by --duration` : ''),
  );
  out.push('');

  if (s.thresholds.results.length > 0) {
    out.push('  THRESHOLDS');
    const width = Math.max(...s.thresholds.results.map((r) => r.metric.length)) + 2;
    for (const r of s.thresholds.results) {
      const metric = s.metrics[r.metric];
      const actual =
        r.actual === null
          ? 'no data'
          : metric?.type === 'trend'
            ? formatMs(r.actual)
            : metric?.type === 'rate'
              ? percent(r.actual)
              : trim(r.actual, 3);
      out.push(`    ${r.metric.padEnd(width)}${r.ok ? '✓' : '✗'} '${r.source}'  ${actual}`);
    }
    out.push('');
  }

  out.push('  METRICS (latencies in real time; trends measured from the intended send time)');
  const width = Math.max(...Object.keys(s.metrics).map((n) => n.length)) + 4;
  for (const [name, metric] of Object.entries(s.metrics)) {
    const mark = withThreshold.has(name) ? (withThreshold.get(name) ? '✓ ' : '✗ ') : '  ';
    out.push(`    ${mark}${dotted(name, width)} ${metricLine(metric)}`);
  }
  out.push('');

  const { leaks, loss } = s.checks;
  out.push('  CHECKS');
  out.push(
    `    leaks ${leaks.count}   (masking ${leaks.maskingEnabled ? 'on' : 'OFF'}; ` +
      `${leaks.framesScanned} agent frames searched for ${s.trace.secrets} planted secrets)`,
  );
  for (const e of leaks.examples.slice(0, 5)) {
    out.push(`      ${e.kind} of ${e.messageId} in a ${e.frame} frame to ${e.agentId}`);
  }
  out.push(
    `    lost ${loss.lost}   (${loss.acknowledged} acknowledged: ${loss.delivered} on a desktop, ` +
      `${loss.recordedOnly} only in records or open conversations; checked by ${loss.verifiedBy})`,
  );
  if (loss.lostIds.length > 0) out.push(`      e.g. ${loss.lostIds.slice(0, 5).join(', ')}`);
  out.push(
    `    duplicates ${loss.duplicateDeliveries + loss.ackDuplicates}   ` +
      `(${loss.duplicateDeliveries} delivered twice to an agent, ${loss.ackDuplicates} answered as duplicates)`,
  );
  const a = s.abandons;
  if (a.replayed) {
    out.push(
      `    abandons ${a.sent} sent   (${a.applied} abandoned, ${a.refused} refused: ` +
        `answered live before their time or nothing open${a.failed > 0 ? `, ${a.failed} failed` : ''}; ` +
        `POST /admin/customers/abandon, a load-test extension)`,
    );
  }
  out.push(
    `    agents ${s.agents.count}, disconnects ${s.agents.disconnects}, ` +
      `transfers skipped ${s.agents.transfersSkipped}, conferences skipped ${s.agents.conferencesSkipped}, ` +
      `replies not at the sink ${s.agents.repliesNotDelivered}`,
  );
  out.push('');

  const sources = Object.entries(s.errors);
  if (sources.length > 0) {
    out.push('  ERRORS');
    for (const [source, codes] of sources) {
      for (const [code, n] of Object.entries(codes)) out.push(`    ${source} ${code} ${n}`);
    }
    out.push('');
  }

  const p = s.predictedVsMeasured;
  out.push('  PREDICTED VS MEASURED (scenario time; the same scenario, seed and replication)');
  if (!p.available) {
    out.push(`    not available: ${p.reason}`);
  } else {
    const labelWidth = Math.max(...p.rows.map((r) => r.label.length)) + 2;
    out.push(`    ${''.padEnd(labelWidth)}${'simulated'.padStart(11)}${'measured'.padStart(11)}`);
    for (const row of p.rows) {
      out.push(
        `    ${row.label.padEnd(labelWidth)}${kpiValue(row, row.simulated).padStart(11)}` +
          `${kpiValue(row, row.measured).padStart(11)}`,
      );
    }
    out.push(...queueLines(p.queues));
    out.push(
      `    clock: deployment at ${trim(p.clock.rate, 3)} ms per real ms (speed ${p.clock.speed}), ` +
        `aligned within ±${trim(p.clock.uncertaintyMs, 1)} ms; ${p.measuredRecords} records`,
    );
    for (const note of p.notes) out.push(`    note: ${note}`);
  }
  out.push('');
  out.push(
    s.thresholds.ok
      ? `  thresholds: all ${s.thresholds.results.length} passed`
      : `  thresholds: ${s.thresholds.results.filter((r) => !r.ok).length} of ${s.thresholds.results.length} FAILED`,
  );
  return `${out.join('\n')}\n`;
}
