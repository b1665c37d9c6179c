/**
 * Which waiting work is offered next: an ordering of candidates by a key that an index can keep
 * sorted (issue 13 replaces the router's scans with heaps on it). Pure.
 *
 * Each queue puts forward its candidate: the first item in queue order (oldest first; an offer
 * not accepted keeps its place at the head) that some ready agent can take, with the best skill
 * rank among those agents. The work order then picks among the queues' candidates, and the
 * routing policy (routingPolicy.ts) among the agents of that best rank.
 */
export interface WorkKey {
  /**
   * The best skill rank among the ready agents that can take the item: 0 when it is primary work
   * for one of them, 1 when only secondary (a secondary skill or an overflow rule).
   */
  readonly skillRank: number;
  /** The queue's priority: higher first. */
  readonly priority: number;
  /** The item's place in its queue: when it joined it (kept when an offer comes back). */
  readonly queuedAt: number;
}

/**
 * A total preorder of candidates: negative when `a` goes before `b`. Candidates that tie keep the
 * tenant's queue order.
 */
export type WorkOrder = (a: WorkKey, b: WorkKey) => number;

export const SKILL_RANK = { primary: 0, secondary: 1 } as const;

/** Work taken through an overflow rule is secondary work for the agent who takes it. */
export const OVERFLOW_RANK = SKILL_RANK.secondary;

/**
 * Primary work before secondary work, then the higher queue priority, then the longest waiting.
 * With no skills and no priorities this is longest-waiting across queues, the router's rule
 * before skills and priorities existed.
 */
export const skillThenPriority: WorkOrder = (a, b) => {
  if (a.skillRank !== b.skillRank) return a.skillRank - b.skillRank;
  if (a.priority !== b.priority) return b.priority - a.priority;
  return a.queuedAt - b.queuedAt;
};
