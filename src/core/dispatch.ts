import type { Ctx } from './context.js';
import { makeOffer } from './lifecycle.js';
import type { AgentRuntime, QueueRuntime, WorkItem } from './state.js';

/**
 * Matches waiting work to ready agents until no match is left. Across queues the oldest waiting
 * item goes first (a RONA'd conversation keeps its place at the head); within the agents
 * eligible for it, the tenant's routing policy chooses. Runs after every command.
 */
export function dispatch(ctx: Ctx): void {
  const { state } = ctx;
  const eligible: AgentRuntime[] = [];
  const bestEligible: AgentRuntime[] = [];
  while (state.ready.size > 0) {
    let bestItem: WorkItem | undefined;
    for (const queue of state.queueList) {
      if (queue.items.size === 0) continue;
      const item = firstServable(queue, eligible);
      if (item === undefined) continue;
      if (bestItem === undefined || item.queuedAt < bestItem.queuedAt) {
        bestItem = item;
        bestEligible.length = 0;
        for (const agent of eligible) bestEligible.push(agent);
      }
    }
    if (bestItem === undefined) return;
    const agent = bestEligible[state.policy(bestEligible)]!;
    const { conversation } = bestItem;
    state.queues.get(bestItem.queueId)!.items.remove(bestItem);
    if (bestItem.kind === 'conversation') {
      conversation.item = null;
      conversation.queueWaitMs += ctx.now - conversation.queuedAt;
      makeOffer(ctx, conversation, agent, 'route', origin(bestItem));
    } else {
      conversation.conferenceItem = null;
      makeOffer(ctx, conversation, agent, 'conference', origin(bestItem));
    }
  }
}

function origin(item: WorkItem) {
  return { fromAgentId: item.fromAgentId, queueId: item.queueId, orderAt: item.queuedAt };
}

/**
 * The first item of `queue` that some ready agent can take, filling `eligible` with those agents.
 * An agent cannot take a conversation it is already in, was just offered, or still owes a
 * wrap-up for; that is rare, so the scan almost always stops at the head.
 */
function firstServable(queue: QueueRuntime, eligible: AgentRuntime[]): WorkItem | undefined {
  for (const item of queue.items) {
    eligible.length = 0;
    const id = item.conversation.id;
    for (const agent of queue.agents) {
      if (agent.status !== 'Available' || agent.engaged >= agent.capacity) continue;
      if (agent.offers.has(id) || agent.active.has(id) || agent.wrapUps.has(id)) continue;
      eligible.push(agent);
    }
    if (eligible.length > 0) return item;
    // Only a conversation-specific exclusion can block an item when the queue has ready agents.
    if (!queue.agents.some((a) => a.status === 'Available' && a.engaged < a.capacity))
      return undefined;
  }
  return undefined;
}
