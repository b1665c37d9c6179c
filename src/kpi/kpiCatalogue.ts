import type { KpiSet, TransferredInKpis } from './kpiSet.js';

/** Which way a KPI improves: `higher` or `lower` is better; `neutral` is neither (a load input). */
export type KpiDirection = 'higher' | 'lower' | 'neutral';

/** `ratio`: a share in [0, 1] (shown as a percent); `seconds`; `count`: conversations, agents... */
export type KpiUnit = 'count' | 'ratio' | 'seconds';

/** KpiSet's single numbers that only some runs have (re-contacts: scenarios with `recontact`). */
export type OptionalKpiName = 'recontacts' | 'recontactShare' | 'fcr';

/** The KpiSet fields that are single numbers in every run (the ones a table or a chart shows). */
export type ScalarKpiName = Exclude<
  keyof KpiSet,
  'littlesLaw' | 'queues' | 'groups' | OptionalKpiName
>;

/** The KPIs of queue sets only (`QueueKpiSet`): the conversations transferred in to a queue. */
export type QueueOnlyKpiName = keyof TransferredInKpis;

/** Every KPI a gate can name. */
export type KpiName = ScalarKpiName | OptionalKpiName | QueueOnlyKpiName;

export interface KpiEntry {
  /** For reports and gates: "service level". */
  readonly label: string;
  /** A terminal table's column head: "SL %". */
  readonly short: string;
  readonly unit: KpiUnit;
  readonly direction: KpiDirection;
  /** In queue sets only (`QueueOnlyKpiName`): a gate compares it per queue, never in the total. */
  readonly queueOnly?: true;
}

/**
 * Every KPI once: its name (the KpiSet field), label, unit and direction. The terminal table, the
 * reports, the regression gate and predicted-vs-measured read labels and units from here, so one
 * KPI is named and formatted one way everywhere (as src/server/errors.ts does for error codes).
 * Counts that follow the offered traffic or a planner's choice (offered, transfers, conferences,
 * occupancy, staffed agents, interrupted) are neutral: a change in them is reported, never as a
 * regression.
 */
export const KPI_CATALOGUE: Readonly<Record<KpiName, KpiEntry>> = {
  offered: { label: 'offered', short: 'offered', unit: 'count', direction: 'neutral' },
  answered: { label: 'answered', short: 'answered', unit: 'count', direction: 'higher' },
  handled: { label: 'handled', short: 'handled', unit: 'count', direction: 'higher' },
  abandoned: { label: 'abandoned', short: 'abandoned', unit: 'count', direction: 'lower' },
  abandonedAfterAnswer: {
    label: 'abandoned after an answer',
    short: 'aband. late',
    unit: 'count',
    direction: 'lower',
  },
  shortAbandoned: {
    label: 'short abandons',
    short: 'short ab.',
    unit: 'count',
    direction: 'lower',
  },
  abandonedAfterThreshold: {
    label: 'abandoned after T',
    short: 'ab. > T',
    unit: 'count',
    direction: 'lower',
  },
  interrupted: { label: 'interrupted', short: 'interr.', unit: 'count', direction: 'neutral' },
  transferDisconnected: {
    label: 'disconnected in transfer',
    short: 'disconn.',
    unit: 'count',
    direction: 'lower',
  },
  answeredWithinThreshold: {
    label: 'answered within T',
    short: 'within T',
    unit: 'count',
    direction: 'higher',
  },
  serviceLevel: { label: 'service level', short: 'SL %', unit: 'ratio', direction: 'higher' },
  probabilityWait: {
    label: 'P(wait)',
    short: 'P(wait)',
    unit: 'ratio',
    direction: 'lower',
  },
  abandonRate: { label: 'abandonment', short: 'abandon', unit: 'ratio', direction: 'lower' },
  asa: { label: 'ASA', short: 'ASA s', unit: 'seconds', direction: 'lower' },
  avgWait: { label: 'average wait', short: 'wait s', unit: 'seconds', direction: 'lower' },
  waitP50: { label: 'wait p50 (answered)', short: 'p50 s', unit: 'seconds', direction: 'lower' },
  waitP90: { label: 'wait p90 (answered)', short: 'p90 s', unit: 'seconds', direction: 'lower' },
  waitP99: { label: 'wait p99 (answered)', short: 'p99 s', unit: 'seconds', direction: 'lower' },
  maxWait: { label: 'longest wait', short: 'max wait', unit: 'seconds', direction: 'lower' },
  aht: { label: 'AHT', short: 'AHT s', unit: 'seconds', direction: 'lower' },
  avgWrapUp: { label: 'average wrap-up', short: 'wrap-up s', unit: 'seconds', direction: 'lower' },
  occupancy: { label: 'occupancy', short: 'occupancy', unit: 'ratio', direction: 'neutral' },
  agentOccupancy: {
    label: 'agent occupancy',
    short: 'agent occ.',
    unit: 'ratio',
    direction: 'neutral',
  },
  staffedAgents: { label: 'staffed agents', short: 'agents', unit: 'count', direction: 'neutral' },
  offers: { label: 'offers', short: 'offers', unit: 'count', direction: 'neutral' },
  ronaCount: { label: 'RONA', short: 'RONA', unit: 'count', direction: 'lower' },
  ronaRate: { label: 'RONA per offer', short: 'RONA %', unit: 'ratio', direction: 'lower' },
  transfers: { label: 'transfers', short: 'transfers', unit: 'count', direction: 'neutral' },
  conferences: { label: 'conferences', short: 'conf.', unit: 'count', direction: 'neutral' },
  // Per queue only (issue 12): a queue reached by transfers shows what reached it.
  transferredIn: {
    label: 'transferred in',
    short: 'tr. in',
    unit: 'count',
    direction: 'neutral',
    queueOnly: true,
  },
  transferredInHandled: {
    label: 'transferred in, handled',
    short: 'tr. in hd.',
    unit: 'count',
    direction: 'higher',
    queueOnly: true,
  },
  transferredInAbandoned: {
    label: 'transferred in, abandoned',
    short: 'tr. in ab.',
    unit: 'count',
    direction: 'lower',
    queueOnly: true,
  },
  maxQueueLength: { label: 'longest queue', short: 'max queue', unit: 'count', direction: 'lower' },
  // Re-contacts (issue 12): only in scenarios with `behaviour.customer.recontact`.
  recontacts: { label: 're-contacts', short: 're-cont.', unit: 'count', direction: 'lower' },
  recontactShare: {
    label: 're-contact share',
    short: 're-cont. %',
    unit: 'ratio',
    direction: 'lower',
  },
  fcr: { label: 'first-contact resolution', short: 'FCR %', unit: 'ratio', direction: 'higher' },
};

/** The re-contact KPIs in the order the tables show them. */
export const RECONTACT_KPIS: readonly OptionalKpiName[] = ['recontacts', 'recontactShare', 'fcr'];

export function isKpiName(name: string): name is KpiName {
  return Object.hasOwn(KPI_CATALOGUE, name);
}
