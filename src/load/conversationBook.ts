import { drawHandOvers, type FirstOwnerSchedule } from '../behaviour/index.js';
import { createRandom, hashString, type Random } from '../scenario/index.js';
import type { AgentModel } from './agentModel.js';

/** What the agents may ask about the customers (the replayer's customer side answers). */
export interface CustomerSide {
  /** Customer messages the trace has for an arrival, from message `seq` on. */
  expectedFrom(arrival: number, seq: number): number;
  /** Messages of an arrival the deployment did not acknowledge: they will never show up. */
  failedOf(arrival: number): number;
  /** The customer's wa_id of an arrival. */
  customerIdOf(arrival: number): string | undefined;
  /** The trace message behind a message id an agent frame carries (opaque or WhatsApp's). */
  messageOf(messageId: string): { readonly arrival: number; readonly seq: number } | undefined;
  /** Every send of the run has its answer (or failed): no more customer messages will come. */
  finished(): boolean;
}

/** An agent as the conversation book knows it (the pool's LiveAgent). */
export interface AgentRef {
  readonly id: string;
  readonly active: ReadonlySet<string>;
}

/**
 * One live conversation as the replayer's agents see it: who owns it and who is consulted,
 * which customer messages arrived and how many were answered, and the plan the first owner
 * follows (drawn once, `drawHandOvers`). The deployment holds the truth; this holds the agents'
 * intentions.
 */
export class LiveConversation implements FirstOwnerSchedule {
  owner: AgentRef | null = null;
  /** Owner legs so far: 1 while the agent who answered first holds it. */
  legs = 0;
  ownerTimer: NodeJS.Timeout | null = null;
  /** An owner request whose outcome decides the next step is in flight (transfer). */
  busy = false;
  consulted: AgentRef | null = null;
  consultTimer: NodeJS.Timeout | null = null;
  /** A conference invitation is out or a consulted agent is in. */
  conferencing = false;
  readonly customerMessages = new Set<string>();
  /** Agent replies sent in this conversation (by any owner). */
  replied = 0;
  /** The first owner's plan: target indexes into the behaviour's plans (-1: none). */
  transferTarget = -1;
  conferenceTarget = -1;
  conferenceMs = 0;
  ownerEndsConference = false;
  /** Dialogue: after which reply the first owner starts a conference / transfers (-1: never). */
  kConference = -1;
  kTransfer = -1;
  /** Handle-time model: scenario times of the first owner's planned steps (NaN: none). */
  tConference = Number.NaN;
  tTransfer = Number.NaN;
  tEnd = Number.NaN;
  interrupted = false;

  constructor(
    readonly id: string,
    /** Arrival index of the customer, -1 when the opening message is not one of the trace's. */
    readonly arrival: number,
    /** Seq of the opening message (2+ when a follow-up opened a new conversation). */
    readonly firstSeq: number,
    readonly customerId: string | null,
    /** For draws that belong to the conversation (a consulted agent's stay without a plan). */
    readonly rng: Random,
  ) {}
}

export class ConversationBook {
  private readonly byId = new Map<string, LiveConversation>();
  private readonly byArrival = new Map<number, LiveConversation[]>();

  constructor(
    private readonly model: AgentModel,
    private readonly seed: number,
    readonly customers: CustomerSide,
  ) {}

  get(conversationId: string): LiveConversation | undefined {
    return this.byId.get(conversationId);
  }

  /** The conversation of an offer, registered at its first offer. */
  ensure(conversationId: string, firstMessageId: string | null): LiveConversation {
    const known = this.byId.get(conversationId);
    if (known !== undefined) return known;
    const parsed = firstMessageId === null ? null : this.customers.messageOf(firstMessageId);
    const arrival = parsed?.arrival ?? -1;
    const firstSeq = parsed?.seq ?? 1;
    // The plan belongs to the customer's conversation, whichever agent holds it.
    const stream =
      arrival >= 0
        ? `load:conversation:${arrival}:${firstSeq}`
        : `load:conversation:other:${hashString(conversationId)}`;
    const rng = createRandom(this.seed, stream);
    const conversation = new LiveConversation(
      conversationId,
      arrival,
      firstSeq,
      arrival >= 0 ? (this.customers.customerIdOf(arrival) ?? null) : null,
      rng,
    );
    drawHandOvers(this.model.behaviour, rng, conversation);
    this.byId.set(conversationId, conversation);
    if (arrival >= 0) {
      const list = this.byArrival.get(arrival);
      if (list) list.push(conversation);
      else this.byArrival.set(arrival, [conversation]);
    }
    return conversation;
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
  expected(conversation: LiveConversation): number {
    if (conversation.arrival < 0) return conversation.customerMessages.size;
    const c = this.customers;
    return (
      c.expectedFrom(conversation.arrival, conversation.firstSeq) - c.failedOf(conversation.arrival)
    );
  }

  /** The customer has nothing more to say in this conversation. */
  customerDone(conversation: LiveConversation): boolean {
    return (
      conversation.customerMessages.size >= this.expected(conversation) || this.customers.finished()
    );
  }
}
