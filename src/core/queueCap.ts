import { fail, RouterErrorCode } from './context.js';
import type { RouterError } from './errors.js';
import type { RouterState } from './state.js';

/**
 * QUEUE_FULL when the queue holds as many entries as the tenant's `limits.maxQueueLength`
 * allows, so that a flood of new customers (or of transfers) cannot grow the router without bound.
 * Only new entries are checked: an offer that goes back to its queue had its place already.
 */
export function queueFull(state: RouterState, queueId: string): RouterError | undefined {
  const cap = state.tenant.limits?.maxQueueLength;
  if (cap === undefined) return undefined;
  const size = state.queues.get(queueId)!.items.size;
  if (size < cap) return undefined;
  return fail(
    RouterErrorCode.queueFull,
    `queue "${queueId}" holds ${size} waiting entries, its limit; retry later`,
  );
}
