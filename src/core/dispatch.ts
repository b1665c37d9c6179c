import type { Ctx } from './context.js';
import { makeOffer } from './lifecycle.js';
import { armOverflowTimers, removeFromQueue } from './overflow.js';
import type { AgentRuntime, QueueRuntime, RouterState, WorkItem } from './state.js';
import { OVERFLOW_RANK, SKILL_RANK, type WorkKey } from './workOrder.js';

/**
 * Matches waiting work to ready agents until no match is left, then arms the overflow timers of
 * what still waits. Each queue puts forward its first item that a ready agent can take; the
 * tenant's work order (workOrder.ts: skill rank, priority, longest waiting) picks among them, and
 * the routing policy among the agents of the best skill rank for that item. Runs after every
 * command.
 *
 * Only the queues with work and a ready agent are looked at (RouterState.active), and a queue's
 * agents come from its ready heaps (readyHeap.ts), which keep them in policy order: an offer costs
 * O(log n) in the number of agents, whatever the number of idle queues. The choices are those of
 * a scan of every queue in tenant order and of every agent of each (test/core/dispatch.property
 * .test.ts compares the two).
 */
export function dispatch(ctx: Ctx): void {
  const { state } = ctx;
  const active = state.active.list;
  while (active.length > 0) {
    let best: Match | undefined;
    for (let i = 0; i < active.length; i++) {
      const match = firstServable(state, ctx.now, active[i]!);
      if (match !== undefined && (best === undefined || before(state, match, best))) best = match;
    }
    if (best === undefined) break;
    const { item, agent } = best;
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

/** A queue's candidate: its item, its work key, and the agent the routing policy puts first. */
interface Match extends WorkKey {
  readonly item: WorkItem;
  readonly agent: AgentRuntime;
  readonly queueIndex: number;
}

/** The work order, then the queue listed first in the tenant (active queues are unordered). */
function before(state: RouterState, a: Match, b: Match): boolean {
  const order = state.workOrder(a, b);
  return order !== 0 ? order < 0 : a.queueIndex < b.queueIndex;
}

/**
 * The first item of `queue` that some ready agent can take, with the best of those agents. The
 * queue has a ready agent (it is active); the head is servable in all but rare cases (its only
 * ready agents are in its conversation, or may take it only by an overflow rule it has not
 * reached), and only then is the queue walked (an iterator, slower).
 */
function firstServable(state: RouterState, now: number, queue: QueueRuntime): Match | undefined {
  state.work.queues++;
  const head = queue.items.peek()!;
  const match = candidate(now, queue, head);
  if (match !== undefined) return match;
  for (const item of queue.items) {
    if (item === head) continue;
    const next = candidate(now, queue, item);
    if (next !== undefined) return next;
  }
  return undefined;
}

/**
 * `item` with the routing policy's first agent among the ready agents of the best skill rank that
 * can take it (the overflow rules' agents count as secondary), or undefined when none can.
 */
function candidate(now: number, queue: QueueRuntime, item: WorkItem): Match | undefined {
  const id = item.conversation.id;
  const byRank = queue.readyByRank;
  const primary = byRank[SKILL_RANK.primary]!.bestFor(id);
  if (primary !== undefined) return match(queue, item, primary, SKILL_RANK.primary);
  // Secondary work: agents with the secondary skill, and those of the overflow rules the item
  // has reached (OVERFLOW_RANK is the secondary rank), each rule's heap giving its first agent.
  let agent = byRank[SKILL_RANK.secondary]!.bestFor(id);
  const overflow = queue.overflow;
  for (let j = 0; j < overflow.length; j++) {
    const rule = overflow[j]!;
    // The same sum as the timer's `at`, so the rule applies exactly when its timer fires.
    if (now < item.queuedAt + rule.afterMs) break;
    const other = rule.ready.bestFor(id);
    if (other !== undefined && (agent === undefined || rule.ready.before(other, agent))) {
      agent = other;
    }
  }
  return agent === undefined ? undefined : match(queue, item, agent, OVERFLOW_RANK);
}

function match(queue: QueueRuntime, item: WorkItem, agent: AgentRuntime, skillRank: number): Match {
  return {
    item,
    agent,
    skillRank,
    priority: queue.priority,
    queuedAt: item.queuedAt,
    queueIndex: queue.index,
  };
}
