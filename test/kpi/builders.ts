import type {
  AgentStateRecord,
  AgentStatus,
  ConversationOutcome,
  ConversationRecord,
  LegRecord,
  LegRole,
} from '../../src/core/index.js';
import type { KpiInput } from '../../src/kpi/index.js';

/** Hand-built records for KPI tests. Builders take seconds; records hold ms. */
export const s = (seconds: number): number => seconds * 1000;

export function leg(
  agentId: string,
  role: LegRole,
  [offeredAt, acceptedAt, endedAt, wrapUpAt]: readonly [number, number, number, number],
): LegRecord {
  return {
    agentId,
    role,
    offeredAt: s(offeredAt),
    acceptedAt: s(acceptedAt),
    endedAt: s(endedAt),
    wrapUpAt: s(wrapUpAt),
    wrapUpReason: 'resolved',
  };
}

export interface RecordSpec {
  readonly arrivedAt: number;
  readonly endedAt: number;
  readonly outcome: ConversationOutcome;
  readonly firstOfferedAt?: number;
  readonly acceptedAt?: number;
  readonly legs?: readonly LegRecord[];
  readonly offerCount?: number;
  readonly ronaCount?: number;
  readonly transferCount?: number;
  readonly conferenceCount?: number;
  readonly interrupted?: boolean;
}

export function record(conversationId: string, spec: RecordSpec): ConversationRecord {
  const legs = spec.legs ?? [];
  const owners = legs.filter((l) => l.role !== 'conference');
  const endedAt = s(spec.endedAt);
  const acceptedAt = spec.acceptedAt === undefined ? null : s(spec.acceptedAt);
  return {
    conversationId,
    assetId: 'pn-sales',
    queueId: 'sales',
    lastQueueId: 'sales',
    customerId: `cust-${conversationId}`,
    arrivedAt: s(spec.arrivedAt),
    firstOfferedAt: spec.firstOfferedAt === undefined ? null : s(spec.firstOfferedAt),
    acceptedAt,
    endedAt,
    finalizedAt: Math.max(endedAt, ...legs.map((l) => l.wrapUpAt)),
    queueWaitMs: s((spec.firstOfferedAt ?? spec.endedAt) - spec.arrivedAt),
    agentId: owners[0]?.agentId ?? null,
    lastAgentId: owners.at(-1)?.agentId ?? null,
    outcome: spec.outcome,
    interrupted: spec.interrupted ?? spec.outcome === 'interrupted',
    wrapUpReason: owners.length > 0 ? 'resolved' : null,
    offerCount: spec.offerCount ?? owners.length,
    ronaCount: spec.ronaCount ?? 0,
    transferCount: spec.transferCount ?? 0,
    conferenceCount: spec.conferenceCount ?? 0,
    customerMessages: 1,
    agentMessages: 0,
    legs,
  };
}

export function state(agentId: string, status: AgentStatus, at: number): AgentStateRecord {
  return { agentId, status, idleCode: null, at: s(at) };
}

/** Three 60-second intervals from 0, measured from 0 to 180 s, T = 20 s, S = 5 s. */
export function input(overrides: Partial<KpiInput> = {}): KpiInput {
  return {
    records: [],
    agentStates: [],
    agentCapacity: {},
    intervals: { startMs: 0, lengthMs: s(60), count: 3 },
    measureFromMs: 0,
    endMs: s(180),
    serviceLevel: { thresholdSeconds: 20, definition: 'offered', shortAbandonSeconds: 5 },
    ...overrides,
  };
}
