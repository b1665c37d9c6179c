import type { AgentStatus } from '../core/records.js';
import type { Behaviour } from '../scenario/behaviour.js';
import {
  type AgentMind,
  type AgentSlot,
  agentSlot,
  type OfferKind,
  SLOT_ACTIVE,
  SLOT_OFFERED,
  SLOT_WRAP_UP,
} from './agentMind.js';
import type { ConversationHandling } from './conversationHandling.js';
import type { ConversationMind } from './conversationMind.js';
import { heldChanged } from './dynamicSlowdown.js';
import { pick } from './planning.js';
import type { AgentPort } from './ports.js';
import { breakTaker, shiftChanges } from './shiftChanges.js';
import {
  NO_WAKE,
  WAKE_ACCEPT,
  WAKE_BREAK_END,
  WAKE_LOGOUT,
  WAKE_RONA_IDLE,
  WAKE_RONA_RETURN,
  WAKE_WRAP_UP,
} from './wakes.js';

/**
 * Agents as their desktops see them: an offer is accepted after an accept delay, or missed
 * (`missProbability`) so that the router's deadline puts the agent in RONA; after RONA the agent
 * comes back to Available after a delay (`ronaReturn.probability`) or stays Idle for the rest of
 * its shift; every conversation it leaves is wrapped up after a wrap-up time with a reason drawn
 * by weight. At every interval start each group gets the agents its staffing plan wants: agents
 * coming on log in as Available, agents going off become Idle with the end-of-shift idle code
 * (no new offers) and log out once they hold nothing. Offer and wrap-up draws come from the
 * conversation's keyed streams (the agent's own where it has none), RONA's from the agent's.
 * What an owner does with a conversation is `ConversationHandling`'s.
 */
export class AgentDecisions {
  /** The code the router gives an Idle state without one: the tenant's first, or none. */
  private readonly effectiveEndOfShiftCode: string | null;

  constructor(
    private readonly behaviour: Behaviour,
    private readonly port: AgentPort,
    private readonly handling: ConversationHandling,
    /** Called at a conversation's first answer (the customer stops waiting). */
    private readonly firstAnswer: (c: ConversationMind) => void,
  ) {
    const agent = behaviour.agent;
    this.effectiveEndOfShiftCode = agent.endOfShiftIdleCode ?? agent.defaultIdleCode;
  }

  offered(agent: AgentMind, c: ConversationMind, kind: OfferKind, queueName?: string): void {
    agent.offers++;
    const slot = agentSlot(agent, c, kind);
    if (this.behaviour.perQueue && queueName !== undefined) this.legOf(slot, agent, queueName);
    const behaviour = slot.type.agent;
    const keyed = c.decisions;
    const rng = keyed === null ? agent.streams.offers : keyed.offer(slot.n);
    const missed = behaviour.missProbability > 0 && rng.next() < behaviour.missProbability;
    if (!missed) slot.wake = this.port.wake(behaviour.acceptDelayMs(rng), WAKE_ACCEPT, slot);
    agent.addSlot(slot);
  }

  /**
   * What the offer will be handled as: the conversation's own type in the queue it arrived in,
   * else the type of the queue the popover shows (a transfer to billing is handled as billing);
   * and the handle-time factor of the agent's group on that queue.
   */
  private legOf(slot: AgentSlot, agent: AgentMind, queueName: string): void {
    const b = this.behaviour;
    const q = b.queueByName.get(queueName);
    if (q === undefined) return;
    if (q !== slot.conversation.queue) slot.type = b.contactTypes[b.queueContactType[q]!]!;
    const factors = b.groupQueueFactor;
    if (factors !== null) slot.factor = factors[agent.group * b.queueCount + q]!;
  }

  offerRevoked(agent: AgentMind, c: ConversationMind): void {
    agent.offers--;
    const slot = agent.slotOf(c);
    if (slot === undefined) return;
    if (slot.wake !== NO_WAKE) this.port.cancel(slot.wake);
    agent.removeSlot(slot);
    this.breakWhenFree(agent);
  }

