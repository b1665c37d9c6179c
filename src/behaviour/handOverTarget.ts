import type { AgentMind } from './agentMind.js';
import type { ConversationMind } from './conversationMind.js';

/**
 * The agent of a group that a transfer or conference goes to: among the group's agents that are
 * Available with a free slot and not in this conversation (not the requester, not holding an
 * offer, the conversation or its wrap-up), the one with the fewest slots engaged; ties go to the
 * first in scenario order. Null when none can take it.
 */
export function leastEngagedMember(
  members: readonly AgentMind[],
  requester: AgentMind,
  c: ConversationMind,
): AgentMind | null {
  let best: AgentMind | null = null;
  let bestEngaged = Number.POSITIVE_INFINITY;
  for (let i = 0; i < members.length; i++) {
    const agent = members[i]!;
    if (agent === requester) continue;
    if (agent.status !== 'Available' || agent.held >= agent.capacity) continue;
    if (agent.held > 0 && agent.holds(c)) continue;
    if (agent.held < bestEngaged) {
      best = agent;
      bestEngaged = agent.held;
    }
  }
  return best;
}
