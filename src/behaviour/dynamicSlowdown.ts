import type { Behaviour } from '../scenario/behaviour.js';
import { type AgentMind, SLOT_ACTIVE } from './agentMind.js';
import { OWNER_REPLY } from './conversationMind.js';
import { type FirstOwnerSchedule, nextHandleTimeStep, slowdownFor } from './planning.js';
import type { AgentPort } from './ports.js';
import { NO_WAKE, WAKE_OWNER } from './wakes.js';

/**
 * The dynamic chat slow-down (`slowdownModel: dynamic`, the Erlang-chat literature's model): an
 * agent holding n conversations works on each at 1/slowdown(n) of its speed alone, and n changes
 * while the work goes on. So when n changes, the work still to do on every held conversation is
 * the same, but it now takes `ratio` = slowdown(n now) / slowdown(n it was planned at) as long:
 * each planned moment still ahead moves to now + (moment − now) × ratio. Moments already due stay.
 *
 * The rule only moves times, so both shells carry it out with the wakes they already have (the
 * simulator on its engine, the load replayer with timers); the draws are those of the plan.
 */
export function stretchFromNow(moment: number, now: number, ratio: number): number {
  // NaN (not planned) fails the comparison and stays NaN.
  return moment > now ? now + (moment - now) * ratio : moment;
}

/** Handle-time model: the end, transfer and conference moments still ahead, stretched. */
export function stretchHandleTime(c: FirstOwnerSchedule, now: number, ratio: number): void {
  c.tEnd = stretchFromNow(c.tEnd, now, ratio);
  c.tTransfer = stretchFromNow(c.tTransfer, now, ratio);
  c.tConference = stretchFromNow(c.tConference, now, ratio);
}

/**
 * The number of conversations `agent` holds (`active`) changed: every conversation it owns has
 * the rest of its planned work (handle-time model: end, transfer, conference; dialogue: the
 * reply being written; close times are not slowed down) stretched to the new slow-down, and its
 * wake moved. A conversation planned at the current slow-down is left as it is.
 */
export function heldChanged(agent: AgentMind, behaviour: Behaviour, port: AgentPort): void {
  const s = slowdownFor(behaviour.agent.slowdown, agent.active);
  const now = port.now();
  const n = agent.slotCount;
  for (let i = 0; i < n; i++) {
    const slot = agent.slotAt(i);
    const c = slot.conversation;
    if (slot.stage !== SLOT_ACTIVE || c.owner !== agent) continue;
    const ratio = s / c.plannedSlowdown;
    if (ratio === 1) continue;
    c.plannedSlowdown = s;
    if (behaviour.dialogue) {
      if (c.ownerStep !== OWNER_REPLY || c.ownerWake === NO_WAKE) continue;
      c.ownerDue = stretchFromNow(c.ownerDue, now, ratio);
      port.cancel(c.ownerWake);
      c.ownerWake = port.wakeAt(c.ownerDue, WAKE_OWNER, c);
    } else {
      stretchHandleTime(c, now, ratio);
      if (c.ownerWake === NO_WAKE) continue;
      port.cancel(c.ownerWake);
      c.ownerWake = port.wakeAt(nextHandleTimeStep(c), WAKE_OWNER, c);
    }
  }
}
