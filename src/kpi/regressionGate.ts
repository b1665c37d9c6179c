import type { AggregatedKpiSet } from './aggregateReplications.js';
import { compareKpiSets, type KpiComparison } from './compareKpiSets.js';
import { isKpiName, KPI_CATALOGUE } from './kpiCatalogue.js';
import { KpiError } from './kpiError.js';

/**
 * The regression gate (`--baseline FILE`): the KPIs of the whole measured horizon compared with a
 * stored run's by `compareKpiSets` (docs/kpi.md). A KPI regresses only when the change is
 * statistically significant (Welch, 95%, from both runs' replications) AND worse than the
 * scenario's `regression.tolerance` for it. One comparison per KPI.
 */

/** When a scenario states no tolerances: the usual three, so that a gate is never empty. */
export const DEFAULT_TOLERANCES: Readonly<Record<string, number>> = {
  serviceLevel: 0.02,
  asa: 5,
  abandonRate: 0.01,
};

export interface RegressionGate {
  /** The scenario stated no tolerances: DEFAULT_TOLERANCES were used. */
  readonly defaulted: boolean;
  readonly comparisons: readonly KpiComparison[];
  readonly passed: boolean;
}

/** The tolerances a gate uses: the scenario's, or DEFAULT_TOLERANCES when it states none. */
export function tolerancesOf(tolerance: Readonly<Record<string, number>>): {
  readonly tolerances: Readonly<Record<string, number>>;
  readonly defaulted: boolean;
} {
  return Object.keys(tolerance).length > 0
    ? { tolerances: tolerance, defaulted: false }
    : { tolerances: DEFAULT_TOLERANCES, defaulted: true };
}

/** Refuses tolerances naming no KPI (KPI_INVALID_INPUT), so a gate is checked before a run. */
export function checkTolerances(tolerance: Readonly<Record<string, number>>): void {
  const unknown = Object.keys(tolerance).filter((name) => !isKpiName(name));
  if (unknown.length > 0) {
    throw new KpiError(
      'KPI_INVALID_INPUT',
      `regression.tolerance names ${unknown.map((n) => `"${n}"`).join(', ')}, not a KPI; the KPIs are ${Object.keys(KPI_CATALOGUE).join(', ')}`,
    );
  }
}

export function regressionGate(
  baseline: AggregatedKpiSet,
  current: AggregatedKpiSet,
  tolerance: Readonly<Record<string, number>>,
): RegressionGate {
  const { tolerances, defaulted } = tolerancesOf(tolerance);
  const comparisons = compareKpiSets(baseline, current, tolerances);
  return { defaulted, comparisons, passed: comparisons.every((c) => !c.regression) };
}
