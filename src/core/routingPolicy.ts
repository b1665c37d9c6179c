/**
 * Routing policies: which eligible agent gets the next offer. Pure orderings over a minimal view
 * of the agents, so that a planner can add and compare policies without touching the router, and
 * so that an index (a heap of ready agents) can keep agents sorted by them.
 *
 * Eligible means: status Available, serves the queue (or may take it by overflow), has a free
 * capacity slot, is not already in the conversation, and has the best skill rank for it among the
 * ready agents (see workOrder.ts). The router filters; a policy only orders.
 */
export interface RoutableAgent {
  /** Position in the tenant's agent list; the final tie-breaker, so choices are deterministic. */
  readonly index: number;
  /**
   * When the agent last became ready for work: the later of becoming Available and receiving
   * its last offer. Freeing a slot does not reset it.
   */
  readonly readySince: number;
  /** Slots held: pending offers, active conversations and pending wrap-ups. */
  readonly engaged: number;
  readonly capacity: number;
}

/**
 * A total order of agents: negative when `a` gets the offer before `b`. Every policy ends on
 * `index`, so no two agents tie.
 */
export type RoutingPolicy = (a: RoutableAgent, b: RoutableAgent) => number;

/**
 * Longest-waiting agent first: the smallest `readySince`; ties go to the agent listed first in
 * the tenant. This is the default ACD rule for voice, applied per offer.
 */
export const longestWaiting: RoutingPolicy = (a, b) =>
  a.readySince !== b.readySince ? a.readySince - b.readySince : a.index - b.index;

/**
 * Least-loaded agent first (smallest share of capacity in use), then longest waiting. Spreads
 * chats evenly over agents with several slots instead of filling the longest-waiting one.
 */
export const leastLoaded: RoutingPolicy = (a, b) => {
  // Cross-multiplied: engaged/capacity compared without rounding.
  const load = a.engaged * b.capacity - b.engaged * a.capacity;
  return load !== 0 ? load : longestWaiting(a, b);
};

/** The position in `eligible` (never empty) of the agent `policy` puts first. */
export function chooseAgent(policy: RoutingPolicy, eligible: readonly RoutableAgent[]): number {
  let best = 0;
  for (let i = 1; i < eligible.length; i++) {
    if (policy(eligible[i]!, eligible[best]!) < 0) best = i;
  }
  return best;
}

export const routingPolicies = {
  'longest-waiting': longestWaiting,
  'least-loaded': leastLoaded,
} as const satisfies Record<string, RoutingPolicy>;

export type RoutingPolicyName = keyof typeof routingPolicies;
