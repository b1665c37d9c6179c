import { longestWaiting, type RoutingPolicy } from './routingPolicy.js';
import type { AgentRuntime } from './state.js';

/**
 * Work counters of the routing index, so that a test can show what an offer costs as the center
 * grows (counted, never timed). Plain increments on the hot path: cheaper than any switch to
 * turn them off.
 */
export interface RoutingWork {
  /** Agents checked against a conversation: can this one take it? */
  examined: number;
  /** Routing-policy comparisons: keeping heaps in order, and choosing among heap tops. */
  compared: number;
  /** Queue candidates computed by dispatch. */
  queues: number;
}

export function newRoutingWork(): RoutingWork {
  return { examined: 0, compared: 0, queues: 0 };
}

/**
 * The ready agents of one agent list (a queue's agents of one skill rank, or one overflow rule's
 * agents), in a binary heap ordered by the routing policy, indexed so that an agent whose key
 * changed (readySince, engaged) moves in O(log n) and one that stops being ready leaves in
 * O(log n). Members are numbered by their place in the list; the list never changes.
 *
 * The policy's first agent is at the top. Only an agent already in the conversation is passed
 * over (`bestFor`), and such agents are few (its participants), so choosing costs O(1) in all but
 * those cases, and never a scan of the list.
 */
export class ReadyHeap {
  /** Member numbers in heap order, in `order[0, size)`. */
  private readonly order: Int32Array;
  /** A member's place in `order`, -1 while it is not ready. */
  private readonly at: Int32Array;
  /**
   * Under longest-waiting only: the readySince of the member at each place of `order`, read when
   * it is placed. Sifting then compares contiguous numbers instead of loading agents scattered
   * over the heap, which at 14,000 agents was most of the cost of `down` (cache misses). A key
   * read at `place` stays right because refreshReady runs right after readySince changes.
   */
  private readonly since: Float64Array | null;
  /** Scratch for `bestFor`'s walk below a top that cannot take the conversation. */
  private stack: Int32Array | null = null;
  private count = 0;

  constructor(
    private readonly policy: RoutingPolicy,
    readonly members: readonly AgentRuntime[],
    private readonly work: RoutingWork,
  ) {
    this.order = new Int32Array(members.length);
    this.at = new Int32Array(members.length).fill(-1);
    this.since = policy === longestWaiting ? new Float64Array(members.length) : null;
  }

  get size(): number {
    return this.count;
  }

  has(member: number): boolean {
    return this.at[member]! !== -1;
  }

  /** Adds member `member`, or puts it back in order after its key changed. */
  place(member: number): void {
    let p = this.at[member]!;
    if (p === -1) {
      p = this.count++;
      this.order[p] = member;
      this.at[member] = p;
    }
    if (this.since !== null) this.since[p] = this.members[member]!.readySince;
    this.sift(p);
  }

  remove(member: number): void {
    const p = this.at[member]!;
    if (p === -1) return;
    this.at[member] = -1;
    const last = this.order[--this.count]!;
    if (p === this.count) return;
    this.order[p] = last;
    this.at[last] = p;
    if (this.since !== null) this.since[p] = this.since[this.count]!;
    this.sift(p);
  }

  /** Moves the member at `p` up or down to its place (a member at the end has nothing below). */
  private sift(p: number): void {
    if (this.since !== null) {
      if (!this.upBySince(p)) this.downBySince(p);
    } else if (!this.up(p)) this.down(p);
  }

  /**
   * The policy's first ready member that can take conversation `conversationId`, or undefined.
   * Below a member that can take it everything comes later in policy order, so the walk opens
   * only the children of members that cannot: at most 2k + 1 members for k of them.
   */
  bestFor(conversationId: string): AgentRuntime | undefined {
    if (this.count === 0) return undefined;
    const members = this.members;
    const order = this.order;
    const top = members[order[0]!]!;
    this.work.examined++;
    if (canTake(top, conversationId)) return top;
    let stack = this.stack;
    if (stack === null) stack = this.stack = new Int32Array(members.length);
    let sp = 0;
    let best: AgentRuntime | undefined;
    if (this.count > 1) stack[sp++] = 1;
    if (this.count > 2) stack[sp++] = 2;
    while (sp > 0) {
      const p = stack[--sp]!;
      const agent = members[order[p]!]!;
      this.work.examined++;
      if (canTake(agent, conversationId)) {
        if (best === undefined || this.before(agent, best)) best = agent;
        continue;
      }
      const child = 2 * p + 1;
      if (child < this.count) stack[sp++] = child;
      if (child + 1 < this.count) stack[sp++] = child + 1;
    }
    return best;
  }

