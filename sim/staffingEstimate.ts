import { minimumAgents, type ServiceLevelDefinition } from '../src/analytic/index.js';
import { arrivalsPerInterval, meanOf, type Scenario, servedQueues } from '../src/scenario/index.js';

/**
 * The analytic starting point of the staffing search: per interval, the agents Erlang A (Erlang C
 * when customers never abandon) asks for, treating the interval as stationary and each of the
 * group's agents as `capacity` independent servers (slots). A slot is held for the whole of a
 * conversation — accept delay, handling, wrap-up — so that is the "handle time"; in the dialogue
 * model that includes the customer's think times between messages. Patience enters Erlang A as
 * an exponential with the scenario's mean. RONA, transfers, conferences, the concurrency
 * slow-down beyond one conversation and non-exponential times are what the simulation corrects.
 */
export interface StaffingTarget {
  /** Service level to reach, in (0, 1]. */
  readonly serviceLevel: number;
  /** T in seconds. */
  readonly thresholdSeconds: number;
  /** Greatest acceptable occupancy, in (0, 1]. */
  readonly maxOccupancy?: number | undefined;
}

export interface IntervalEstimate {
  /** Expected new conversations in the interval that reach the group's queues. */
  readonly offered: number;
  /** Seconds a conversation holds a slot. */
  readonly slotSeconds: number;
  readonly model: 'a' | 'c';
  readonly agents: number;
}

/** The queues a group serves (every queue when the group names none). */
export function groupQueues(scenario: Scenario, groupId: string): Set<string> {
  const group = scenario.tenant.agentGroups.find((g) => g.id === groupId);
  if (!group) throw new Error(`staffing: unknown agent group "${groupId}"`);
  return new Set(servedQueues(scenario, group).map((q) => q.queue));
}

/** Mean time a conversation holds a slot of its first owner, in seconds. */
export function slotSeconds(scenario: Scenario): number {
  const agent = scenario.behaviour.agent;
  const slowdown = agent.concurrencySlowdown[0] ?? 1;
  const handling = agent.handling;
  let busy: number;
  if (handling.model === 'handle-time') {
    busy = meanOf(handling.handleTime) * slowdown;
  } else {
    const messages = Math.max(1, meanOf(handling.messages));
    busy =
      messages * meanOf(handling.replyTime) * slowdown +
      (messages - 1) * meanOf(handling.thinkTime) +
      meanOf(handling.closeTime);
  }
  return meanOf(agent.acceptDelay) + busy + meanOf(agent.wrapUpTime);
}

function definitionOf(scenario: Scenario): ServiceLevelDefinition {
  switch (scenario.serviceLevel.definition) {
    case 'offered':
      return { kind: 'offered' };
    case 'offered-minus-short-abandons':
      return {
        kind: 'offered-minus-short-abandons',
        shortAbandonSeconds: scenario.behaviour.customer.shortAbandonSeconds,
      };
    case 'answered-plus-late-abandons':
      return { kind: 'answered-plus-late-abandons' };
  }
}

export function erlangEstimates(
  scenario: Scenario,
  groupId: string,
  target: StaffingTarget,
): IntervalEstimate[] {
  const queues = groupQueues(scenario, groupId);
  const group = scenario.tenant.agentGroups.find((g) => g.id === groupId)!;
  const capacity = group.capacity;
  const arrivals = arrivalsPerInterval(scenario);
  const assets = scenario.tenant.assets.filter((a) => queues.has(a.queue));
  const hold = slotSeconds(scenario);
  const patience = scenario.behaviour.customer.patience;
  const model = patience ? 'a' : 'c';
  const perHour = 60 / scenario.horizon.intervalMinutes;
  return Array.from({ length: scenario.horizon.intervals }, (_, i) => {
    const offered = assets.reduce((sum, a) => sum + (arrivals[a.id]?.[i] ?? 0), 0);
    if (offered <= 0 || hold <= 0) return { offered, slotSeconds: hold, model, agents: 0 };
    const base = {
      arrivalsPerHour: offered * perHour,
      ahtSeconds: hold,
      thresholdSeconds: target.thresholdSeconds,
    };
    let slots: number;
    try {
      slots = minimumAgents(
        patience
          ? {
              model: 'a',
              ...base,
              patienceSeconds: meanOf(patience),
              serviceLevelDefinition: definitionOf(scenario),
            }
          : { model: 'c', ...base },
        {
          serviceLevel: target.serviceLevel,
          ...(target.maxOccupancy !== undefined ? { maxOccupancy: target.maxOccupancy } : {}),
        },
      ).agents;
    } catch {
      // Unreachable analytically (e.g. a target of 1): start from the load and let the
      // simulation say.
      slots = Math.ceil((base.arrivalsPerHour / 3600) * hold) + 1;
    }
    return { offered, slotSeconds: hold, model, agents: Math.ceil(slots / capacity) };
  });
}
