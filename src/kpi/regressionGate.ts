import type { AggregatedKpiSet } from './aggregateReplications.js';
import { compareKpiSets, type KpiComparison, type SummarySet } from './compareKpiSets.js';
import { isKpiName, KPI_CATALOGUE } from './kpiCatalogue.js';
import { KpiError } from './kpiError.js';

/**
 * The regression gate (`--baseline FILE`): the KPIs of the whole measured horizon, of every queue
 * and of every agent group compared with a stored run's by `compareKpiSets` (docs/kpi.md). A KPI
 * regresses only when the change is statistically significant (Welch, 95%, from both runs'
 * replications) AND worse than the scenario's `regression.tolerance` for it. One comparison per
 * KPI and scope: a queue that got worse fails the gate even when the total did not.
 */

/** When a scenario states no tolerances: the usual three, so that a gate is never empty. */
export const DEFAULT_TOLERANCES: Readonly<Record<string, number>> = {
  serviceLevel: 0.02,
  asa: 5,
  abandonRate: 0.01,
};

/** Which queues (or groups) were compared, and which one side lacks. */
export interface ScopeCoverage {
  readonly compared: readonly string[];
  /** In the current run only: a queue that is new, or a baseline from before per-queue KPIs. */
  readonly notInBaseline: readonly string[];
  /** In the baseline only. */
  readonly notInCurrent: readonly string[];
}

export interface RegressionGate {
  /** The scenario stated no tolerances: DEFAULT_TOLERANCES were used. */
  readonly defaulted: boolean;
  readonly comparisons: readonly KpiComparison[];
  readonly queues: ScopeCoverage;
  readonly groups: ScopeCoverage;
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

type Sets = Readonly<Record<string, SummarySet>> | undefined;

function coverage(baseline: Sets, current: Sets): ScopeCoverage {
  const b = Object.keys(baseline ?? {});
  const c = Object.keys(current ?? {});
  return {
    compared: c.filter((id) => b.includes(id)),
    notInBaseline: c.filter((id) => !b.includes(id)),
    notInCurrent: b.filter((id) => !c.includes(id)),
  };
}

export function regressionGate(
  baseline: AggregatedKpiSet,
  current: AggregatedKpiSet,
  tolerance: Readonly<Record<string, number>>,
): RegressionGate {
  const { tolerances, defaulted } = tolerancesOf(tolerance);
  const comparisons = compareKpiSets(baseline, current, tolerances);
  // A baseline from before per-queue KPIs has no `queues`: those are compared where both have them.
  const old = baseline as Partial<AggregatedKpiSet>;
  const queues = coverage(old.queues, current.queues);
  for (const id of queues.compared) {
    comparisons.push(
      ...compareKpiSets(old.queues![id]!, current.queues[id]!, tolerances, { kind: 'queue', id }),
    );
  }
  const groups = coverage(old.groups, current.groups);
  for (const id of groups.compared) {
    comparisons.push(
      ...compareKpiSets(old.groups![id]!, current.groups[id]!, tolerances, { kind: 'group', id }),
    );
  }
  return {
    defaulted,
    comparisons,
    queues,
    groups,
    passed: comparisons.every((c) => !c.regression),
  };
}