  acceptWake(slot: AgentSlot): void {
    slot.wake = NO_WAKE;
    if (slot.stage !== SLOT_OFFERED) return;
    this.port.accept(slot.agent, slot.conversation);
  }

  /** The desktop shows the accepted conversation with its customer messages and agent replies. */
  accepted(
    agent: AgentMind,
    c: ConversationMind,
    customerMessages: number,
    agentMessages: number,
  ): void {
    let slot = agent.slotOf(c);
    if (slot === undefined) {
      // An offer this model did not see (a shell that joined late): the agent holds it now.
      slot = agentSlot(agent, c, 'route');
      agent.addSlot(slot);
    } else {
      agent.offers--;
    }
    agent.active++;
    slot.stage = SLOT_ACTIVE;
    if (slot.kind === 'conference') {
      this.handling.consultStart(c, agent);
    } else {
      if (c.legs === 0) this.firstAnswer(c);
      c.leg = slot.type;
      c.legFactor = slot.factor;
      this.handling.startLeg(c, agent, customerMessages, agentMessages);
    }
    if (this.behaviour.dynamicSlowdown) heldChanged(agent, this.behaviour, this.port);
  }

  wrapUpRequired(agent: AgentMind, c: ConversationMind): void {
    if (c.owner === agent) this.handling.ownerGone(c);
    else if (c.consulted === agent) this.handling.consultedGone(c);
    let slot = agent.slotOf(c);
    if (slot === undefined) {
      slot = agentSlot(agent, c, 'route');
      agent.addSlot(slot);
    } else {
      agent.active--;
      if (this.behaviour.dynamicSlowdown) heldChanged(agent, this.behaviour, this.port);
    }
    agent.wrapUps++;
    slot.stage = SLOT_WRAP_UP;
    // Time and reason together: the wrap-up stream's order is the order of wrap-ups.
    const behaviour = slot.type.agent;
    const keyed = c.decisions;
    const rng = keyed === null ? agent.streams.wrapUps : keyed.wrapUp(slot.n);
    const time = behaviour.wrapUpTimeMs(rng);
    slot.reason = pick(behaviour.wrapUpCumulative, rng.next());
    slot.wake = this.port.wake(time, WAKE_WRAP_UP, slot);
  }

  wrapUpWake(slot: AgentSlot): void {
    slot.wake = NO_WAKE;
    if (slot.stage !== SLOT_WRAP_UP) return;
    const reasonId = slot.type.agent.wrapUpReasons[slot.reason]!;
    this.port.wrapUp(slot.agent, slot.conversation, reasonId);
  }

  wrapUpDone(agent: AgentMind, c: ConversationMind): void {
    agent.wrapUps--;
    const slot = agent.slotOf(c);
    if (slot !== undefined) agent.removeSlot(slot);
    if (!agent.onShift && agent.held === 0 && agent.status !== 'LoggedOut') {
      this.port.wake(0, WAKE_LOGOUT, agent);
    }
    this.breakWhenFree(agent);
  }

  /** The desktop shows a new status. RONA (R4): back to Available after a delay, or Idle. */
  statusShown(agent: AgentMind, status: AgentStatus, idleCode: string | null): void {
    agent.status = status;
    agent.idleCode = idleCode;
    if (status !== 'RONA' || !agent.onShift) return;
    const behaviour = this.behaviour.agent;
    const rng = agent.streams.rona;
    if (rng.next() < behaviour.ronaReturnProbability) {
      agent.ronaWake = this.port.wake(behaviour.ronaReturnDelayMs(rng), WAKE_RONA_RETURN, agent);
    } else {
      agent.ronaWake = NO_WAKE;
      this.port.wake(0, WAKE_RONA_IDLE, agent);
    }
  }

  ronaReturnWake(agent: AgentMind): void {
    agent.ronaWake = NO_WAKE;
    if (agent.status !== 'RONA' || !agent.onShift) return;
    this.port.setState(agent, 'Available', undefined);
  }

