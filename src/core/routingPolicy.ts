/**
 * Routing policies: which eligible agent gets the next offer. Pure functions over a minimal view
 * of the agents, so that a planner can add and compare policies without touching the router.
 *
 * Eligible means: status Available, serves the queue, has a free capacity slot, and (for a
 * conference request) is not already in the conversation. The router filters; a policy only
 * chooses.
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

/** Returns the position in `eligible` of the agent to offer to; `eligible` is never empty. */
export type RoutingPolicy = (eligible: readonly RoutableAgent[]) => number;

/**
 * Longest-waiting agent first: the smallest `readySince`; ties go to the agent listed first in
 * the tenant. This is the default ACD rule for voice, applied per offer.
 */
export const longestWaiting: RoutingPolicy = (eligible) => {
  let best = 0;
  for (let i = 1; i < eligible.length; i++) {
    const a = eligible[i]!;
    const b = eligible[best]!;
    if (a.readySince < b.readySince || (a.readySince === b.readySince && a.index < b.index)) {
      best = i;
    }
  }
  return best;
};

/**
 * Least-loaded agent first (smallest share of capacity in use), then longest waiting. Spreads
 * chats evenly over agents with several slots instead of filling the longest-waiting one.
 */
export const leastLoaded: RoutingPolicy = (eligible) => {
  let best = 0;
  for (let i = 1; i < eligible.length; i++) {
    const a = eligible[i]!;
    const b = eligible[best]!;
    const loadA = a.engaged * b.capacity;
    const loadB = b.engaged * a.capacity;
    if (
      loadA < loadB ||
      (loadA === loadB &&
        (a.readySince < b.readySince || (a.readySince === b.readySince && a.index < b.index)))
    ) {
      best = i;
    }
  }
  return best;
};

export const routingPolicies = {
  'longest-waiting': longestWaiting,
  'least-loaded': leastLoaded,
} as const satisfies Record<string, RoutingPolicy>;

export type RoutingPolicyName = keyof typeof routingPolicies;
