import type { AgentStatus } from '../core/records.js';
import type { ContactType } from '../scenario/behaviour.js';
import type { Random } from '../scenario/random.js';
import type { ConversationMind } from './conversationMind.js';
import { NO_WAKE } from './wakes.js';

export type OfferKind = 'route' | 'transfer' | 'conference';

/** Where a slot of an agent is in its life: offered, held, owing a wrap-up; gone once freed. */
export const SLOT_OFFERED = 0;
export const SLOT_ACTIVE = 1;
export const SLOT_WRAP_UP = 2;
export const SLOT_GONE = 3;

/**
 * One capacity slot of an agent, for one conversation, from the offer to the submitted wrap-up:
 * what the desktop shows of it and the agent's wake for it (the accept, then the wrap-up). Made by
 * `agentSlot`, an object literal for the reason `conversationMind` gives.
 */
export interface AgentSlot {
  readonly agent: AgentMind;
  readonly conversation: ConversationMind;
  readonly kind: OfferKind;
  stage: number;
  wake: number;
  /** The wrap-up reason (its index in the tenant's list), drawn when the wrap-up is due. */
  reason: number;
  /** What the agent handles it as: the contact type of the queue it was offered from. */
  type: ContactType;
  /** The agent's group × queue handle-time factor for it. */
  factor: number;
  /** The number of the conversation's offer that opened it (`ConversationMind.offersMade`). */
  readonly n: number;
}

export function agentSlot(
  agent: AgentMind,
  conversation: ConversationMind,
  kind: OfferKind,
): AgentSlot {
  return {
    agent,
    conversation,
    kind,
    stage: SLOT_OFFERED,
    wake: NO_WAKE,
    reason: -1,
    type: conversation.type,
    factor: 1,
    n: conversation.offersMade++,
  };
}

/**
 * Draws that belong to an agent, one stream per purpose, so that the order of one kind of event
 * (its offers, its wrap-ups, its RONAs) decides the draws of that kind only. Offers and wrap-ups
 * of a conversation with keyed streams (`ConversationMind.decisions`) draw from those instead.
 */
export interface AgentStreams {
  /** Missed or not, and the accept delay, per offer. */
  readonly offers: Random;
  /** Wrap-up time and reason, per wrap-up. */
  readonly wrapUps: Random;
  /** Back to Available or not, and after how long, per RONA. */
  readonly rona: Random;
}

/**
 * One agent as its desktop shows it (status, offers, conversations, wrap-ups) and what it
 * intends (its shift, its wakes). Both shells keep one per agent they run; the behaviour model
 * reads and changes it.
 */
export class AgentMind {
  status: AgentStatus = 'LoggedOut';
  idleCode: string | null = null;
  /** Slots held: offers, conversations (owner or consulted), pending wrap-ups. */
  offers = 0;
  active = 0;
  wrapUps = 0;
  /** The staffing plan wants this agent logged in. */
  onShift = false;
  /** Went Idle after RONA instead of coming back: first to go home at a staffing drop. */
  stuckIdle = false;
  /** The wake that brings it back from RONA. */
  ronaWake = NO_WAKE;
  /**
   * On a scheduled break: Idle with the break's code, taking no offers; the break's `breakMs`
   * run from when it holds nothing (`breakRunning`), then it is Available again.
   */
  onBreak = false;
  breakRunning = false;
  breakMs = 0;
  breakWake = NO_WAKE;
  /**
   * Its slots, at most `capacity`, in the order they were offered: the first in the mind itself,
   * the others in `more` (its first `slotsHeld - 1` entries, the rest cleared to `undefined`).
   * In a large center an agent is cold when its next conversation comes, and an array is two
   * more objects to fetch (the array and its elements): an agent of capacity one never reaches
   * it. Not pushed and popped: a pop to empty frees the backing store and the next push reserves
   * 17 entries again. Cleared, not cut, the array stays V8's packed kind (`new Array(n)` would
   * make it holey).
   */
  private slot0: AgentSlot | undefined = undefined;
  private readonly more: (AgentSlot | undefined)[] = [];
  private slotsHeld = 0;

  constructor(
    /** Position among all agents of the scenario (groups expanded in order). */
    readonly index: number,
    readonly id: string,
    /** Its agent group's position in the scenario. */
    readonly group: number,
    readonly capacity: number,
    readonly streams: AgentStreams,
  ) {}

  get held(): number {
    return this.offers + this.active + this.wrapUps;
  }

  /** Its slot for a conversation, if it holds one. */
  slotOf(conversation: ConversationMind): AgentSlot | undefined {
    if (this.slotsHeld === 0) return undefined;
    const first = this.slot0!;
    if (first.conversation === conversation) return first;
    const more = this.more;
    for (let i = 0; i < this.slotsHeld - 1; i++) {
      if (more[i]!.conversation === conversation) return more[i];
    }
    return undefined;
  }

  /** Its slot for the conversation with the router's id `id`, if it holds one. */
  slotOfId(id: string): AgentSlot | undefined {
    if (this.slotsHeld === 0) return undefined;
    const first = this.slot0!;
    if (first.conversation.id === id) return first;
    const more = this.more;
    for (let i = 0; i < this.slotsHeld - 1; i++) {
      if (more[i]!.conversation.id === id) return more[i];
    }
    return undefined;
  }

  holds(conversation: ConversationMind): boolean {
    return this.slotOf(conversation) !== undefined;
  }

  /** Every slot it holds (for checks). */
  get slotCount(): number {
    return this.slotsHeld;
  }

  /** Its i-th slot, in offer order (i < `slotCount`). */
  slotAt(i: number): AgentSlot {
    return i === 0 ? this.slot0! : this.more[i - 1]!;
  }

  addSlot(slot: AgentSlot): void {
    if (this.slotsHeld === 0) this.slot0 = slot;
    else this.more[this.slotsHeld - 1] = slot;
    this.slotsHeld++;
  }

  removeSlot(slot: AgentSlot): void {
    const held = this.slotsHeld;
    if (held === 0) return;
    const more = this.more;
    const last = held - 2;
    // Its place in `more`, -1 for the first slot.
    let i = -1;
    if (this.slot0 !== slot) {
      i = 0;
      while (i <= last && more[i] !== slot) i++;
      if (i > last) return;
    } else if (held === 1) {
      this.slot0 = undefined;
    } else {
      this.slot0 = more[0];
      i = 0;
    }
    // Shift the tail down: no array allocated, the offer order kept.
    if (i !== -1) {
      for (let j = i; j < last; j++) more[j] = more[j + 1];
      more[last] = undefined;
    }
    this.slotsHeld = held - 1;
    slot.stage = SLOT_GONE;
  }
}
