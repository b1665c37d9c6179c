import type { AggregatedKpiSet } from './aggregateReplications.js';
import { type Comparison, compareSummaries } from './compareSummaries.js';
import { isKpiName, KPI_CATALOGUE, type KpiDirection, type KpiName } from './kpiCatalogue.js';
import { KpiError } from './kpiError.js';

export interface KpiComparison extends Comparison {
  readonly kpi: KpiName;
  readonly direction: KpiDirection;
  readonly tolerance: number;
  readonly baseline: number | null;
  readonly current: number | null;
}

/**
 * A regression gate's check of the KPIs named in `tolerances` (a scenario's
 * `regression.tolerance`), in the order given: each compared by `compareSummaries` with its
 * direction from the KPI catalogue. Throws `KPI_INVALID_INPUT` for a name that is not a KPI.
 */
export function compareKpiSets(
  baseline: AggregatedKpiSet,
  current: AggregatedKpiSet,
  tolerances: Readonly<Record<string, number>>,
): KpiComparison[] {
  return Object.entries(tolerances).map(([name, tolerance]) => {
    if (!isKpiName(name)) {
      throw new KpiError(
        'KPI_INVALID_INPUT',
        `"${name}" is not a KPI; one of: ${Object.keys(KPI_CATALOGUE).join(', ')}`,
      );
    }
    const kpi = name;
    const direction = KPI_CATALOGUE[kpi].direction;
    const b = baseline[kpi];
    const c = current[kpi];
    if (b === undefined || c === undefined) {
      throw new KpiError(
        'KPI_INVALID_INPUT',
        `"${name}" is not in the ${b === undefined ? 'baseline' : 'current'} summary (the re-contact KPIs need behaviour.customer.recontact)`,
      );
    }
    return {
      kpi,
      direction,
      tolerance,
      baseline: b.mean,
      current: c.mean,
      ...compareSummaries(b, c, tolerance, direction),
    };
  });
}
