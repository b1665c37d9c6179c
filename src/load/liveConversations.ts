import type { BehaviourModel, ConversationMind } from '../behaviour/index.js';
import { ConversationStreams } from '../behaviour/index.js';
import { createRandom, hashString } from '../scenario/index.js';

/** What the agents may ask about the customers (the replayer's customer side answers). */
export interface CustomerSide {
  /** Customer messages the trace has for an arrival, from message `seq` on. */
  expectedFrom(arrival: number, seq: number): number;
  /** Messages of an arrival the deployment did not acknowledge: they will never show up. */
  failedOf(arrival: number): number;
  /** The customer's wa_id of an arrival. */
  customerIdOf(arrival: number): string | undefined;
  /** The asset (its index in the scenario) an arrival wrote to, which fixes its contact type; -1: not known. */
  assetOf(arrival: number): number;
  /** The trace message behind a message id an agent frame carries (opaque or WhatsApp's). */
  messageOf(messageId: string): { readonly arrival: number; readonly seq: number } | undefined;
  /** Every send of the run has its answer (or failed): no more customer messages will come. */
  finished(): boolean;
}

/**
 * One conversation of the deployment as the replayer's shell knows it, beside the behaviour
 * model's mind of it: the trace customer behind it, and the customer messages the owner's
 * desktop showed (by id: a message can reach a desktop twice, in a frame and in the pane).
 */
export interface LiveConversation {
  readonly mind: ConversationMind;
  /** Arrival index of the customer, -1 when the opening message is not one of the trace's. */
  readonly arrival: number;
  /** Seq of the opening message (2+ when a follow-up opened a new conversation). */
  readonly firstSeq: number;
  readonly customerId: string | null;
  readonly shown: Set<string>;
}

/**
 * The replayer's conversations, registered at their first offer. A conversation's handling
 * draws from the same stream as the simulator's (`ConversationStreams.handling` of its
 * customer's arrival and opening message), so both shells make the same decisions for it.
 */
export class LiveConversations {
  private readonly byId = new Map<string, LiveConversation>();
  private readonly byArrival = new Map<number, LiveConversation[]>();
  private readonly streams: ConversationStreams;

  constructor(
    private readonly seed: number,
    readonly customers: CustomerSide,
  ) {
    this.streams = new ConversationStreams(seed);
  }

  get(conversationId: string): LiveConversation | undefined {
    return this.byId.get(conversationId);
  }

  /** The conversation of an offer, registered at its first one. */
  ensure(
    model: BehaviourModel,
    conversationId: string,
    firstMessageId: string | null,
  ): LiveConversation {
    const known = this.byId.get(conversationId);
    if (known !== undefined) return known;
    const parsed = firstMessageId === null ? undefined : this.customers.messageOf(firstMessageId);
    const arrival = parsed?.arrival ?? -1;
    const firstSeq = parsed?.seq ?? 1;
    const rng =
      arrival >= 0
        ? this.streams.handling(arrival, firstSeq)
        : createRandom(this.seed, `load:conversation:other:${hashString(conversationId)}`);
    const asset = arrival >= 0 ? this.customers.assetOf(arrival) : -1;
    const decisions = arrival >= 0 ? this.streams.decisions(arrival, firstSeq) : null;
    const mind = model.conversation(arrival, rng, null, asset, decisions);
    mind.id = conversationId;
    const live: LiveConversation = {
      mind,
      arrival,
      firstSeq,
      customerId: arrival >= 0 ? (this.customers.customerIdOf(arrival) ?? null) : null,
      shown: new Set(),
    };
    this.byId.set(conversationId, live);
    if (arrival >= 0) {
      const list = this.byArrival.get(arrival);
      if (list) list.push(live);
      else this.byArrival.set(arrival, [live]);
    }
    return live;
  }

  /** Conversations of an arrival (usually one). */
  ofArrival(arrival: number): readonly LiveConversation[] {
    return this.byArrival.get(arrival) ?? [];
  }

  all(): IterableIterator<LiveConversation> {
    return this.byId.values();
  }

  /**
   * Customer messages the owner can still expect: those of the trace from the opening message
   * on, less those the deployment refused. Unknown customers send nothing more.
   */
  expected(c: LiveConversation): number {
    if (c.arrival < 0) return c.shown.size;
    const side = this.customers;
    return side.expectedFrom(c.arrival, c.firstSeq) - side.failedOf(c.arrival);
  }

  /** The customer has nothing more to say in this conversation. */
  customerDone(c: LiveConversation): boolean {
    return c.mind.customerMessages >= this.expected(c) || this.customers.finished();
  }
}
