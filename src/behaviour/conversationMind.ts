import type { Target } from '../core/commands.js';
import type { ContactType } from '../scenario/behaviour.js';
import type { Random } from '../scenario/random.js';
import type { AgentMind } from './agentMind.js';
import type { CustomerMind } from './customerMind.js';
import type { FirstOwnerSchedule } from './planning.js';
import type { DecisionStreams } from './streams.js';
import { NO_WAKE } from './wakes.js';

/** Dialogue: what the owner's scheduled step is. */
export const OWNER_REPLY = 1;
export const OWNER_END = 2;

/** A hand-over request of the owner in flight (its answer decides the next step). */
export const REQUEST_NONE = 0;
/** The available-agents list, to pick a conference target from. */
export const REQUEST_CONFERENCE_TARGET = 1;
export const REQUEST_CONFERENCE = 2;
/** The available-agents list, to pick a transfer target from. */
export const REQUEST_TRANSFER_TARGET = 3;
/** Ending the conference, which a transfer needs first. */
export const REQUEST_END_CONFERENCE = 4;
export const REQUEST_TRANSFER = 5;

/**
 * One conversation as its agents handle it: who owns it and who is consulted, how many customer
 * messages the owner was shown and how many replies went out, and the plan the first owner
 * follows (drawn once). The router holds the truth about the conversation; this holds the
 * agents' intentions. Draws that belong to the conversation's handling (the plan, handle, reply
 * and close times, reply texts) come from its own stream, so they stay with the customer when
 * staffing changes and are the same in the simulator and the load replayer.
 */
export class ConversationMind implements FirstOwnerSchedule {
  /** The router's conversation id ('' until the router opened it). */
  id = '';
  owner: AgentMind | null = null;
  /** Owner legs so far: 1 while the agent who answered first holds it. */
  legs = 0;
  ownerWake = NO_WAKE;
  /** Dialogue: what the scheduled owner step is (OWNER_REPLY or OWNER_END). */
  ownerStep = 0;
  consulted: AgentMind | null = null;
  consultWake = NO_WAKE;
  /** A conference invitation is out or a consulted agent is in. */
  conferencing = false;
  /** Customer messages the owner's desktop showed, and agent replies sent. */
  customerMessages = 0;
  replied = 0;
  interrupted = false;
  /** The owner's hand-over request in flight (REQUEST_*), and its target once chosen. */
  request = REQUEST_NONE;
  target: Target | null = null;
  /** The owner's step fell due while a request was in flight: take it when the answer comes. */
  stepDue = false;
  /** The agent group whose available agents the owner asked for. */
  listedGroup = -1;
  /** Fresh lists asked for in this hand-over after a refused agent target (`MAX_RELISTS`). */
  relists = 0;

  transferTarget = -1;
  conferenceTarget = -1;
  conferenceMs = 0;
  ownerEndsConference = false;
  kTransfer = -1;
  kConference = -1;
  tEnd = Number.NaN;
  tTransfer = Number.NaN;
  tConference = Number.NaN;
  /**
   * The contact type the current owner's leg is handled as (the arrival's, or the queue's it was
   * offered from), and the owner's group × queue handle-time factor.
   */
  leg: ContactType;
  legFactor = 1;
  /**
   * The concurrency slow-down the owner's planned work was last planned at, and (dialogue) when
   * the reply being written is due: `dynamicSlowdown.ts` stretches it when the load changes.
   */
  plannedSlowdown = 1;
  ownerDue = Number.NaN;
  /** Offers of it the agents' desktops showed so far: the next offer's number. */
  offersMade = 0;

  constructor(
    /** The customer's arrival index in the replication; -1 when not known. */
    readonly arrival: number,
    /** Draws of the conversation's handling. */
    readonly rng: Random,
    /** The customer, where the shell simulates it (the simulator); null when it replays one. */
    readonly customer: CustomerMind | null,
    /** Its contact type, fixed at arrival by the asset: the customer's side and the plan. */
    readonly type: ContactType,
    /** The queue it arrived in (its index in the scenario); -1 when not known. */
    readonly queue: number,
    /**
     * Its agents' offer and wrap-up draws, keyed by conversation (`ConversationStreams.decisions`);
     * null: the agents' own streams, in event order (a conversation the shell cannot key).
     */
    readonly decisions: DecisionStreams | null = null,
  ) {
    this.leg = type;
  }
}
