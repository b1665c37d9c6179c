import type { CustomerIdentity } from '../core/commands.js';
import type { SecretSpan } from './identities.js';

/**
 * What simulated customers did in a replication, event by event: the simulator records it as its
 * customers act, and a load test replays it against a live deployment (`ccsim trace` writes it,
 * src/load reads it, the k6 scripts take a copy). `arrival` numbers the conversations of the
 * replication in arrival order; times are milliseconds from the start of the horizon,
 * independent of any speed-up (a replay at `--speed X` sends an event `at / X` real
 * milliseconds after its start). Field order is the order written to a trace file.
 */
export interface TraceMessage {
  readonly type: 'message';
  readonly at: number;
  /** The conversation's index in arrival order within the replication (0-based). */
  readonly arrival: number;
  /** The business number's Cloud API `phone_number_id`. */
  readonly assetId: string;
  /** The customer: `id` is the WhatsApp id (`wa_id`), the digits of the phone number. */
  readonly customer: CustomerIdentity;
  /** `wamid.<arrival>.<seq>`; a replay may put a run tag in between (`replayMessageId`). */
  readonly messageId: string;
  /** 1 for the message that opens the conversation. */
  readonly seq: number;
  readonly text: string;
  /** Planted secrets in `text`: the ground truth of the leak check. */
  readonly secrets: readonly SecretSpan[];
}

/**
 * The customer gave up waiting. The Cloud API has no way to say so; a load test sends it
 * through the reference deployment's load-test extension (docs/load.md, "Abandons").
 */
export interface TraceAbandon {
  readonly type: 'abandon';
  readonly at: number;
  readonly arrival: number;
  readonly assetId: string;
  readonly customerId: string;
}

export type TraceEvent = TraceMessage | TraceAbandon;

/**
 * The id of a customer's message `seq` of arrival `arrival` in a trace. Joined, not written as a
 * template: V8 makes a string of 13 characters or more joined with `+` a rope of two halves, three
 * objects instead of one; the router keeps the id as long as the conversation is open, which in a
 * large center is longer than the young generation lives.
 */
export function traceMessageId(arrival: number, seq: number): string {
  return ['wamid.', arrival, '.', seq].join('');
}
