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
 * wrap-up for.
 */
function firstServable(queue: QueueRuntime, eligible: AgentRuntime[]): WorkItem | undefined {
  // The head is servable in all but rare cases; only then walk the queue (an iterator, slower).
  const head = queue.items.peek();
  if (head === undefined) return undefined;
  if (collectEligible(queue, head, eligible)) return head;
  if (!hasReadyAgent(queue)) return undefined;
  for (const item of queue.items) {
    if (item !== head && collectEligible(queue, item, eligible)) return item;
  }
  return undefined;
}

function collectEligible(queue: QueueRuntime, item: WorkItem, eligible: AgentRuntime[]): boolean {
  eligible.length = 0;
  const id = item.conversation.id;
  const agents = queue.agents;
  for (let i = 0; i < agents.length; i++) {
    const agent = agents[i]!;
    if (agent.status !== 'Available' || agent.engaged >= agent.capacity) continue;
    // An agent that holds nothing cannot be in this conversation: skip the lookups.
    if (
      agent.engaged > 0 &&
      (agent.offers.has(id) || agent.active.has(id) || agent.wrapUps.has(id))
    ) {
      continue;
    }
    eligible.push(agent);
  }
  return eligible.length > 0;
}

function hasReadyAgent(queue: QueueRuntime): boolean {
  for (const agent of queue.agents) {
    if (agent.status === 'Available' && agent.engaged < agent.capacity) return true;
  }
  return false;
}