  ronaIdleWake(agent: AgentMind): void {
    agent.ronaWake = NO_WAKE;
    if (agent.status !== 'RONA') return;
    agent.stuckIdle = true;
    this.port.setState(agent, 'Idle', this.behaviour.agent.ronaIdleCode);
  }

  /** An agent whose shift is over finished its last wrap-up. */
  logoutWake(agent: AgentMind): void {
    if (agent.onShift || agent.held > 0 || agent.status === 'LoggedOut') return;
    this.port.setState(agent, 'LoggedOut', undefined);
  }

  /**
   * A staffing change: the group `members` should have `want` agents on shift
   * (`shiftChanges` chooses who comes on and who goes off).
   */
  shiftChange(members: readonly AgentMind[], want: number): void {
    const { comeOn, goOff } = shiftChanges(members, want, (a) => a.index);
    for (const agent of comeOn) this.comeOn(agent);
    for (const agent of goOff) this.goOff(agent);
  }

  /**
   * A scheduled break of the group `members` is due (`breakTaker` says who). The agent goes Idle
   * with the break's idle code at once, so the router offers it nothing new (Idle withdraws its
   * pending offers and keeps what it holds: src/core/handlers/agentState.ts), finishes its open
   * chats and wrap-ups, and only then starts the break's time: a desk's "break pending". False
   * when nobody can take it.
   */
  startBreak(members: readonly AgentMind[], durationMs: number, idleCode: string): boolean {
    const agent = breakTaker(members, (a) => a.index);
    if (agent === undefined) return false;
    if (agent.ronaWake !== NO_WAKE) this.port.cancel(agent.ronaWake);
    agent.ronaWake = NO_WAKE;
    agent.stuckIdle = false;
    agent.onBreak = true;
    agent.breakRunning = false;
    agent.breakMs = durationMs;
    if (agent.status !== 'Idle' || agent.idleCode !== idleCode) {
      this.port.setState(agent, 'Idle', idleCode);
    }
    this.breakWhenFree(agent);
    return true;
  }

  /** The break's time starts once the agent on it holds nothing. */
  private breakWhenFree(agent: AgentMind): void {
    if (!agent.onBreak || agent.breakRunning || agent.held > 0) return;
    agent.breakRunning = true;
    agent.breakWake = this.port.wake(agent.breakMs, WAKE_BREAK_END, agent);
  }

  breakEndWake(agent: AgentMind): void {
    agent.breakWake = NO_WAKE;
    if (!agent.onBreak || !agent.breakRunning) return;
    agent.onBreak = false;
    agent.breakRunning = false;
    if (agent.onShift && agent.status === 'Idle') this.port.setState(agent, 'Available', undefined);
  }

  private endBreak(agent: AgentMind): void {
    if (!agent.onBreak) return;
    if (agent.breakWake !== NO_WAKE) this.port.cancel(agent.breakWake);
    agent.breakWake = NO_WAKE;
    agent.onBreak = false;
    agent.breakRunning = false;
  }

  private comeOn(agent: AgentMind): void {
    agent.onShift = true;
    agent.stuckIdle = false;
    if (agent.status !== 'Available') this.port.setState(agent, 'Available', undefined);
  }

  private goOff(agent: AgentMind): void {
    agent.onShift = false;
    agent.stuckIdle = false;
    this.endBreak(agent);
    if (agent.ronaWake !== NO_WAKE) this.port.cancel(agent.ronaWake);
    agent.ronaWake = NO_WAKE;
    if (agent.held === 0) {
      if (agent.status !== 'LoggedOut') this.port.setState(agent, 'LoggedOut', undefined);
      return;
    }
    if (agent.status === 'Idle' && agent.idleCode === this.effectiveEndOfShiftCode) return;
    this.port.setState(agent, 'Idle', this.behaviour.agent.endOfShiftIdleCode);
  }
}
