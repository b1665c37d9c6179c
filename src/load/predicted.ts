import type { AgentStateRecord, ConversationRecord } from '../core/index.js';
import {
  computeKpis,
  KPI_CATALOGUE,
  type KpiName,
  type KpiReport,
  type KpiSet,
  type KpiUnit,
  type QueueKpiSet,
  RECONTACT_KPIS,
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
  /** The `KpiSet` (or, per queue, `QueueKpiSet`) field. */
  readonly kpi: KpiName;
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

/**
 * The KPIs compared per queue: its conversation KPIs, SL under the queue's own definition, and
 * the conversations transferred in to it.
 */
const QUEUE_ROWS: readonly (keyof QueueKpiSet & KpiName)[] = [
  'offered',
  'serviceLevel',
  'asa',
  'probabilityWait',
  'abandonRate',
  'aht',
  'transfers',
  'transferredIn',
];

/** One row per KPI that both sets have (a summary from before a KPI lacks it). */
function rowsOf<K extends KpiName>(
  kpis: readonly K[],
  simulated: Partial<Record<K, number | null>>,
  measured: Partial<Record<K, number | null>>,
): ComparisonRow[] {
  return kpis
    .filter((kpi) => simulated[kpi] !== undefined && measured[kpi] !== undefined)
    .map((kpi) => ({
      kpi,
      label: KPI_CATALOGUE[kpi].label,
      unit: KPI_CATALOGUE[kpi].unit,
      simulated: simulated[kpi]!,
      measured: measured[kpi]!,
    }));
}

/** Per queue both runs have, the QUEUE_ROWS of each side (labels and units from the catalogue). */
export function compareQueueKpis(
  simulated: KpiSet,
  measured: KpiSet,
): Record<string, ComparisonRow[]> {
  const out: Record<string, ComparisonRow[]> = {};
  for (const [id, sim] of Object.entries(simulated.queues)) {
    const meas = measured.queues[id];
    if (!meas) continue;
    out[id] = [...rowsOf(QUEUE_ROWS, sim, meas), ...rowsOf(RECONTACT_KPIS, sim, meas)];
  }
  return out;
}

/** ROWS, then the re-contact KPIs when both runs have them (re-contacts in the scenario). */
export function compareKpis(simulated: KpiSet, measured: KpiSet): ComparisonRow[] {
  return [...rowsOf(ROWS, simulated, measured), ...rowsOf(RECONTACT_KPIS, simulated, measured)];
}
