import type { Ctx } from './context.js';
import type { WorkItem } from './state.js';

/**
 * Overflow after a wait (tenant `queues[].overflow`): from `queuedAt + afterMs` on, a waiting item
 * is also eligible for the rule's agents. Eligibility is a function of the time (dispatch.ts);
 * the router only runs on commands, so each item that is still waiting after a command arms a
 * timer for the next rule it will reach, and its `timer.fired` makes the router dispatch again.
 * An item that leaves its queue cancels its timer; a timer for an item that left is stale and
 * does nothing.
 */

/** Remembers an item that just joined a queue with overflow rules, to arm its timer later. */
export function noteQueued(ctx: Ctx, item: WorkItem): void {
  if (ctx.state.queues.get(item.queueId)!.overflow.length === 0) return;
  if (ctx.overflowPending === null) ctx.overflowPending = [item];
  else ctx.overflowPending.push(item);
}

/** Takes an item out of its queue and disarms its overflow timer. */
export function removeFromQueue(ctx: Ctx, item: WorkItem): void {
  ctx.state.removeItem(item);
  const timerId = item.overflowTimer;
  if (timerId !== null) {
    ctx.state.overflowTimers.delete(timerId);
    item.overflowTimer = null;
    ctx.effects.pushTimerCancel(timerId);
  }
}

/**
 * After dispatch: arms the timer of the next rule for every noted item that is still waiting. A
 * rule already reached (an offer that came back keeps its `queuedAt`) needs no timer.
 */
export function armOverflowTimers(ctx: Ctx): void {
  const pending = ctx.overflowPending;
  if (pending === null) return;
  ctx.overflowPending = null;
  const { state, now } = ctx;
  for (const item of pending) {
    if (item.removed || item.overflowTimer !== null) continue;
    for (const rule of state.queues.get(item.queueId)!.overflow) {
      const at = item.queuedAt + rule.afterMs;
      if (at <= now) continue;
      const timerId = state.nextOverflowTimerId();
      state.overflowTimers.set(timerId, { item, at });
      item.overflowTimer = timerId;
      ctx.effects.pushTimerSet(timerId, at);
      break;
    }
  }
}

/**
 * Handles `timer.fired` when `timerId` is an overflow timer; false when it is not one (an offer
 * deadline, or stale). The dispatch after the command offers the item to the agents it reached.
 */
export function overflowTimerFired(ctx: Ctx, timerId: string): boolean {
  const timer = ctx.state.overflowTimers.get(timerId);
  if (timer === undefined) return false;
  ctx.state.overflowTimers.delete(timerId);
  timer.item.overflowTimer = null;
  noteQueued(ctx, timer.item);
  return true;
}
