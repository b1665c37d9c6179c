import type { ConversationOutcome } from '../core/records.js';
import type { RecontactPlan } from '../scenario/behaviour.js';
import type { Random } from '../scenario/random.js';

/**
 * Whether a customer writes again after a conversation, and how long after its end (ms); null:
 * they don't. An abandon is the chain's (`abandonsBefore` + 1)-th: the customer comes back with
 * that entry of `abandonProbabilities` (none beyond the list). A handled conversation is unsolved
 * with `unsolvedProbability`, only when its last wrap-up reason is one of `unsolvedReasons` if
 * given. Other outcomes (interrupted, disconnected) end the chain. `rng` is the conversation's
 * own re-contact stream, used for this decision only: the first draw decides, the second is the
 * delay.
 */
export function recontactDelay(
  plan: RecontactPlan,
  rng: Random,
  outcome: ConversationOutcome,
  wrapUpReason: string | null,
  abandonsBefore: number,
): number | null {
  if (outcome === 'abandoned') {
    const p = plan.abandonProbabilities?.[abandonsBefore];
    if (p === undefined || !(rng.next() < p)) return null;
    return plan.abandonDelayMs!(rng);
  }
  if (outcome !== 'handled' || plan.unsolvedDelayMs === null) return null;
  const reasons = plan.unsolvedReasons;
  if (reasons !== null && (wrapUpReason === null || !reasons.has(wrapUpReason))) return null;
  if (!(rng.next() < plan.unsolvedProbability)) return null;
  return plan.unsolvedDelayMs(rng);
}

/**
 * Arrival numbers of re-contacts: attempt `a` of the customer who first arrived as `origin` is
 * `origin + a · 2³²`, so first contacts keep their numbers (and streams) whether or not anyone
 * comes back, and a re-contact's number, streams and message ids follow from its chain alone,
 * not from the order re-contacts happen in. `ConversationStreams` keys both words of it.
 */
export const RECONTACT_STRIDE = 4_294_967_296;

export function recontactArrival(origin: number, attempt: number): number {
  return origin + attempt * RECONTACT_STRIDE;
}

/** The first contact's arrival and the attempt (0: the first contact) of an arrival number. */
export function arrivalChain(arrival: number): {
  readonly origin: number;
  readonly attempt: number;
} {
  const attempt = Math.floor(arrival / RECONTACT_STRIDE);
  return { origin: arrival - attempt * RECONTACT_STRIDE, attempt };
}
