import type { QueueRuntime } from './state.js';

/**
 * The queues that hold work and have a ready agent (one of their own or an overflow rule's): the
 * only ones that can put forward a candidate, so dispatch looks at these and not at every queue.
 * Kept in step whenever a queue gains its first item or loses its last, and whenever its count of
 * ready agents leaves or reaches zero. Unordered (removal swaps in the last): dispatch breaks ties
 * by the queue's place in the tenant, as a scan in tenant order would.
 */
export class ActiveQueues {
  readonly list: QueueRuntime[] = [];

  /** Adds or removes `queue` after its items or its ready agents changed. */
  update(queue: QueueRuntime): void {
    const active = queue.items.size > 0 && queue.readyAgents > 0;
    const at = queue.activeAt;
    if (active === (at !== -1)) return;
    const list = this.list;
    if (active) {
      queue.activeAt = list.length;
      list.push(queue);
      return;
    }
    const last = list.pop()!;
    if (last !== queue) {
      list[at] = last;
      last.activeAt = at;
    }
    queue.activeAt = -1;
  }
}
