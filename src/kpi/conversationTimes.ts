import type { ConversationRecord, LegRecord } from '../core/index.js';

/** Time to the first answer, or to the end for a conversation never answered; ms. */
export function waitMs(record: ConversationRecord): number {
  return (record.acceptedAt ?? record.endedAt) - record.arrivedAt;
}

/** An owner leg: the agent held the conversation (answered it or took it by transfer). */
export function isOwnerLeg(leg: LegRecord): boolean {
  return leg.role !== 'conference';
}
