import type { AgentStateRecord, ConversationRecord } from '../core/index.js';
import { KpiError } from './kpiError.js';

/** Which conversations form the denominator of service level (same names as the scenario file). */
export type ServiceLevelDefinitionName =
  /** answered within T / offered */
  | 'offered'
  /** answered within T / (offered − short abandons) */
  | 'offered-minus-short-abandons'
  /** answered within T / (answered + abandoned after T) */
  | 'answered-plus-late-abandons';

export interface ServiceLevelSpec {
  /** T: a conversation answered after waiting at most T seconds is answered within threshold. */
  readonly thresholdSeconds: number;
  readonly definition: ServiceLevelDefinitionName;
  /** S: an unanswered abandon after waiting strictly less than S seconds is a short abandon. */
  readonly shortAbandonSeconds: number;
}

/** Reporting intervals: interval i covers [startMs + i·lengthMs, startMs + (i+1)·lengthMs). */
export interface IntervalGrid {
  readonly startMs: number;
  readonly lengthMs: number;
  readonly count: number;
}

export interface KpiInput {
  /** Final conversation records (the router's `record` effects), in any order. */
  readonly records: readonly ConversationRecord[];
  /** Agent status changes, in any order; an agent is LoggedOut before its first one. */
  readonly agentStates: readonly AgentStateRecord[];
  /** Concurrent conversation slots per agent id; every agent in legs or states must be here. */
  readonly agentCapacity: Readonly<Record<string, number>>;
  readonly intervals: IntervalGrid;
  /**
   * End of warm-up. Conversations that arrived before it count in no KPI; time-based KPIs
   * (occupancy, queue length, Little's law) measure the time from here to `endMs`.
   */
  readonly measureFromMs: number;
  /** End of the measured horizon: later arrivals are not measured, time stops here. */
  readonly endMs: number;
  readonly serviceLevel: ServiceLevelSpec;
  /**
   * The queues to report on their own, each with its service-level definition (the scenario's
   * `serviceLevel.queues` resolved over the tenant's). A conversation counts in the queue it
   * entered first (`queueId`). Absent: no per-queue KPIs. When given, every record's queue must
   * be here (`KPI_UNKNOWN_QUEUE`), so that per-queue counts add up to the totals.
   */
  readonly queues?: Readonly<Record<string, ServiceLevelSpec>>;
  /** Agent ids of each agent group to report on its own. Absent: no per-group KPIs. */
  readonly agentGroups?: Readonly<Record<string, readonly string[]>>;
  /**
   * The re-contact window, ms: given, the KPI sets have `recontacts`, `recontactShare` and `fcr`
   * (`recontactLinks`). Absent: no re-contact KPIs.
   */
  readonly recontactWindowMs?: number;
}

/** Throws `KPI_INVALID_INPUT` for an input no KPI can be computed from. */
export function checkKpiInput(input: KpiInput): void {
  const { intervals, serviceLevel } = input;
  const finite = (name: string, value: number): void => {
    if (!Number.isFinite(value)) invalid(`${name} must be a finite number, got ${value}`);
  };
  finite('measureFromMs', input.measureFromMs);
  finite('endMs', input.endMs);
  finite('intervals.startMs', intervals.startMs);
  if (input.endMs < input.measureFromMs) {
    invalid(`endMs (${input.endMs}) is before measureFromMs (${input.measureFromMs})`);
  }
  if (!(intervals.lengthMs > 0) || !Number.isFinite(intervals.lengthMs)) {
    invalid(`intervals.lengthMs must be > 0, got ${intervals.lengthMs}`);
  }
  if (!Number.isInteger(intervals.count) || intervals.count < 0) {
    invalid(`intervals.count must be an integer >= 0, got ${intervals.count}`);
  }
  checkServiceLevel('serviceLevel', serviceLevel);
  const window = input.recontactWindowMs;
  if (window !== undefined && !(window > 0 && Number.isFinite(window))) {
    invalid(`recontactWindowMs must be a finite number > 0, got ${window}`);
  }
  for (const [queueId, spec] of Object.entries(input.queues ?? {})) {
    checkServiceLevel(`queues.${queueId}`, spec);
  }
  for (const [agentId, capacity] of Object.entries(input.agentCapacity)) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      invalid(`agentCapacity of "${agentId}" must be an integer >= 1, got ${capacity}`);
    }
  }
}

const DEFINITIONS: readonly string[] = [
  'offered',
  'offered-minus-short-abandons',
  'answered-plus-late-abandons',
];

function checkServiceLevel(name: string, spec: ServiceLevelSpec): void {
  if (!(spec.thresholdSeconds >= 0) || !Number.isFinite(spec.thresholdSeconds)) {
    invalid(`${name}.thresholdSeconds must be >= 0, got ${spec.thresholdSeconds}`);
  }
  if (!(spec.shortAbandonSeconds >= 0) || !Number.isFinite(spec.shortAbandonSeconds)) {
    invalid(`${name}.shortAbandonSeconds must be >= 0, got ${spec.shortAbandonSeconds}`);
  }
  if (!DEFINITIONS.includes(spec.definition)) {
    invalid(`unknown service-level definition "${spec.definition}"`);
  }
}

function invalid(message: string): never {
  throw new KpiError('KPI_INVALID_INPUT', message);
}
