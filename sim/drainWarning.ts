import { clockMinutes, formatClock } from '../src/scenario/clock.js';
import type { Scenario } from '../src/scenario/index.js';
import type { OpenAtEnd } from './openAtEnd.js';

/** Something a run's numbers do not show and a planner must know (summary.json `warnings`). */
export interface SimulationWarning {
  /** Stable: what the warning is about. */
  readonly code: 'OPEN_AT_DRAIN_END';
  /** One paragraph, as the terminal and the HTML report print it. */
  readonly message: string;
  /** Conversations open at the end, summed over the replications. */
  readonly conversations: number;
  /** Replications that ended with any open. */
  readonly replications: number;
  /** Some of them by name, earliest arrivals of each replication first. */
  readonly examples: readonly (OpenAtEnd & {
    readonly replication: number;
    readonly arrivedAt: string;
  })[];
}

/** What the warning reads of one replication: its index, `counts.inSystem` and named opens. */
export interface DrainedReplication {
  readonly index: number;
  readonly inSystem: number;
  readonly open: readonly OpenAtEnd[];
}

/** Named in the message; the rest are in `examples`. */
const IN_MESSAGE = 3;

/**
 * The open-at-drain warning, or none: a conversation still open when the drain ends has no
 * record, so it falls out of every KPI, offered included, and the numbers look better than the
 * day was. Pure over the replications, in index order, so a merge of shards says the same.
 */
export function drainWarnings(
  horizon: Scenario['horizon'],
  replications: readonly DrainedReplication[],
): SimulationWarning[] {
  const open = replications.filter((r) => r.inSystem > 0);
  if (open.length === 0) return [];
  const start = clockMinutes(horizon.start) ?? 0;
  const clockAt = (ms: number) => formatClock(start + ms / 60_000);
  const conversations = open.reduce((sum, r) => sum + r.inSystem, 0);
  const examples = open.flatMap((r) =>
    r.open.map((c) => ({ replication: r.index, ...c, arrivedAt: clockAt(c.arrivedAtMs) })),
  );
  const endMs = (horizon.intervals * horizon.intervalMinutes + horizon.drainMinutes) * 60_000;
  const named = examples
    .slice(0, IN_MESSAGE)
    .map(
      (c) =>
        `${c.conversationId} of replication ${c.replication} (${c.queue}, arrived ${c.arrivedAt}, ${c.status})`,
    )
    .join(', ');
  const plural = conversations === 1 ? 'conversation was' : 'conversations were';
  const message =
    `${conversations} ${plural} still open when the drain ended at ${clockAt(endMs)} ` +
    `(in ${open.length} of ${replications.length} replications, ` +
    `${(conversations / replications.length).toFixed(1)} per replication): they have no record ` +
    `and are in no KPI, not even offered. ${named ? `First: ${named}. ` : ''}` +
    `Lengthen horizon.drainMinutes (now ${horizon.drainMinutes}) or staff the end of the day.`;
  return [
    { code: 'OPEN_AT_DRAIN_END', message, conversations, replications: open.length, examples },
  ];
}
