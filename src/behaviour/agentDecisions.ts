import type { AgentStatus } from '../core/records.js';
import type { Behaviour } from '../scenario/behaviour.js';
import {
  type AgentMind,
  AgentSlot,
  type OfferKind,
  SLOT_ACTIVE,
  SLOT_OFFERED,
  SLOT_WRAP_UP,
} from './agentMind.js';
import type { ConversationHandling } from './conversationHandling.js';
import type { ConversationMind } from './conversationMind.js';
import { pick } from './planning.js';
import type { AgentPort } from './ports.js';
import { shiftChanges } from './shiftChanges.js';
import {
  NO_WAKE,
  WAKE_ACCEPT,
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
 * (no new offers) and log out once they hold nothing. Draws come from the agent's own streams.
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

  offered(agent: AgentMind, c: ConversationMind, kind: OfferKind): void {
    agent.offers++;
    const slot = new AgentSlot(agent, c, kind);
    const behaviour = this.behaviour.agent;
    const rng = agent.streams.offers;
    const missed = behaviour.missProbability > 0 && rng.next() < behaviour.missProbability;
    if (!missed) slot.wake = this.port.wake(behaviour.acceptDelayMs(rng), WAKE_ACCEPT, slot);
    agent.addSlot(slot);
  }

  offerRevoked(agent: AgentMind, c: ConversationMind): void {
    agent.offers--;
    const slot = agent.slotOf(c);
    if (slot === undefined) return;
    if (slot.wake !== NO_WAKE) this.port.cancel(slot.wake);
    agent.removeSlot(slot);
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
      slot = new AgentSlot(agent, c, 'route');
      agent.addSlot(slot);
    } else {
      agent.offers--;
    }
    agent.active++;
    slot.stage = SLOT_ACTIVE;
    if (slot.kind === 'conference') {
      this.handling.consultStart(c, agent);
      return;
    }
    if (c.legs === 0) this.firstAnswer(c);
    this.handling.startLeg(c, agent, customerMessages, agentMessages);
  }

  wrapUpRequired(agent: AgentMind, c: ConversationMind): void {
    if (c.owner === agent) this.handling.ownerGone(c);
    else if (c.consulted === agent) this.handling.consultedGone(c);
    let slot = agent.slotOf(c);
    if (slot === undefined) {
      slot = new AgentSlot(agent, c, 'route');
      agent.addSlot(slot);
    } else {
      agent.active--;
    }
    agent.wrapUps++;
    slot.stage = SLOT_WRAP_UP;
    // Time and reason together: the wrap-up stream's order is the order of wrap-ups.
    const behaviour = this.behaviour.agent;
    const rng = agent.streams.wrapUps;
    const time = behaviour.wrapUpTimeMs(rng);
    slot.reason = pick(behaviour.wrapUpCumulative, rng.next());
    slot.wake = this.port.wake(time, WAKE_WRAP_UP, slot);
  }

  wrapUpWake(slot: AgentSlot): void {
    slot.wake = NO_WAKE;
    if (slot.stage !== SLOT_WRAP_UP) return;
    const reasonId = this.behaviour.agent.wrapUpReasons[slot.reason]!;
    this.port.wrapUp(slot.agent, slot.conversation, reasonId);
  }

  wrapUpDone(agent: AgentMind, c: ConversationMind): void {
    agent.wrapUps--;
    const slot = agent.slotOf(c);
    if (slot !== undefined) agent.removeSlot(slot);
    if (!agent.onShift && agent.held === 0 && agent.status !== 'LoggedOut') {
      this.port.wake(0, WAKE_LOGOUT, agent);
    }
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

  private comeOn(agent: AgentMind): void {
    agent.onShift = true;
    agent.stuckIdle = false;
    if (agent.status !== 'Available') this.port.setState(agent, 'Available', undefined);
  }

  private goOff(agent: AgentMind): void {
    agent.onShift = false;
    agent.stuckIdle = false;
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
