import type { ConversationRecord } from '../core/index.js';
import { type Change, type StepFunction, spanChanges, stepFromChanges } from './stepFunction.js';

/**
 * Conversations in queue over time: each conversation from arrivedAt to firstOfferedAt (or to
 * endedAt when it was never offered). Exact for a conversation's first stint; a conversation
 * that goes back to a queue later (after RONA, or by a transfer to a queue) is not counted again,
 * because records do not say when those later stints began and ended. So this is a lower bound
 * of the true queue length when RONA or transfers to queues occur, and exact otherwise.
 * Every record counts, warm-up arrivals included: it is the queue the agents faced.
 */
export function queueLength(records: readonly ConversationRecord[]): StepFunction {
  const changes: Change[] = [];
  for (const r of records) spanChanges(changes, r.arrivedAt, r.firstOfferedAt ?? r.endedAt);
  return stepFromChanges(changes);
}

/**
 * Conversations waiting for their first answer over time: each from arrivedAt to acceptedAt (or
 * endedAt when never answered), i.e. exactly the spans whose lengths are the waits. Pass only
 * the measured conversations so that its time-average and λ·W describe the same population.
 */
export function waitingForAnswer(records: readonly ConversationRecord[]): StepFunction {
  const changes: Change[] = [];
  for (const r of records) spanChanges(changes, r.arrivedAt, r.acceptedAt ?? r.endedAt);
  return stepFromChanges(changes);
}
