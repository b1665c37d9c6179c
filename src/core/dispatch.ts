import type { Ctx } from './context.js';
import { makeOffer } from './lifecycle.js';
import { armOverflowTimers, removeFromQueue } from './overflow.js';
import { chooseAgent } from './routingPolicy.js';
import type { AgentRuntime, QueueRuntime, WorkItem } from './state.js';
import { OVERFLOW_RANK, type WorkKey } from './workOrder.js';

/**
 * Matches waiting work to ready agents until no match is left, then arms the overflow timers of
 * what still waits. Each queue puts forward its first item that a ready agent can take; the
 * tenant's work order (workOrder.ts: skill rank, priority, longest waiting) picks among them, and
 * the routing policy among the agents of the best skill rank for that item. Runs after every
 * command.
 */
export function dispatch(ctx: Ctx): void {
  const { state } = ctx;
  while (state.ready.size > 0) {
    let best: Match | undefined;
    for (const queue of state.queueList) {
      if (queue.items.size === 0) continue;
      const match = firstServable(ctx.now, queue);
      // Strictly better only: a tie keeps the queue listed first in the tenant.
      if (match !== undefined && (best === undefined || state.workOrder(match, best) < 0)) {
        best = match;
      }
    }
    if (best === undefined) break;
    const { item, agents } = best;
    const agent = agents[chooseAgent(state.policy, agents)]!;
    const { conversation } = item;
    removeFromQueue(ctx, item);
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
  armOverflowTimers(ctx);
}

/** A queue's candidate: its item, its work key, and the ready agents of the best skill rank. */
interface Match extends WorkKey {
  readonly item: WorkItem;
  readonly agents: AgentRuntime[];
}

/**
 * The first item of `queue` that some ready agent can take, with those agents. An agent cannot
 * take a conversation it is already in, was just offered, or still owes a wrap-up for.
 */
function firstServable(now: number, queue: QueueRuntime): Match | undefined {
  // The head is servable in all but rare cases; only then walk the queue (an iterator, slower).
  const head = queue.items.peek();
  if (head === undefined) return undefined;
  let match = eligibleAgents(now, queue, head);
  if (match !== undefined) return match;
  if (!hasReadyAgent(queue)) return undefined;
  for (const item of queue.items) {
    if (item === head) continue;
    match = eligibleAgents(now, queue, item);
    if (match !== undefined) return match;
  }
  return undefined;
}

/**
 * The ready agents of the best skill rank for `item`, in tenant order (then the overflow rules'
 * agents); undefined when none. New arrays each time (most often of one or two agents): cheaper
 * than emptying a shared one, which V8 does in a runtime call.
 */
function eligibleAgents(now: number, queue: QueueRuntime, item: WorkItem): Match | undefined {
  let eligible: AgentRuntime[] | undefined;
  let rank = 0;
  const id = item.conversation.id;
  const { agents, ranks } = queue;
  for (let i = 0; i < agents.length; i++) {
    const agent = agents[i]!;
    if (!canTake(agent, id)) continue;
    const r = ranks[i]!;
    if (eligible === undefined || r < rank) {
      eligible = [agent];
      rank = r;
    } else if (r === rank) eligible.push(agent);
  }
  const overflow = queue.overflow;
  // Overflow agents take the item as secondary work: useless once a primary agent is found.
  for (let j = 0; j < overflow.length && (eligible === undefined || rank >= OVERFLOW_RANK); j++) {
    const rule = overflow[j]!;
    // The same sum as the timer's `at`, so the rule applies exactly when its timer fires.
    if (now < item.queuedAt + rule.afterMs) break;
    for (const agent of rule.agents) {
      if (!canTake(agent, id)) continue;
      if (eligible === undefined || OVERFLOW_RANK < rank) {
        eligible = [agent];
        rank = OVERFLOW_RANK;
      } else eligible.push(agent);
    }
  }
  if (eligible === undefined) return undefined;
  return {
    item,
    agents: eligible,
    skillRank: rank,
    priority: queue.priority,
    queuedAt: item.queuedAt,
  };
}

function canTake(agent: AgentRuntime, conversationId: string): boolean {
  if (agent.status !== 'Available' || agent.engaged >= agent.capacity) return false;
  // An agent that holds nothing cannot be in this conversation: skip the lookups.
  return (
    agent.engaged === 0 ||
    !(
      agent.offers.has(conversationId) ||
      agent.active.has(conversationId) ||
      agent.wrapUps.has(conversationId)
    )
  );
}

function hasReadyAgent(queue: QueueRuntime): boolean {
  for (const agent of queue.agents) {
    if (agent.status === 'Available' && agent.engaged < agent.capacity) return true;
  }
  for (const rule of queue.overflow) {
    for (const agent of rule.agents) {
      if (agent.status === 'Available' && agent.engaged < agent.capacity) return true;
    }
  }
  return false;
}
