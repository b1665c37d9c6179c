import type {
  KpiComparison,
  RegressionGate,
  ServiceLevelVerdict,
  TargetRequirement,
} from '../kpi/index.js';
import { formatKpiValue } from './kpiValue.js';
import type { GateCheck, GateReport } from './types.js';

/**
 * The gates' outcomes as checks: one line each for the terminal, the report's gate table and one
 * JUnit test case each.
 */

export function regressionReport(gate: RegressionGate, against: string): GateReport {
  return {
    title: 'Regression against the baseline',
    against,
    checks: gate.comparisons.map(regressionCheck),
    notes: coverageNotes(gate),
  };
}

/** What the gate could not compare, so that an older baseline does not pass in silence. */
function coverageNotes(gate: RegressionGate): string[] {
  const notes: string[] = [];
  const ids = (xs: readonly string[]) => xs.join(', ');
  for (const [kind, c] of [
    ['queues', gate.queues],
    ['agent groups', gate.groups],
  ] as const) {
    if (c.compared.length === 0 && c.notInBaseline.length > 0) {
      notes.push(
        `the baseline has no per-${kind === 'queues' ? 'queue' : 'group'} KPIs (an older summary): ${kind} not compared, only the totals`,
      );
      continue;
    }
    if (c.notInBaseline.length > 0)
      notes.push(`${kind} not in the baseline: ${ids(c.notInBaseline)}`);
    if (c.notInCurrent.length > 0)
      notes.push(`${kind} only in the baseline: ${ids(c.notInCurrent)}`);
  }
  return notes;
}

/** "serviceLevel", "queue sales: serviceLevel", "group support: occupancy". */
export function comparisonName(c: KpiComparison): string {
  return c.scope.kind === 'total' ? c.kpi : `${c.scope.kind} ${c.scope.id}: ${c.kpi}`;
}

function regressionCheck(c: KpiComparison): GateCheck {
  const kpi = c.kpi;
  const significance =
    c.significant === null
      ? 'no variance to test (tolerance alone)'
      : `Welch p = ${c.pValue === null ? 'n/a' : c.pValue.toPrecision(3)}${c.significant ? ' (significant)' : ' (not significant)'}`;
  const verdict =
    c.change === 'none'
      ? 'no change'
      : c.change === 'worse'
        ? 'REGRESSION'
        : c.change === 'better'
          ? 'better'
          : 'changed';
  const message =
    `${formatKpiValue(kpi, c.baseline)} → ${formatKpiValue(kpi, c.current)} ` +
    `(${formatKpiValue(kpi, c.difference, true)}; tolerance ${formatKpiValue(kpi, c.tolerance)}, ` +
    `${c.direction === 'higher' ? 'higher is better' : c.direction === 'lower' ? 'lower is better' : 'neutral'}; ${significance}): ${verdict}`;
  return {
    group: c.scope.kind === 'total' ? 'regression' : `regression.${c.scope.kind}.${c.scope.id}`,
    name: comparisonName(c),
    ok: !c.regression,
    message,
    details: [
      `baseline mean ${c.baseline}, current mean ${c.current}`,
      `difference ${c.difference}, tolerance ${c.tolerance}`,
      `t = ${c.tStatistic}, df = ${c.degreesOfFreedom}, p = ${c.pValue}`,
    ],
  };
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

/**
 * The verdict as checks: the day and every interval with traffic. What `--require-target` asks
 * for decides the run (`day`: the day; `intervals`: the day and every interval); the rest is
 * reported and fails nothing — a miss there is a JUnit `skipped` with its reason, so a CI test
 * view shows it without turning the run red.
 */
export function targetReport(
  verdict: ServiceLevelVerdict,
  labels: readonly string[],
  requirement: TargetRequirement | undefined,
  queue?: string,
): GateReport {
  const group = queue === undefined ? 'target' : `target.queue.${queue}`;
  const prefix = queue === undefined ? '' : `queue ${queue}: `;
  const target = pct(verdict.target);
  const band = (low: number | null, high: number | null) =>
    low === null || high === null ? '' : ` (95% CI ${pct(low)}–${pct(high)})`;
  const informational = (enforced: boolean, ok: boolean, message: string) =>
    enforced || ok
      ? { ok }
      : {
          ok: true,
          skipped: `${message}; not required (--require-target ${requirement === 'day' ? 'intervals' : 'day|intervals'} would fail the run on it)`,
        };
  const day = verdict.day;
  const dayMessage =
    day.met === null
      ? 'nothing offered'
      : `${pct(day.serviceLevel)}${band(day.low, day.high)} ${day.met ? '>=' : '<'} target ${target}`;
  const checks: GateCheck[] = [
    {
      group,
      name: `${prefix}service level over the day`,
      message: dayMessage,
      ...informational(requirement !== undefined, day.met !== false, dayMessage),
    },
  ];
  // Warm-up intervals and those nothing was offered in have no service level to check.
  verdict.intervals.forEach((v, i) => {
    if (v.status !== 'met' && v.status !== 'missed') return;
    const message = `${pct(v.serviceLevel)}${band(v.low, v.high)} ${v.status === 'met' ? '>=' : '<'} target ${target}${v.clear ? '' : ', within noise'}`;
    checks.push({
      group,
      name: `${prefix}service level ${labels[i] ?? i}`,
      message,
      ...informational(requirement === 'intervals', v.status === 'met', message),
    });
  });
  const what =
    queue === undefined ? 'Service-level target' : `Queue ${queue}: its service-level target`;
  return {
    title: requirement
      ? `${what} (--require-target ${requirement})`
      : `${what} (reported, not required)`,
    checks,
  };
}

/** The gate as terminal lines: a verdict, then one line per check. */
export function formatGate(gate: GateReport): string {
  const failed = gate.checks.filter((c) => !c.ok).length;
  const lines = [
    `${gate.title}${gate.against ? ` (${gate.against})` : ''}: ${failed === 0 ? 'passed' : `FAILED, ${failed} of ${gate.checks.length}`}`,
    ...gate.checks.map((c) => `  ${c.ok ? (c.skipped ? '-' : '✓') : '✗'} ${c.name}: ${c.message}`),
    ...(gate.notes ?? []).map((n) => `  note: ${n}`),
  ];
  return `${lines.join('\n')}\n`;
}
