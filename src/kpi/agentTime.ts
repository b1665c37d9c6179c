import type { AgentStateRecord, ConversationRecord } from '../core/index.js';
import { KpiError } from './kpiError.js';
import { type Change, type StepFunction, stepFromChanges } from './stepFunction.js';

/**
 * Agent time as step functions summed over agents (ms-weighted integrals give agent-ms):
 * - `staffedAgents`: agents that are staffed: logged in (status other than LoggedOut) or holding
 *   a slot. The router does not let an agent with conversations log out, so the second part only
 *   matters when agent-state records are missing (e.g. a live run that lost some);
 * - `staffedSlots`: capacity of the staffed agents;
 * - `busySlots`: slots in use, capped at each agent's capacity. A slot is in use from a leg's
 *   offeredAt to its wrapUpAt (offer, conversation, wrap-up). Offers that were never accepted
 *   (RONA, withdrawn, abandoned while offered) leave no leg, so their slot time is not counted;
 * - `busyAgents`: staffed agents with at least one slot in use.
 */
export interface AgentTime {
  readonly staffedAgents: StepFunction;
  readonly staffedSlots: StepFunction;
  readonly busySlots: StepFunction;
  readonly busyAgents: StepFunction;
}

interface AgentEvent {
  readonly at: number;
  /** Change of slots in use, or 0 for a status change. */
  readonly busyDelta: number;
  /** For a status change: logged in afterwards; null for a slot change. */
  readonly loggedIn: boolean | null;
}

export function agentTime(
  records: readonly ConversationRecord[],
  agentStates: readonly AgentStateRecord[],
  agentCapacity: Readonly<Record<string, number>>,
): AgentTime {
  const events = new Map<string, AgentEvent[]>();
  const eventsOf = (agentId: string): AgentEvent[] => {
    let list = events.get(agentId);
    if (!list) {
      if (!Object.hasOwn(agentCapacity, agentId)) {
        throw new KpiError('KPI_UNKNOWN_AGENT', `agent "${agentId}" has no entry in agentCapacity`);
      }
      list = [];
      events.set(agentId, list);
    }
    return list;
  };
  for (const s of agentStates) {
    eventsOf(s.agentId).push({ at: s.at, busyDelta: 0, loggedIn: s.status !== 'LoggedOut' });
  }
  for (const r of records) {
    for (const leg of r.legs) {
      if (!(leg.wrapUpAt > leg.offeredAt)) continue;
      const list = eventsOf(leg.agentId);
      list.push({ at: leg.offeredAt, busyDelta: 1, loggedIn: null });
      list.push({ at: leg.wrapUpAt, busyDelta: -1, loggedIn: null });
    }
  }

  const staffedAgents: Change[] = [];
  const staffedSlots: Change[] = [];
  const busySlots: Change[] = [];
  const busyAgents: Change[] = [];
  for (const [agentId, list] of events) {
    const capacity = agentCapacity[agentId]!;
    // Stable: status changes at one instant apply in input order, so the last one wins.
    list.sort((a, b) => a.at - b.at);
    let busy = 0;
    let loggedIn = false;
    let prev = { staffed: 0, slots: 0, busySlots: 0, busyAgent: 0 };
    let i = 0;
    while (i < list.length) {
      const at = list[i]!.at;
      for (; i < list.length && list[i]!.at === at; i++) {
        const e = list[i]!;
        busy += e.busyDelta;
        if (e.loggedIn !== null) loggedIn = e.loggedIn;
      }
      const staffed = loggedIn || busy > 0 ? 1 : 0;
      const next = {
        staffed,
        slots: staffed * capacity,
        busySlots: Math.min(Math.max(busy, 0), capacity),
        busyAgent: busy > 0 ? 1 : 0,
      };
      push(staffedAgents, at, next.staffed - prev.staffed);
      push(staffedSlots, at, next.slots - prev.slots);
      push(busySlots, at, next.busySlots - prev.busySlots);
      push(busyAgents, at, next.busyAgent - prev.busyAgent);
      prev = next;
    }
  }
  return {
    staffedAgents: stepFromChanges(staffedAgents),
    staffedSlots: stepFromChanges(staffedSlots),
    busySlots: stepFromChanges(busySlots),
    busyAgents: stepFromChanges(busyAgents),
  };
}

function push(changes: Change[], at: number, delta: number): void {
  if (delta !== 0) changes.push({ at, delta });
}
