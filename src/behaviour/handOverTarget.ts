import type { AgentMind } from './agentMind.js';
import type { ConversationMind } from './conversationMind.js';

/** An entry of the desktop's list of agents a conversation can be handed to (SPEC R14). */
export interface ListedAgent {
  readonly id: string;
  /** Capacity slots the agent has free. */
  readonly freeSlots: number;
}

/**
 * The one rule for the agent a transfer or conference to an agent group goes to, read from
 * what the owner's desktop shows: the list of available agents (Available, a free slot, not the
 * owner), in tenant order. Of the group's agents in it that are not already in this conversation
 * (offered it, holding it, or owing its wrap-up, as far as this model knows them), the one with
 * the most free slots; ties go to the first listed. Null when none is listed.
 */
export function mostFreeSlots(
  list: readonly ListedAgent[],
  group: number,
  groupOf: ReadonlyMap<string, number>,
  minds: ReadonlyMap<string, AgentMind>,
  c: ConversationMind,
): string | null {
  let best: ListedAgent | null = null;
  for (let i = 0; i < list.length; i++) {
    const entry = list[i]!;
    if (entry.freeSlots <= 0 || groupOf.get(entry.id) !== group) continue;
    if (best !== null && entry.freeSlots <= best.freeSlots) continue;
    const mind = minds.get(entry.id);
    if (mind !== undefined && mind.held > 0 && mind.holds(c)) continue;
    best = entry;
  }
  return best === null ? null : best.id;
}
