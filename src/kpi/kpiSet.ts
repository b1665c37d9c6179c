/**
 * The KPIs of one period (the whole measured horizon, or one interval). Definitions in full are in
 * `docs/kpi.md`; in short:
 *
 * - "measured conversations" are the records that arrived in [measureFromMs, endMs) and, for an
 *   interval, in that interval. Count, wait and handle KPIs are over them, attributed to the
 *   interval of their arrival even when their handling goes on into later intervals.
 * - "the period's time" is the period ∩ [measureFromMs, endMs). Time-based KPIs (occupancy,
 *   staffed agents, queue length, Little's law) measure what happened during that time.
 * - wait = (acceptedAt ?? endedAt) − arrivedAt: time to the first answer, or to the end for a
 *   conversation never answered.
 * - Durations are in seconds, rates per second. A ratio or mean with an empty denominator is null.
 */
export interface KpiSet {
  /** Measured conversations (every arrival: the queue was offered it). */
  readonly offered: number;
  /** Measured conversations accepted by an agent at least once (acceptedAt ≠ null). */
  readonly answered: number;
  /** Outcome `handled`: answered and ended by its owner. */
  readonly handled: number;
  /** Outcome `abandoned` and never answered: the customer gave up waiting for a first answer. */
  readonly abandoned: number;
  /** Outcome `abandoned` after an answer: the customer gave up waiting again after a transfer. */
  readonly abandonedAfterAnswer: number;
  /** Of `abandoned`: those that waited strictly less than shortAbandonSeconds. */
  readonly shortAbandoned: number;
  /** Of `abandoned`: those that waited more than thresholdSeconds. */
  readonly abandonedAfterThreshold: number;
  /** Outcome `interrupted`: its asset was deleted (answered or not). */
  readonly interrupted: number;
  /** Outcome `transfer-disconnected`: a transfer to an agent was not accepted. */
  readonly transferDisconnected: number;
  /** Answered with a wait of at most thresholdSeconds. */
  readonly answeredWithinThreshold: number;
  /** answeredWithinThreshold over the denominator of the service-level definition. */
  readonly serviceLevel: number | null;
  /**
   * P(W > 0), Erlang C's C(N, a): the share of offered conversations that were not answered the
   * instant they arrived (answered after a wait > 0, or never answered).
   */
  readonly probabilityWait: number | null;
  /** abandoned / offered. */
  readonly abandonRate: number | null;
  /** Average speed of answer: mean wait of answered conversations. */
  readonly asa: number | null;
  /** Mean wait of all measured conversations. */
  readonly avgWait: number | null;
  /** Nearest-rank percentiles of the waits of answered conversations. */
  readonly waitP50: number | null;
  readonly waitP90: number | null;
  readonly waitP99: number | null;
  /** Longest wait of any measured conversation. */
  readonly maxWait: number | null;
  /** Mean over handled conversations of Σ (endedAt − acceptedAt) of owner legs (answer, transfer). */
  readonly aht: number | null;
  /** Mean over handled conversations of Σ (wrapUpAt − endedAt) of owner legs. */
  readonly avgWrapUp: number | null;
  /** Busy slot time ÷ staffed slot time (offers, conversations and wrap-ups fill slots). */
  readonly occupancy: number | null;
  /** Staffed agent time with at least one slot busy ÷ staffed agent time. */
  readonly agentOccupancy: number | null;
  /** Time-average number of staffed agents. */
  readonly staffedAgents: number | null;
  /** Σ offerCount: offers of the conversation to an agent (routed or transferred). */
  readonly offers: number;
  /** Σ ronaCount: offers that timed out into RONA (conference invitations included). */
  readonly ronaCount: number;
  /** ronaCount / offers. */
  readonly ronaRate: number | null;
  /** Σ transferCount. */
  readonly transfers: number;
  /** Σ conferenceCount: conference invitations accepted. */
  readonly conferences: number;
  /**
   * Re-contacts (only with `KpiInput.recontactWindowMs`; docs/kpi.md, "Re-contacts"): measured
   * conversations whose customer's previous conversation on the asset ended at most the window
   * before they arrived (`recontactLinks`).
   */
  readonly recontacts?: number;
  /** recontacts / offered. */
  readonly recontactShare?: number | null;
  /**
   * First-contact resolution: of the measured first contacts (not re-contacts) that were handled,
   * the share whose customer did not come back within the window. Per queue: the first
   * contact's queue.
   */
  readonly fcr?: number | null;
  /**
   * Most conversations in queue (not offered) at once during the period's time, warm-up arrivals
   * included; exact without RONA, approximate with it (see `queueLength` and docs/kpi.md).
   */
  readonly maxQueueLength: number | null;
  readonly littlesLaw: LittlesLaw;
  /**
   * The conversation KPIs of each queue (`KpiInput.queues`), under that queue's own
   * service-level definition. A conversation counts in the queue it entered first (`queueId`),
   * also after a transfer to another queue; the queues' counts add up to the totals. It also
   * counts in `transferredIn` of the queue it was last in, if another.
   */
  readonly queues: Readonly<Record<string, QueueKpiSet>>;
  /** The KPIs of each agent group (`KpiInput.agentGroups`). */
  readonly groups: Readonly<Record<string, GroupKpiSet>>;
}

