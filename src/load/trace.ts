import type { TraceEvent, TraceMessage } from '../behaviour/customerTrace.js';

/**
 * The customer side of one simulated replication, as plain data: what a load test replays
 * against a live deployment. One trace type for both shells: the simulator's customers write
 * these events as they act (src/behaviour/customerTrace.ts, `ccsim trace` adds the header);
 * the Node replayer and the k6 scripts read them back unchanged.
 *
 * Times are milliseconds from the start of the horizon, independent of any speed-up: a replay
 * at `--speed X` sends an event `at / X` real milliseconds after its start.
 */
export type {
  TraceAbandon,
  TraceEvent,
  TraceMessage,
} from '../behaviour/customerTrace.js';
export type { SecretKind, SecretSpan as TraceSecret } from '../behaviour/identities.js';
export type { CustomerIdentity as TraceCustomer } from '../core/commands.js';

export const TRACE_FORMAT = 'ccsim-trace';
export const TRACE_VERSION = 1;

export interface TraceHeader {
  readonly type: 'header';
  readonly format: typeof TRACE_FORMAT;
  readonly version: typeof TRACE_VERSION;
  /** The scenario's `name`. */
  readonly scenario: string;
  /** The run seed and the replication whose customers these are. */
  readonly seed: number;
  readonly replication: number;
  /** Horizon start as a time of day, for people; every time in the trace is relative to it. */
  readonly start: string;
  readonly intervalMs: number;
  readonly intervals: number;
  readonly warmupMs: number;
  /** End of the last interval: arrivals stop here. */
  readonly horizonMs: number;
  /** Horizon plus drain: the simulated run stops here. */
  readonly endMs: number;
  readonly secretRate: number;
  readonly customers: number;
  readonly messages: number;
  readonly abandons: number;
  readonly secrets: number;
  /** What agents reply (no customer data): the replayer's agents pick from these. */
  readonly agentTexts: readonly string[];
}

export interface Trace {
  readonly header: TraceHeader;
  /** In time order (ties in the simulator's order). */
  readonly events: readonly TraceEvent[];
}

/** The text of every planted secret of a message. */
export function secretTexts(message: TraceMessage): string[] {
  return message.secrets.map((s) => message.text.slice(s.start, s.end));
}

/** Expected customer messages per arrival (how many the simulated customer sent). */
export function messagesPerArrival(events: readonly TraceEvent[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const event of events) {
    if (event.type === 'message') counts.set(event.arrival, (counts.get(event.arrival) ?? 0) + 1);
  }
  return counts;
}

/**
 * The message id a replay sends: the trace's `wamid.<arrival>.<seq>` with a run tag in between
 * (`wamid.<tag>.<arrival>.<seq>`), so that a second run against the same deployment is not
 * dropped by its duplicate filter. Any replayer can read arrival and seq back (`parseMessageId`).
 */
export function replayMessageId(tag: string, arrival: number, seq: number): string {
  return tag === '' ? `wamid.${arrival}.${seq}` : `wamid.${tag}.${arrival}.${seq}`;
}

/** Arrival and seq of a replayed message id, or null for an id that is not one. */
export function parseMessageId(id: string): { arrival: number; seq: number } | null {
  const m = /\.(\d+)\.(\d+)$/.exec(id);
  if (m === null || !id.startsWith('wamid.')) return null;
  return { arrival: Number(m[1]), seq: Number(m[2]) };
}
