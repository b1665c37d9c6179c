import type { KpiSet } from './kpiSet.js';

/** Which way a KPI improves: `higher` or `lower` is better; `neutral` is neither (a load input). */
export type KpiDirection = 'higher' | 'lower' | 'neutral';

/** The KpiSet fields that are single numbers (the ones a regression gate can name). */
export type ScalarKpiName = Exclude<keyof KpiSet, 'littlesLaw'>;

/**
 * The direction of each KPI, for regression gates. Counts that follow the offered traffic or a
 * planner's choice (offered, transfers, conferences, occupancy, staffed agents, interrupted) are
 * neutral: a change in them is reported, never as a regression.
 */
export const kpiDirections: Readonly<Record<ScalarKpiName, KpiDirection>> = {
  offered: 'neutral',
  answered: 'higher',
  handled: 'higher',
  abandoned: 'lower',
  abandonedAfterAnswer: 'lower',
  shortAbandoned: 'lower',
  abandonedAfterThreshold: 'lower',
  interrupted: 'neutral',
  transferDisconnected: 'lower',
  answeredWithinThreshold: 'higher',
  serviceLevel: 'higher',
  abandonRate: 'lower',
  asa: 'lower',
  avgWait: 'lower',
  waitP50: 'lower',
  waitP90: 'lower',
  waitP99: 'lower',
  maxWait: 'lower',
  aht: 'lower',
  avgWrapUp: 'lower',
  occupancy: 'neutral',
  agentOccupancy: 'neutral',
  staffedAgents: 'neutral',
  offers: 'neutral',
  ronaCount: 'lower',
  ronaRate: 'lower',
  transfers: 'neutral',
  conferences: 'neutral',
  maxQueueLength: 'lower',
};
