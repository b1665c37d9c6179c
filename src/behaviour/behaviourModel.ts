import type { CustomerIdentity } from '../core/commands.js';
import type { AgentStatus, ConversationRecord } from '../core/records.js';
import type { Behaviour } from '../scenario/behaviour.js';
import type { Random } from '../scenario/random.js';
import { AgentDecisions } from './agentDecisions.js';
import type { AgentMind, AgentSlot, OfferKind } from './agentMind.js';
import { ConversationHandling, type SkippedHandOvers } from './conversationHandling.js';
import { type ConversationMind, conversationMind } from './conversationMind.js';
import { CustomerDecisions } from './customerDecisions.js';
import { type CustomerMind, customerMind } from './customerMind.js';
import type { ListedAgent } from './handOverTarget.js';
import type { IdentityPool } from './identities.js';
import { drawHandOvers } from './planning.js';
import type { AgentPort, CustomerPort } from './ports.js';
import type { DecisionStreams } from './streams.js';
import {
  WAKE_ACCEPT,
  WAKE_BREAK_END,
  WAKE_CONSULT_DONE,
  WAKE_FOLLOW_UP,
  WAKE_LOGOUT,
  WAKE_OWNER,
  WAKE_PATIENCE,
  WAKE_RONA_IDLE,
  WAKE_RONA_RETURN,
  WAKE_WRAP_UP,
} from './wakes.js';

/** The simulated customers' side, for a shell that runs customers (the simulator). */
export interface CustomerSideOptions {
  readonly port: CustomerPort;
  readonly pool: IdentityPool;
  readonly secretRate: number;
}

export interface BehaviourModelOptions {
  /** The scenario's behaviour, compiled (`compileBehaviour`). */
  readonly behaviour: Behaviour;
  readonly agentPort: AgentPort;
  /** Replies agents send (no customer data). */
  readonly agentTexts: readonly string[];
  /** The agent group (its index in the scenario) of every agent id of the scenario. */
  readonly groupOf: ReadonlyMap<string, number>;
  /** The agents this shell runs, by id. */
  readonly minds: ReadonlyMap<string, AgentMind>;
  readonly customers?: CustomerSideOptions;
}

/**
 * One behaviour model for both shells: agents and customers decide here, the simulator and the
 * load replayer only carry out. In: what an agent's desktop shows (offers, accepted
 * conversations and their message counts, wrap-up requests, status), what a customer sees
 * (replies), the wakes they asked for, and the answers to their requests; out, through the
 * shell's ports: desktop requests, customer messages and abandons, and wakes with delays. Pure:
 * time comes from the port, randomness from the minds' own streams.
 */
export class BehaviourModel {
  readonly handling: ConversationHandling;
  readonly agents: AgentDecisions;
  readonly customers: CustomerDecisions | null;
  private readonly behaviour: Behaviour;

  constructor(options: BehaviourModelOptions) {
    this.behaviour = options.behaviour;
    this.handling = new ConversationHandling(
      options.behaviour,
      options.agentPort,
      options.agentTexts,
      options.groupOf,
      options.minds,
    );
    const side = options.customers;
    this.customers = side
      ? new CustomerDecisions(options.behaviour, side.port, side.pool, side.secretRate)
      : null;
    const customers = this.customers;
    this.agents = new AgentDecisions(options.behaviour, options.agentPort, this.handling, (c) => {
      if (customers !== null && c.customer !== null) customers.answered(c.customer);
    });
  }

  /** Transfers and conferences planned but not made: no agent of the target group was available. */
  get skipped(): SkippedHandOvers {
    return this.handling.skipped;
  }

  /**
   * A conversation the agents will handle, with the first owner's plan drawn from its stream
   * (`drawHandOvers`). `customer` is the simulated customer, or null when the shell replays one.
   */
  conversation(
    arrival: number,
    rng: Random,
    customer: CustomerMind | null,
    /** The asset it arrived on (its index in the scenario), which fixes its contact type; -1: not known, the tenant's. */
    asset = -1,
    /** Its agents' keyed offer and wrap-up streams (`ConversationStreams.decisions`). */
    decisions: DecisionStreams | null = null,
  ): ConversationMind {
    const b = this.behaviour;
    const type = asset >= 0 ? b.contactTypes[b.assetContactType[asset]!]! : b.contactTypes[0]!;
    const c = conversationMind(
      arrival,
      rng,
      customer,
      type,
      asset >= 0 ? b.assetQueue[asset]! : -1,
      decisions,
    );
    drawHandOvers(type, rng, c);
    return c;
  }

