import type { CustomerIdentity } from '../core/commands.js';
import type { Random } from '../scenario/random.js';
import type { ConversationMind } from './conversationMind.js';
import { NO_WAKE } from './wakes.js';

/**
 * One simulated customer: who they are, and what they will do, drawn at arrival from their own
 * stream (so that a run with other staffing sees the same customer): patience, how many messages
 * they send, what they write and how long they think before answering a reply. Made by
 * `customerMind`, an object literal for the reason `conversationMind` gives.
 */
export interface CustomerMind {
  /** Arrival index within the replication. */
  readonly index: number;
  /** The asset (business number) written to: its position in the scenario. */
  readonly asset: number;
  readonly identity: CustomerIdentity;
  readonly rng: Random;
  readonly arrivedAt: number;
  patienceWake: number;
  /** A follow-up message on its way. */
  messageWake: number;
  /** Messages the customer will send in all, and has sent. */
  messages: number;
  sent: number;
  /** The conversation the customer's messages go to (the shell links it at arrival). */
  conversation: ConversationMind | null;
  /**
   * Re-contacts: the customer's earlier contact this one follows (null: a first contact), the
   * attempt (0: the first contact) and the abandons of the chain before this contact.
   */
  previous: CustomerMind | null;
  attempt: number;
  abandonsBefore: number;
  /** The customer's conversation ended in an abandon (set when its record is final). */
  abandoned: boolean;
}

export function customerMind(
  index: number,
  asset: number,
  identity: CustomerIdentity,
  rng: Random,
  arrivedAt: number,
): CustomerMind {
  return {
    index,
    asset,
    identity,
    rng,
    arrivedAt,
    patienceWake: NO_WAKE,
    messageWake: NO_WAKE,
    messages: 1,
    sent: 0,
    conversation: null,
    previous: null,
    attempt: 0,
    abandonsBefore: 0,
    abandoned: false,
  };
}
