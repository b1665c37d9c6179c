import type { ConversationRecord } from '../core/index.js';
import { isOwnerLeg } from './conversationTimes.js';
import { SpanCollector, type StepFunction } from './stepFunction.js';

/**
 * Conversations in queue over time, from records alone. A conversation is counted in queue
 * - from arrivedAt to firstOfferedAt (or to endedAt when it was never offered): exact;
 * - after each transfer, from the end of the transferring owner's leg to the offer of the next
 *   owner's leg (or to endedAt when no one took it over and it ended waiting, e.g. abandoned in
 *   the target queue). A transfer to an agent is offered at once, so it adds nothing.
 * Records do not say when a RONA'd offer was made or returned, so: time in queue after a RONA
 * that precedes the first offer's acceptance is missed (the first stint ends at the first
 * offer), and a RONA'd offer inside a transfer stint is counted as queued. The result is exact
 * without RONA; with RONA it errs by at most the RONA-ed conversations. A pending conference
 * request is not a conversation in queue. Every record counts, warm-up arrivals included: it is
 * the queue the agents faced.
 */
export function queueLength(records: readonly ConversationRecord[]): StepFunction {
  const spans = new SpanCollector();
  for (const r of records) addQueuedSpans(spans, r);
  return spans.build();
}

/** Adds one record's spans in queue (as `queueLength` counts them) to `spans`. */
export function addQueuedSpans(spans: SpanCollector, r: ConversationRecord): void {
  spans.add(r.arrivedAt, r.firstOfferedAt ?? r.endedAt);
  if (r.transferCount === 0) return;
  const owners = r.legs.filter(isOwnerLeg);
  for (let i = 0; i < owners.length; i++) {
    const next = owners[i + 1];
    if (next) spans.add(owners[i]!.endedAt, next.offeredAt);
    else if (r.outcome !== 'transfer-disconnected') {
      // Waiting in the queue it was transferred to until it ended (a zero-length span when
      // the last owner ended it).
      spans.add(owners[i]!.endedAt, r.endedAt);
    }
  }
}

/**
 * Conversations waiting for their first answer over time: each from arrivedAt to acceptedAt (or
 * endedAt when never answered), i.e. exactly the spans whose lengths are the waits. Pass only
 * the measured conversations so that its time-average and λ·W describe the same population.
 */
export function waitingForAnswer(records: readonly ConversationRecord[]): StepFunction {
  const spans = new SpanCollector();
  for (const r of records) addWaitingSpan(spans, r);
  return spans.build();
}

/** Adds one record's span waiting for its first answer (as `waitingForAnswer`) to `spans`. */
export function addWaitingSpan(spans: SpanCollector, r: ConversationRecord): void {
  spans.add(r.arrivedAt, r.acceptedAt ?? r.endedAt);
}
