/**
 * The replayer's two clocks, as a port: every intended send time, latency, timeline bucket and
 * scenario-time conversion reads `now`, and only the webhook timestamps and the run's start time
 * read `epochMs`. A test passes a clock of its own; a run uses `systemClock`.
 */
export interface ReplayClock {
  /** Monotonic milliseconds (arbitrary origin). */
  now(): number;
  /** Milliseconds since the Unix epoch (wall clock; may jump). */
  epochMs(): number;
}

export const systemClock: ReplayClock = {
  now: () => performance.now(),
  epochMs: () => Date.now(),
};
