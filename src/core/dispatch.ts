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
  while (state.ready.size > 0) {
    let best: Match | undefined;
    for (const queue of state.queueList) {
      if (queue.items.size === 0) continue;
      const match = firstServable(queue);
      if (match !== undefined && (best === undefined || match.item.queuedAt < best.item.queuedAt)) {
        best = match;
      }
    }
    if (best === undefined) return;
    const { item, agents } = best;
    const agent = agents[state.policy(agents)]!;
    const { conversation } = item;
    state.queues.get(item.queueId)!.items.remove(item);
    const origin = { fromAgentId: item.fromAgentId, queueId: item.queueId, orderAt: item.queuedAt };
    if (item.kind === 'conversation') {
      conversation.item = null;
      conversation.queueWaitMs += ctx.now - conversation.queuedAt;
      makeOffer(ctx, conversation, agent, 'route', origin);
    } else {
      conversation.conferenceItem = null;
      makeOffer(ctx, conversation, agent, 'conference', origin);
    }
  }
}

/** A waiting item and the ready agents that can take it. */
interface Match {
  readonly item: WorkItem;
  readonly agents: AgentRuntime[];
}

/**
 * The first item of `queue` that some ready agent can take, with those agents. An agent cannot
 * take a conversation it is already in, was just offered, or still owes a wrap-up for.
 */
function firstServable(queue: QueueRuntime): Match | undefined {
  // The head is servable in all but rare cases; only then walk the queue (an iterator, slower).
  const head = queue.items.peek();
  if (head === undefined) return undefined;
  let agents = eligibleAgents(queue, head);
  if (agents !== undefined) return { item: head, agents };
  if (!hasReadyAgent(queue)) return undefined;
  for (const item of queue.items) {
    if (item === head) continue;
    agents = eligibleAgents(queue, item);
    if (agents !== undefined) return { item, agents };
  }
  return undefined;
}

/**
 * The agents that can take `item`, in tenant order; undefined when none. A new array each time
 * (most often of one or two agents): cheaper than emptying a shared one, which V8 does in a
 * runtime call.
 */
function eligibleAgents(queue: QueueRuntime, item: WorkItem): AgentRuntime[] | undefined {
  let eligible: AgentRuntime[] | undefined;
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
    if (eligible === undefined) eligible = [agent];
    else eligible.push(agent);
  }
  return eligible;
}

function hasReadyAgent(queue: QueueRuntime): boolean {
  for (const agent of queue.agents) {
    if (agent.status === 'Available' && agent.engaged < agent.capacity) return true;
  }
  return false;
}