  /**
   * A simulated customer arrives: their plan (patience, messages), the conversation's plan, then
   * their first message (the shell opens the conversation with it).
   */
  arrive(
    index: number,
    asset: number,
    identity: CustomerIdentity,
    now: number,
    customerRng: Random,
    handlingRng: Random,
    /** A re-contact: the customer's contact before (same identity and asset). */
    previous: CustomerMind | null = null,
    /** The conversation's keyed agent-decision streams. */
    decisions: DecisionStreams | null = null,
  ): CustomerMind {
    const customers = this.customers;
    if (customers === null) throw new Error('behaviour: this model runs no customers');
    const customer = customerMind(index, asset, identity, customerRng, now);
    if (previous !== null) {
      customer.previous = previous;
      customer.attempt = previous.attempt + 1;
      customer.abandonsBefore = previous.abandonsBefore + (previous.abandoned ? 1 : 0);
    }
    // The conversation first: its contact type is the customer's. (Separate streams: the order
    // of the two draws changes no number.)
    customer.conversation = this.conversation(index, handlingRng, customer, asset, decisions);
    customers.plan(customer);
    customers.firstMessage(customer);
    return customer;
  }

  // --- what an agent's desktop shows ----------------------------------------------------------

  /** `queueName`: the queue the popover shows, which decides the contact type of the leg. */
  offered(agent: AgentMind, c: ConversationMind, kind: OfferKind, queueName?: string): void {
    this.agents.offered(agent, c, kind, queueName);
  }

  offerRevoked(agent: AgentMind, c: ConversationMind): void {
    this.agents.offerRevoked(agent, c);
  }

  accepted(
    agent: AgentMind,
    c: ConversationMind,
    customerMessages: number,
    agentMessages: number,
  ): void {
    this.agents.accepted(agent, c, customerMessages, agentMessages);
  }

  /** A customer message shows on an agent's desktop. */
  customerMessage(agent: AgentMind, c: ConversationMind): void {
    this.handling.customerMessage(c, agent);
  }

  interrupted(agent: AgentMind, c: ConversationMind): void {
    this.handling.interrupted(c, agent);
  }

  /** The owner's desktop says the conference is over, or that its invitation failed. */
  conferenceOver(c: ConversationMind): void {
    this.handling.conferenceOver(c);
  }

  wrapUpRequired(agent: AgentMind, c: ConversationMind): void {
    this.agents.wrapUpRequired(agent, c);
  }

  wrapUpDone(agent: AgentMind, c: ConversationMind): void {
    this.agents.wrapUpDone(agent, c);
  }

  statusShown(agent: AgentMind, status: AgentStatus, idleCode: string | null): void {
    this.agents.statusShown(agent, status, idleCode);
  }

  /**
   * The answer to a transfer, conference or end-conference request about `c`: accepted, or
   * refused with the router's error `code`.
   */
  answered(c: ConversationMind, ok: boolean, code?: string): void {
    this.handling.answered(c, ok, code);
  }

  /** The available-agents list the owner of `c` asked for (null: the request failed). */
  agentsListed(c: ConversationMind, list: readonly ListedAgent[] | null): void {
    this.handling.agentsListed(c, list);
  }

  /** The customer side has news for a conversation (the load replayer's trace). */
  customerNews(c: ConversationMind): void {
    this.handling.customerNews(c);
  }

  shiftChange(members: readonly AgentMind[], want: number): void {
    this.agents.shiftChange(members, want);
  }

  /** A scheduled break of the group `members` is due; false when nobody could take it. */
  breakDue(members: readonly AgentMind[], durationMs: number, idleCode: string): boolean {
    return this.agents.startBreak(members, durationMs, idleCode);
  }

  // --- what a customer sees -------------------------------------------------------------------

  replyReceived(customer: CustomerMind): void {
    this.customers?.replyReceived(customer);
  }

  /** The conversation's record is final (the customer may decide to write again: `recontact`). */
  closed(customer: CustomerMind, record?: ConversationRecord): void {
    this.customers?.closed(customer, record);
  }

  // --- time -----------------------------------------------------------------------------------

  /** A wake a mind asked for is due. */
  wake(kind: number, subject: object): void {
    switch (kind) {
      case WAKE_ACCEPT:
        this.agents.acceptWake(subject as AgentSlot);
        return;
      case WAKE_WRAP_UP:
        this.agents.wrapUpWake(subject as AgentSlot);
        return;
      case WAKE_OWNER:
        this.handling.ownerWake(subject as ConversationMind);
        return;
      case WAKE_FOLLOW_UP:
        this.customers!.followUpWake(subject as CustomerMind);
        return;
      case WAKE_PATIENCE:
        this.customers!.patienceWake(subject as CustomerMind);
        return;
      case WAKE_CONSULT_DONE:
        this.handling.consultWake(subject as ConversationMind);
        return;
      case WAKE_RONA_RETURN:
        this.agents.ronaReturnWake(subject as AgentMind);
        return;
      case WAKE_RONA_IDLE:
        this.agents.ronaIdleWake(subject as AgentMind);
        return;
      case WAKE_LOGOUT:
        this.agents.logoutWake(subject as AgentMind);
        return;
      case WAKE_BREAK_END:
        this.agents.breakEndWake(subject as AgentMind);
        return;
      default:
        throw new RangeError(`unknown wake ${kind}`);
    }
  }
}
