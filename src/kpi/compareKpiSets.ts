import { type Comparison, compareSummaries } from './compareSummaries.js';
import { isKpiName, KPI_CATALOGUE, type KpiDirection, type KpiName } from './kpiCatalogue.js';
import { KpiError } from './kpiError.js';
import type { Summary } from './summarize.js';

/** What a comparison is of: the whole run's KPIs, or one queue's or one agent group's. */
export type KpiScope =
  | { readonly kind: 'total' }
  | { readonly kind: 'queue' | 'group'; readonly id: string };

export const TOTAL_SCOPE: KpiScope = { kind: 'total' };

export interface KpiComparison extends Comparison {
  readonly kpi: KpiName;
  readonly scope: KpiScope;
  readonly direction: KpiDirection;
  readonly tolerance: number;
  readonly baseline: number | null;
  readonly current: number | null;
}

/** An aggregated KPI set of any scope: a total, a queue's or a group's (KPI name → summary). */
export type SummarySet = { readonly [kpi: string]: unknown };

/**
 * A regression gate's check of the KPIs named in `tolerances` (a scenario's
 * `regression.tolerance`), in the order given: each compared by `compareSummaries` with its
 * direction from the KPI catalogue. Throws `KPI_INVALID_INPUT` for a name that is not a KPI, or
 * that the totals of either side lack. In a queue's or a group's scope a KPI that either side
 * lacks is not compared: those sets hold only some KPIs (a queue has no occupancy); nor is a
 * queue-only KPI (`transferredIn`...) in the totals' scope.
 */
export function compareKpiSets(
  baseline: SummarySet,
  current: SummarySet,
  tolerances: Readonly<Record<string, number>>,
  scope: KpiScope = TOTAL_SCOPE,
): KpiComparison[] {
  const out: KpiComparison[] = [];
  for (const [name, tolerance] of Object.entries(tolerances)) {
    if (!isKpiName(name)) {
      throw new KpiError(
        'KPI_INVALID_INPUT',
        `"${name}" is not a KPI; one of: ${Object.keys(KPI_CATALOGUE).join(', ')}`,
      );
    }
    const b = summaryOf(baseline, name);
    const c = summaryOf(current, name);
    if (b === null || c === null) {
      // A queue's or a group's set holds only some KPIs; the totals hold every one asked for
      // but the queue-only ones.
      if (scope.kind !== 'total' || KPI_CATALOGUE[name].queueOnly) continue;
      throw new KpiError(
        'KPI_INVALID_INPUT',
        `"${name}" is not in the ${b === null ? 'baseline' : 'current'} summary (the re-contact KPIs need behaviour.customer.recontact)`,
      );
    }
    const direction = KPI_CATALOGUE[name].direction;
    out.push({
      kpi: name,
      scope,
      direction,
      tolerance,
      baseline: b.mean,
      current: c.mean,
      ...compareSummaries(b, c, tolerance, direction),
    });
  }
  return out;
}

function summaryOf(set: SummarySet, name: string): Summary | null {
  const s = Object.hasOwn(set, name) ? set[name] : undefined;
  return typeof s === 'object' && s !== null && 'n' in s ? (s as Summary) : null;
}
