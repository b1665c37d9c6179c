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
  // One replication's summary of a value depends on the value only, and most of a large center's
  // fields are the same few counts (0, 1, null): one shared, read-only summary for each value.
  const single = new Map<number | null, Summary>();
  return {
    replications: reports.length,
    total: aggregateSets(
      reports.map((r) => r.total),
      single,
    ),
    intervals: first.intervals.map((_, i) =>
      aggregateSets(
        reports.map((r) => r.intervals[i]!),
        single,
      ),
    ),
  };
}

function aggregateSets(
  sets: readonly KpiSet[],
  single: Map<number | null, Summary>,
): AggregatedKpiSet {
  return aggregateObjects(
    sets as unknown as readonly Record<string, unknown>[],
    '',
    single,
  ) as AggregatedKpiSet;
}

function aggregateObjects(
  objects: readonly Record<string, unknown>[],
  path: string,
  single: Map<number | null, Summary>,
): Record<string, unknown> {
  const first = objects[0]!;
  const out: Record<string, unknown> = {};
  // Keys, not entries, and a field's dotted name only for an error: a center of 200 queues has
  // some 65,000 fields a replication, and a pair and a name for each cost more than their
  // summaries (issue 13).
  for (const key of Object.keys(first)) {
    const sample = first[key];
    if (typeof sample === 'number' || sample === null) {
      if (objects.length === 1) {
        let summary = single.get(sample);
        if (summary === undefined) {
          summary = summarizeField(objects, path, key);
          single.set(sample, summary);
        }
        out[key] = summary;
      } else {
        out[key] = summarizeField(objects, path, key);
      }
    } else if (typeof sample === 'object') {
      const nested = objects.map((o) => {
        const v = o[key];
        if (typeof v !== 'object' || v === null) mismatch(path + key);
        return v as Record<string, unknown>;
      });
      out[key] = aggregateObjects(nested, `${path}${key}.`, single);
    } else {
      mismatch(path + key);
    }
  }
  return out;
}

function summarizeField(
  objects: readonly Record<string, unknown>[],
  path: string,
  key: string,
): Summary {
  const values: number[] = [];
  for (const o of objects) {
    const v = o[key];
    if (typeof v === 'number') values.push(v);
    else if (v !== null) mismatch(path + key);
  }
  return summarize(values);
}

function mismatch(name: string): never {
  throw new KpiError(
    'KPI_SHAPE_MISMATCH',
    `field "${name}" is not a number or null in every replication`,
  );
}