/**
 * The KPIs of one queue in one period: the conversation KPIs of KpiSet over the conversations
 * that entered it first, and the conversations transferred in to it.
 */
export type QueueKpiSet = Pick<KpiSet, ConversationKpiName> & TransferredInKpis;

/**
 * A queue's measured conversations that entered another queue first and were in this one last
 * (`transferredIn`), and how they ended. Queue sets only: over the tenant they are conversations
 * moved between queues, which `transfers` already counts with the transfers to agents.
 */
export interface TransferredInKpis {
  readonly transferredIn: number;
  /** Of `transferredIn`: outcome `handled`. */
  readonly transferredInHandled: number;
  /** Of `transferredIn`: outcome `abandoned` (the customer gave up waiting in this queue). */
  readonly transferredInAbandoned: number;
}

/** The KpiSet fields computed from the measured conversations alone. */
export type ConversationKpiName = Exclude<
  keyof KpiSet,
  | 'occupancy'
  | 'agentOccupancy'
  | 'staffedAgents'
  | 'maxQueueLength'
  | 'littlesLaw'
  | 'queues'
  | 'groups'
>;

/** The KPIs of one agent group in one period. */
export interface GroupKpiSet {
  /** As KpiSet's, over the group's agents. */
  readonly occupancy: number | null;
  readonly agentOccupancy: number | null;
  readonly staffedAgents: number | null;
  /** Time-average number of the group's agents in status Available. */
  readonly availableAgents: number | null;
  /** Measured handled conversations whose last owner (`lastAgentId`) is in the group. */
  readonly handled: number;
  /** Owner legs of the group's agents in measured handled conversations. */
  readonly handledLegs: number;
  /** Mean (endedAt − acceptedAt) of those legs, seconds: the group's own handle time. */
  readonly aht: number | null;
}

/**
 * Little's law L = λ·W for "waiting for the first answer". Over the whole measured horizon it
 * holds exactly when every measured conversation's wait is over by endMs.
 */
export interface LittlesLaw {
  /** λ: measured arrivals per second of the period's time. */
  readonly arrivalRate: number | null;
  /** W: mean wait of the measured conversations (= avgWait), seconds. */
  readonly meanWait: number | null;
  /** λ·W. */
  readonly lambdaW: number | null;
  /** L: time-average number of measured conversations waiting for their first answer. */
  readonly meanWaiting: number | null;
}

/** The result of `computeKpis`: the whole measured horizon and each interval. */
export interface KpiReport {
  readonly total: KpiSet;
  readonly intervals: readonly KpiSet[];
}
