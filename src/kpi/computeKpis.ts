import { KpiCollector } from './kpiCollector.js';
import type { KpiInput } from './kpiInput.js';
import type { KpiReport } from './kpiSet.js';

/**
 * KPIs of a run from its records: the whole measured horizon and every interval. Pure: the
 * same input gives the same report, for a simulated run and for a live one alike. Definitions
 * are on `KpiSet` and in docs/kpi.md. Throws `KpiError` for inconsistent input. The records
 * go through `KpiCollector`, which a run that does not keep them feeds as it goes.
 */
export function computeKpis(input: KpiInput): KpiReport {
  const { records, agentStates, ...frame } = input;
  const collector = new KpiCollector(frame);
  for (const r of records) collector.add(r);
  return collector.report(agentStates);
}
