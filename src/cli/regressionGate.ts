import {
  type AggregatedKpiSet,
  compareKpiSets,
  type KpiComparison,
  type ScalarKpiName,
} from '../kpi/index.js';
import type { GateCheck, GateReport } from '../report/index.js';
import { CliError } from './cliError.js';
import { readJsonFile } from './jsonFile.js';

/**
 * `--baseline FILE`: the regression gate. The KPIs of the whole measured horizon are compared
 * with a stored summary by `compareKpiSets` (docs/kpi.md): a KPI regresses only when the change
 * is statistically significant (Welch, 95%, from both runs' replications) AND worse than the
 * scenario's `regression.tolerance` for it. One check per KPI, one JUnit test case each.
 */

/** When a scenario states no tolerances: the usual three, so that a gate is never empty. */
export const DEFAULT_TOLERANCES: Readonly<Record<string, number>> = {
  serviceLevel: 0.02,
  asa: 5,
  abandonRate: 0.01,
};

export interface SimulationBaseline {
  readonly path: string;
  readonly scenario: string;
  readonly replications: number;
  readonly total: AggregatedKpiSet;
}

/** Reads a `ccsim simulate` summary.json (or the directory holding it) as a baseline. */
export async function readSimulationBaseline(path: string): Promise<SimulationBaseline> {
  const json = await readJson(path);
  const summary = json as {
    format?: unknown;
    scenario?: { name?: unknown };
    replications?: unknown;
    kpis?: { total?: AggregatedKpiSet };
  };
  if (summary.format !== 'ccsim-simulation-summary/1' || !summary.kpis?.total) {
    throw new CliError(
      'BASELINE_INVALID',
      `${path} is not a ccsim simulation summary (format ccsim-simulation-summary/1); pass the summary.json of an earlier \`ccsim simulate\``,
    );
  }
  return {
    path,
    scenario: String(summary.scenario?.name ?? '?'),
    replications: Number(summary.replications ?? 0),
    total: summary.kpis.total,
  };
}

/** A baseline summary file, parsed. */
export function readJson(path: string): Promise<unknown> {
  return readJsonFile(path, { missing: 'BASELINE_NOT_FOUND', invalid: 'BASELINE_INVALID' });
}

/** The scenario's tolerances, or DEFAULT_TOLERANCES when it states none. */
export function tolerancesOf(tolerance: Readonly<Record<string, number>>): {
  tolerances: Readonly<Record<string, number>>;
  defaulted: boolean;
} {
  return Object.keys(tolerance).length > 0
    ? { tolerances: tolerance, defaulted: false }
    : { tolerances: DEFAULT_TOLERANCES, defaulted: true };
}

export function regressionGate(
  baseline: { readonly path: string; readonly total: AggregatedKpiSet },
  current: AggregatedKpiSet,
  tolerances: Readonly<Record<string, number>>,
): GateReport {
  let comparisons: KpiComparison[];
  try {
    comparisons = compareKpiSets(baseline.total, current, tolerances);
  } catch (err) {
    throw new CliError('BASELINE_INVALID', (err as Error).message);
  }
  return {
    title: 'Regression against the baseline',
    against: baseline.path,
    checks: comparisons.map(checkOf),
  };
}

const RATIOS = new Set<string>([
  'serviceLevel',
  'abandonRate',
  'ronaRate',
  'occupancy',
  'agentOccupancy',
]);
const SECONDS = new Set<string>([
  'asa',
  'avgWait',
  'waitP50',
  'waitP90',
  'waitP99',
  'maxWait',
  'aht',
  'avgWrapUp',
]);

export function formatKpiValue(kpi: string, value: number | null, signed = false): string {
  if (value === null) return 'n/a';
  const sign = signed && value > 0 ? '+' : '';
  if (RATIOS.has(kpi)) return `${sign}${(value * 100).toFixed(2)}%`;
  if (SECONDS.has(kpi)) return `${sign}${value.toFixed(2)} s`;
  return `${sign}${value.toFixed(2)}`;
}

function checkOf(c: KpiComparison): GateCheck {
  const kpi = c.kpi as ScalarKpiName;
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
    group: 'regression',
    name: kpi,
    ok: !c.regression,
    message,
    details: [
      `baseline mean ${c.baseline}, current mean ${c.current}`,
      `difference ${c.difference}, tolerance ${c.tolerance}`,
      `t = ${c.tStatistic}, df = ${c.degreesOfFreedom}, p = ${c.pValue}`,
    ],
  };
}

/** The gate as terminal lines: a verdict, then one line per check. */
export function formatGate(gate: GateReport): string {
  const failed = gate.checks.filter((c) => !c.ok).length;
  const lines = [
    `${gate.title}${gate.against ? ` (${gate.against})` : ''}: ${failed === 0 ? 'passed' : `FAILED, ${failed} of ${gate.checks.length}`}`,
    ...gate.checks.map((c) => `  ${c.ok ? '✓' : '✗'} ${c.name}: ${c.message}`),
  ];
  return `${lines.join('\n')}\n`;
}
