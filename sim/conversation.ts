import type { CustomerIdentity } from '../src/core/index.js';
import type { Random } from '../src/scenario/random.js';
import type { SimAgent } from './agent.js';

/**
 * The simulator's side of one conversation: what the customer will do (drawn at arrival from the
 * conversation's own stream, so that a run with other staffing sees the same customer) and which
 * of the owner's and the consulted agent's next steps are scheduled. The router keeps the truth
 * about the conversation; this keeps the intentions.
 */
export class SimConversation {
  /** The router's conversation id. */
  id = '';
  /** Draws for this conversation only, in the order of its course: patience, plan, times, texts. */
  readonly rng: Random;
  readonly index: number;
  readonly asset: number;
  readonly customer: CustomerIdentity;
  readonly arrivedAt: number;

  patienceHandle = -1;
  /** A follow-up customer message on its way. */
  messageHandle = -1;
  /** Customer messages the customer will send in all, and has sent. */
  messages = 1;
  sent = 0;
  /** Agent replies delivered. */
  replied = 0;

  owner: SimAgent | null = null;
  /** Owner legs so far: 1 while the agent who answered first holds it. */
  legs = 0;
  ownerHandle = -1;
  /** Dialogue: what the scheduled owner step is (OWNER_REPLY or OWNER_END). */
  ownerStep = 0;
  /** Handle-time model: when the owner transfers, starts a conference, ends (NaN: not planned). */
  tTransfer = Number.NaN;
  tConference = Number.NaN;
  tEnd = Number.NaN;
  /** Dialogue model: after which reply the owner transfers / starts a conference (-1: never). */
  kTransfer = -1;
  kConference = -1;

  /** The plan for the first owner: a target index, or -1 for none. */
  transferTarget = -1;
  conferenceTarget = -1;
  conferenceMs = 0;
  ownerEndsConference = false;

  consulted: SimAgent | null = null;
  consultHandle = -1;
  interrupted = false;

  constructor(
    index: number,
    asset: number,
    customer: CustomerIdentity,
    rng: Random,
    arrivedAt: number,
  ) {
    this.index = index;
    this.asset = asset;
    this.customer = customer;
    this.rng = rng;
    this.arrivedAt = arrivedAt;
  }
}

export const OWNER_REPLY = 1;
export const OWNER_END = 2;
