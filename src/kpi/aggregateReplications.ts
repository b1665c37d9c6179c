import { KpiError } from './kpiError.js';
import type { KpiReport, KpiSet } from './kpiSet.js';
import { type Summary, summarize } from './summarize.js';

/** A KpiSet-shaped object with every number replaced by its summary across replications. */
export type Aggregated<T> = {
  readonly [K in keyof T]: NonNullable<T[K]> extends number ? Summary : Aggregated<T[K]>;
};
export type AggregatedKpiSet = Aggregated<KpiSet>;

export interface AggregatedKpiReport {
  /** How many replication reports were aggregated (a field's own n skips its nulls). */
  readonly replications: number;
  readonly total: AggregatedKpiSet;
  readonly intervals: readonly AggregatedKpiSet[];
}

/**
 * Summaries across independent replications, field by field: the whole horizon and each
 * interval by index. A null (KPI undefined in that replication, e.g. ASA with nothing answered)
 * is skipped, and the summary's n says how many values remained. The result depends on the order
 * of `reports` only through floating-point summation: pass them in replication order.
 */
export function aggregateReplications(reports: readonly KpiReport[]): AggregatedKpiReport {
  const first = reports[0];
  if (!first) throw new KpiError('KPI_INVALID_INPUT', 'no replication reports to aggregate');
  for (const [i, report] of reports.entries()) {
    if (report.intervals.length !== first.intervals.length) {
      throw new KpiError(
        'KPI_SHAPE_MISMATCH',
        `replication ${i} has ${report.intervals.length} intervals, replication 0 has ${first.intervals.length}`,
      );
    }
  }
  return {
    replications: reports.length,
    total: aggregateSets(reports.map((r) => r.total)),
    intervals: first.intervals.map((_, i) => aggregateSets(reports.map((r) => r.intervals[i]!))),
  };
}

function aggregateSets(sets: readonly KpiSet[]): AggregatedKpiSet {
  return aggregateObjects(
    sets as unknown as readonly Record<string, unknown>[],
    '',
  ) as AggregatedKpiSet;
}

function aggregateObjects(
  objects: readonly Record<string, unknown>[],
  path: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, sample] of Object.entries(objects[0]!)) {
    const name = path + key;
    if (typeof sample === 'number' || sample === null) {
      const values: number[] = [];
      for (const o of objects) {
        const v = o[key];
        if (typeof v === 'number') values.push(v);
        else if (v !== null) mismatch(name);
      }
      out[key] = summarize(values);
    } else if (typeof sample === 'object') {
      const nested = objects.map((o) => {
        const v = o[key];
        if (typeof v !== 'object' || v === null) mismatch(name);
        return v as Record<string, unknown>;
      });
      out[key] = aggregateObjects(nested, `${name}.`);
    } else {
      mismatch(name);
    }
  }
  return out;
}

function mismatch(name: string): never {
  throw new KpiError(
    'KPI_SHAPE_MISMATCH',
    `field "${name}" is not a number or null in every replication`,
  );
}
