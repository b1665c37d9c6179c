import type { AgentStateRecord, ConversationRecord } from '../core/index.js';
import { computeKpis, type KpiReport, type KpiSet } from '../kpi/index.js';
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

export type KpiUnit = 'count' | 'ratio' | 'seconds';

export interface ComparisonRow {
  /** The `KpiSet` field. */
  readonly kpi: keyof KpiSet;
  readonly label: string;
  readonly unit: KpiUnit;
  readonly simulated: number | null;
  readonly measured: number | null;
}

const ROWS: readonly { kpi: keyof KpiSet; label: string; unit: KpiUnit }[] = [
  { kpi: 'offered', label: 'offered', unit: 'count' },
  { kpi: 'serviceLevel', label: 'service level', unit: 'ratio' },
  { kpi: 'asa', label: 'ASA', unit: 'seconds' },
  { kpi: 'abandonRate', label: 'abandonment', unit: 'ratio' },
  { kpi: 'ronaCount', label: 'RONA', unit: 'count' },
  { kpi: 'ronaRate', label: 'RONA per offer', unit: 'ratio' },
  { kpi: 'transfers', label: 'transfers', unit: 'count' },
  { kpi: 'conferences', label: 'conferences', unit: 'count' },
  { kpi: 'interrupted', label: 'interrupted', unit: 'count' },
  { kpi: 'handled', label: 'handled', unit: 'count' },
  { kpi: 'aht', label: 'AHT', unit: 'seconds' },
];

export function compareKpis(simulated: KpiSet, measured: KpiSet): ComparisonRow[] {
  return ROWS.map((row) => ({
    ...row,
    simulated: simulated[row.kpi] as number | null,
    measured: measured[row.kpi] as number | null,
  }));
}
