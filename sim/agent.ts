import { type AgentStatus, SmallMap } from '../src/core/index.js';
import type { Random } from '../src/scenario/random.js';
import type { SimConversation } from './conversation.js';

/** An offer an agent has on its desktop and has not accepted yet. */
export interface PendingOffer {
  readonly conversation: SimConversation;
  readonly kind: 'route' | 'transfer' | 'conference';
  /** The scheduled accept, or -1 when the agent will miss it (RONA) or accepts at once. */
  handle: number;
  /** Still on the desktop: false once accepted or revoked (an immediate accept checks it). */
  live: boolean;
}

/**
 * The simulator's side of one agent: its status and slots as its desktop shows them (kept from
 * the router's effects, so the checker can compare them with the router's own), whether its
 * shift wants it logged in, and its own random stream (accept delay, misses, RONA return,
 * wrap-up).
 */
export class SimAgent {
  readonly index: number;
  readonly id: string;
  readonly group: number;
  readonly capacity: number;
  readonly rng: Random;

  status: AgentStatus = 'LoggedOut';
  idleCode: string | null = null;
  /** Slots held: offers, conversations (owner or consulted), pending wrap-ups. */
  offers = 0;
  active = 0;
  wrapUps = 0;
  /** By conversation id; at most `capacity` of them (a small map, see SmallMap). */
  readonly pending = new SmallMap<string, PendingOffer>();

  /** The staffing plan wants this agent logged in. */
  onShift = false;
  /** Went Idle after RONA instead of coming back: first to go home at a staffing drop. */
  stuckIdle = false;
  returnHandle = -1;

  constructor(index: number, id: string, group: number, capacity: number, rng: Random) {
    this.index = index;
    this.id = id;
    this.group = group;
    this.capacity = capacity;
    this.rng = rng;
  }

  get held(): number {
    return this.offers + this.active + this.wrapUps;
  }
}
