/**
 * Flat output records: the single source of every KPI, in simulation and live alike (like Ciw's
 * data record). Times are milliseconds on the caller's clock (virtual or real).
 */

export type ConversationOutcome =
  /** Ended by its owner after being answered. */
  | 'handled'
  /** The customer gave up while waiting (queued or offered). */
  | 'abandoned'
  /** Its asset was deleted (SPEC R8). */
  | 'interrupted'
  /** A transfer to an agent was not accepted and the tenant's policy is `disconnect` (R15). */
  | 'transfer-disconnected';

export type LegRole = 'answer' | 'transfer' | 'conference';

/** One agent's part in a conversation, from accept to submitted wrap-up. */
export interface LegRecord {
  readonly agentId: string;
  readonly role: LegRole;
  readonly offeredAt: number;
  readonly acceptedAt: number;
  /** When the agent stopped handling: ended, transferred away, left or was released. */
  readonly endedAt: number;
  readonly wrapUpAt: number;
  readonly wrapUpReason: string;
}

export interface ConversationRecord {
  readonly conversationId: string;
  readonly assetId: string;
  /** The queue the conversation entered first (the asset's queue). */
  readonly queueId: string;
  /** The queue it was last in (differs after a transfer to a queue). */
  readonly lastQueueId: string;
  readonly customerId: string;
  /** First customer message. */
  readonly arrivedAt: number;
  readonly firstOfferedAt: number | null;
  /** First accept; null when never answered. Wait until answer = acceptedAt - arrivedAt. */
  readonly acceptedAt: number | null;
  /** When it stopped: ended by the owner, abandoned, interrupted in queue, or disconnected. */
  readonly endedAt: number;
  /** When the last wrap-up was submitted (the record became final); endedAt without agents. */
  readonly finalizedAt: number;
  /** Total time spent queued, over every stint (a transfer to a queue adds a stint). */
  readonly queueWaitMs: number;
  /** The agent who answered first, or null. */
  readonly agentId: string | null;
  /** The agent who held it last, or null. */
  readonly lastAgentId: string | null;
  readonly outcome: ConversationOutcome;
  /** True when the asset was deleted while the conversation was open. */
  readonly interrupted: boolean;
  /** The wrap-up reason of the last owner, or null. */
  readonly wrapUpReason: string | null;
  readonly offerCount: number;
  readonly ronaCount: number;
  readonly transferCount: number;
  readonly conferenceCount: number;
  readonly customerMessages: number;
  readonly agentMessages: number;
  readonly legs: readonly LegRecord[];
  // Re-contacts (issue 12), where the writer of the record knows the link: the simulator sets
  // them from the behaviour on a re-contact's record (absent on first contacts). The router does
  // not: live records are linked by customer within a window when KPIs are computed (docs/kpi.md,
  // "Re-contacts").
  /** 1 for the first re-contact of a customer's chain, 2 for the next... */
  readonly attempt?: number;
  /** The conversation this one follows. */
  readonly previousId?: string;
  /** The chain's first contact. */
  readonly firstId?: string;
}

export type AgentStatus = 'LoggedOut' | 'Idle' | 'Available' | 'RONA';

/** An agent status change; with conversation records it gives staffed time and occupancy. */
export interface AgentStateRecord {
  readonly agentId: string;
  readonly status: AgentStatus;
  readonly idleCode: string | null;
  readonly at: number;
}