  /** Whether every member is after its parent in policy order (for checkInvariants). */
  isOrdered(): boolean {
    for (let p = 1; p < this.count; p++) {
      if (this.before(this.agentAt(p), this.agentAt((p - 1) >> 1))) return false;
    }
    return true;
  }

  /** Whether `a` gets an offer before `b`. */
  before(a: AgentRuntime, b: AgentRuntime): boolean {
    this.work.compared++;
    return this.policy(a, b) < 0;
  }

  private agentAt(p: number): AgentRuntime {
    return this.members[this.order[p]!]!;
  }

  /** Moves the member at `p` up to its place; whether it moved. */
  private up(p: number): boolean {
    const order = this.order;
    const member = order[p]!;
    const agent = this.members[member]!;
    const start = p;
    while (p > 0) {
      const parent = (p - 1) >> 1;
      const above = order[parent]!;
      if (!this.before(agent, this.members[above]!)) break;
      order[p] = above;
      this.at[above] = p;
      p = parent;
    }
    if (p === start) return false;
    order[p] = member;
    this.at[member] = p;
    return true;
  }

  /** `up` under longest-waiting, on the keys in `since` (counted as `before` counts). */
  private upBySince(p: number): boolean {
    const order = this.order;
    const at = this.at;
    const since = this.since!;
    const work = this.work;
    const member = order[p]!;
    const key = since[p]!;
    const start = p;
    while (p > 0) {
      const parent = (p - 1) >> 1;
      const above = order[parent]!;
      const aboveKey = since[parent]!;
      work.compared++;
      if (!earlier(key, member, aboveKey, above)) break;
      order[p] = above;
      since[p] = aboveKey;
      at[above] = p;
      p = parent;
    }
    if (p === start) return false;
    this.settle(p, member, key);
    return true;
  }

  /** `down` under longest-waiting, on the keys in `since` (counted as `before` counts). */
  private downBySince(p: number): void {
    const order = this.order;
    const at = this.at;
    const since = this.since!;
    const work = this.work;
    const member = order[p]!;
    const key = since[p]!;
    const n = this.count;
    for (;;) {
      let child = 2 * p + 1;
      if (child >= n) break;
      let below = order[child]!;
      let belowKey = since[child]!;
      if (child + 1 < n) {
        const right = order[child + 1]!;
        const rightKey = since[child + 1]!;
        work.compared++;
        if (earlier(rightKey, right, belowKey, below)) {
          child++;
          below = right;
          belowKey = rightKey;
        }
      }
      work.compared++;
      if (!earlier(belowKey, below, key, member)) break;
      order[p] = below;
      since[p] = belowKey;
      at[below] = p;
      p = child;
    }
    this.settle(p, member, key);
  }

  /** Puts `member`, whose ready-since is `key`, at heap position `p`. */
  private settle(p: number, member: number, key: number): void {
    this.order[p] = member;
    this.since![p] = key;
    this.at[member] = p;
  }

  private down(p: number): void {
    const order = this.order;
    const member = order[p]!;
    const agent = this.members[member]!;
    const n = this.count;
    for (;;) {
      let child = 2 * p + 1;
      if (child >= n) break;
      if (child + 1 < n && this.before(this.agentAt(child + 1), this.agentAt(child))) child++;
      const below = order[child]!;
      if (!this.before(this.members[below]!, agent)) break;
      order[p] = below;
      this.at[below] = p;
      p = child;
    }
    order[p] = member;
    this.at[member] = p;
  }
}

/**
 * Longest-waiting on the keys in `since`: the earlier ready-since first, then the lower member
 * number (members are numbered in tenant order, as the policy's tie-break on `index`).
 */
function earlier(key: number, member: number, otherKey: number, other: number): boolean {
  return key < otherKey || (key === otherKey && member < other);
}

/**
 * Whether a ready agent can take conversation `conversationId`: not when it is already in it,
 * was offered it, or owes a wrap-up for it.
 */
export function canTake(agent: AgentRuntime, conversationId: string): boolean {
  // An agent that holds nothing cannot be in this conversation: skip the lookups.
  return (
    agent.engaged === 0 ||
    !(
      agent.offers.has(conversationId) ||
      agent.active.has(conversationId) ||
      agent.wrapUps.has(conversationId)
    )
  );
}
