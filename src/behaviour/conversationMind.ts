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
 *
 * Made by `conversationMind`, as an object literal, not a class: see there.
 */
export interface ConversationMind extends FirstOwnerSchedule {
  /** The customer's arrival index in the replication; -1 when not known. */
  readonly arrival: number;
  /** Draws of the conversation's handling. */
  readonly rng: Random;
  /** The customer, where the shell simulates it (the simulator); null when it replays one. */
  readonly customer: CustomerMind | null;
  /** Its contact type, fixed at arrival by the asset: the customer's side and the plan. */
  readonly type: ContactType;
  /** The queue it arrived in (its index in the scenario); -1 when not known. */
  readonly queue: number;
  /**
   * Its agents' offer and wrap-up draws, keyed by conversation (`ConversationStreams.decisions`);
   * null: the agents' own streams, in event order (a conversation the shell cannot key).
   */
  readonly decisions: DecisionStreams | null;
  /** The router's conversation id ('' until the router opened it). */
  id: string;
  owner: AgentMind | null;
  /** Owner legs so far: 1 while the agent who answered first holds it. */
  legs: number;
  ownerWake: number;
  /** Dialogue: what the scheduled owner step is (OWNER_REPLY or OWNER_END). */
  ownerStep: number;
  consulted: AgentMind | null;
  consultWake: number;
  /** A conference invitation is out or a consulted agent is in. */
  conferencing: boolean;
  /** Customer messages the owner's desktop showed, and agent replies sent. */
  customerMessages: number;
  replied: number;
  interrupted: boolean;
  /** The owner's hand-over request in flight (REQUEST_*), and its target once chosen. */
  request: number;
  target: Target | null;
  /** The owner's step fell due while a request was in flight: take it when the answer comes. */
  stepDue: boolean;
  /** The agent group whose available agents the owner asked for. */
  listedGroup: number;
  /** Fresh lists asked for in this hand-over after a refused agent target (`MAX_RELISTS`). */
  relists: number;
  /**
   * The contact type the current owner's leg is handled as (the arrival's, or the queue's it was
   * offered from), and the owner's group × queue handle-time factor.
   */
  leg: ContactType;
  legFactor: number;
  /**
   * The concurrency slow-down the owner's planned work was last planned at, and (dialogue) when
   * the reply being written is due: `dynamicSlowdown.ts` stretches it when the load changes.
   */
  plannedSlowdown: number;
  ownerDue: number;
  /** Offers of it the agents' desktops showed so far: the next offer's number. */
  offersMade: number;
}

/**
 * A conversation's mind, before its plan is drawn. An object literal rather than `new` of a
 * class: V8 tracks an allocation site for each literal and, when nearly all of a site's objects
 * outlive a young-generation collection (in a large center every open conversation does), makes
 * that site allocate in the old generation directly, so the scavenger stops copying them twice.
 * It never does that for `new`. In a small center the objects die young and stay young.
 */
export function conversationMind(
  arrival: number,
  rng: Random,
  customer: CustomerMind | null,
  type: ContactType,
  queue: number,
  decisions: DecisionStreams | null = null,
): ConversationMind {
  return {
    arrival,
    rng,
    customer,
    type,
    queue,
    decisions,
    id: '',
    owner: null,
    legs: 0,
    ownerWake: NO_WAKE,
    ownerStep: 0,
    consulted: null,
    consultWake: NO_WAKE,
    conferencing: false,
    customerMessages: 0,
    replied: 0,
    interrupted: false,
    request: REQUEST_NONE,
    target: null,
    stepDue: false,
    listedGroup: -1,
    relists: 0,
    transferTarget: -1,
    conferenceTarget: -1,
    conferenceMs: 0,
    ownerEndsConference: false,
    kTransfer: -1,
    kConference: -1,
    tEnd: Number.NaN,
    tTransfer: Number.NaN,
    tConference: Number.NaN,
    leg: type,
    legFactor: 1,
    plannedSlowdown: 1,
    ownerDue: Number.NaN,
    offersMade: 0,
  };
}
