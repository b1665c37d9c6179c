import type { AgentStateRecord, ConversationRecord } from '../core/index.js';
import {
  type ConversationKpiName,
  computeKpis,
  KPI_CATALOGUE,
  type KpiReport,
  type KpiSet,
  type KpiUnit,
  type ScalarKpiName,
} from '../kpi/index.js';
import { kpiFrame, type Scenario } from '../scenario/index.js';

/**
 * Predicted vs measured: the simulator's records and the deployment's records (aligned to the
 * scenario clock) go through the same `computeKpis`, over the same measured horizon, so the two
 * columns compare like with like.
 */
export function kpisOfRecords(
  scenario: Scenario,
  records: readonly ConversationRecord[],
  agentStates: readonly AgentStateRecord[],
): KpiReport {
  const frame = kpiFrame(scenario);
  const { agentCapacity } = frame;
  // States of agents the scenario does not know (a shared deployment) cannot be weighed.
  const known = agentStates.filter((s) => agentCapacity[s.agentId] !== undefined);
  return computeKpis({
    records: records.filter((r) => r.legs.every((l) => agentCapacity[l.agentId] !== undefined)),
    agentStates: known,
    ...frame,
  });
}

export interface ComparisonRow {
  /** The `KpiSet` field. */
  readonly kpi: ScalarKpiName;
  readonly label: string;
  readonly unit: KpiUnit;
  readonly simulated: number | null;
  readonly measured: number | null;
}

/** The KPIs compared, in order; labels and units from the KPI catalogue. */
const ROWS: readonly ScalarKpiName[] = [
  'offered',
  'serviceLevel',
  'asa',
  'abandonRate',
  'ronaCount',
  'ronaRate',
  'transfers',
  'conferences',
  'interrupted',
  'handled',
  'aht',
];

/** The KPIs compared per queue: its conversation KPIs, SL under the queue's own definition. */
const QUEUE_ROWS: readonly (ConversationKpiName & ScalarKpiName)[] = [
  'offered',
  'serviceLevel',
  'asa',
  'probabilityWait',
  'abandonRate',
  'aht',
  'transfers',
];

/** Per queue both runs have, the QUEUE_ROWS of each side (labels and units from the catalogue). */
export function compareQueueKpis(
  simulated: KpiSet,
  measured: KpiSet,
): Record<string, ComparisonRow[]> {
  const out: Record<string, ComparisonRow[]> = {};
  for (const [id, sim] of Object.entries(simulated.queues)) {
    const meas = measured.queues[id];
    if (!meas) continue;
    out[id] = QUEUE_ROWS.map((kpi) => ({
      kpi,
      label: KPI_CATALOGUE[kpi].label,
      unit: KPI_CATALOGUE[kpi].unit,
      simulated: sim[kpi],
      measured: meas[kpi],
    }));
  }
  return out;
}

export function compareKpis(simulated: KpiSet, measured: KpiSet): ComparisonRow[] {
  return ROWS.map((kpi) => ({
    kpi,
    label: KPI_CATALOGUE[kpi].label,
    unit: KPI_CATALOGUE[kpi].unit,
    simulated: simulated[kpi],
    measured: measured[kpi],
  }));
}
