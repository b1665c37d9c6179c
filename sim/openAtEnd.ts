import type { Router } from '../src/core/index.js';

/** A conversation still open when a replication's drain ended: it has no record, so no KPI. */
export interface OpenAtEnd {
  readonly conversationId: string;
  readonly queue: string;
  /** Milliseconds since the horizon start. */
  readonly arrivedAtMs: number;
  /** `queued`, `offered`, `active` or `ended` (waiting for a wrap-up). */
  readonly status: string;
}

/** How many of a replication's open conversations it keeps by name: enough to look one up. */
export const OPEN_NAMED = 5;

/**
 * The conversations open at the end, the earliest arrivals first (the ones most surely stuck),
 * at most OPEN_NAMED; the count is `counts.inSystem`. Read through the router's public overview,
 * and only when something is open, so a run that drains costs nothing here.
 */
export function openAtEnd(router: Router): OpenAtEnd[] {
  if (router.openConversationCount() === 0) return [];
  return router
    .conversationOverviews()
    .sort((a, b) => a.arrivedAt - b.arrivedAt || (a.conversationId < b.conversationId ? -1 : 1))
    .slice(0, OPEN_NAMED)
    .map((c) => ({
      conversationId: c.conversationId,
      queue: c.queueId,
      arrivedAtMs: c.arrivedAt,
      status: c.status,
    }));
}
