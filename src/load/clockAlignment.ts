import type { AgentStateRecord, ConversationRecord, LegRecord } from '../core/index.js';

/**
 * The deployment's clock against the replay's scenario time. The reference deployment's clock
 * runs `--speed` times real time from an epoch-like base, so its record times are scenario
 * milliseconds plus an offset. Two pings (at the start and at the end of the run, each the best
 * of a few round trips, the server time taken at the round trip's midpoint) give the offset and
 * the rate; a record time S maps to scenario time
 *
 *     t = (S − S(r0)) · speed / rate
 *
 * where r0 is the replay's start on the replayer's clock, S(r0) the server's clock then, and
 * rate the server's milliseconds per replayer millisecond. A deployment that runs in real time
 * (rate 1) under a sped-up replay is rescaled the same way.
 */
export interface ClockSample {
  /** Replayer clock (ms) at the midpoint of the round trip. */
  readonly at: number;
  /** The server's `now` in its answer. */
  readonly server: number;
  readonly rttMs: number;
}

export interface ClockAlignment {
  /** The server's clock at the replay's start. */
  readonly serverAtStart: number;
  /** Server milliseconds per replayer millisecond (measured; the speed when only one sample). */
  readonly rate: number;
  readonly speed: number;
  /** Largest uncertainty of a sample: half its round trip, in server milliseconds. */
  readonly uncertaintyMs: number;
}

export function alignClocks(
  start: ClockSample,
  end: ClockSample | null,
  replayStart: number,
  speed: number,
): ClockAlignment {
  const rate =
    end !== null && end.at - start.at > 1000
      ? (end.server - start.server) / (end.at - start.at)
      : speed;
  return {
    serverAtStart: start.server + (replayStart - start.at) * rate,
    rate,
    speed,
    uncertaintyMs: (Math.max(start.rttMs, end?.rttMs ?? 0) / 2) * rate,
  };
}

/** A server time as scenario milliseconds from the horizon start. */
export function toScenarioMs(a: ClockAlignment, serverMs: number): number {
  return ((serverMs - a.serverAtStart) * a.speed) / a.rate;
}

/** A record with every time on the scenario's clock (durations rescaled). */
export function alignRecord(a: ClockAlignment, r: ConversationRecord): ConversationRecord {
  const t = (x: number) => toScenarioMs(a, x);
  const tn = (x: number | null) => (x === null ? null : t(x));
  const leg = (l: LegRecord): LegRecord => ({
    ...l,
    offeredAt: t(l.offeredAt),
    acceptedAt: t(l.acceptedAt),
    endedAt: t(l.endedAt),
    wrapUpAt: t(l.wrapUpAt),
  });
  return {
    ...r,
    arrivedAt: t(r.arrivedAt),
    firstOfferedAt: tn(r.firstOfferedAt),
    acceptedAt: tn(r.acceptedAt),
    endedAt: t(r.endedAt),
    finalizedAt: t(r.finalizedAt),
    queueWaitMs: (r.queueWaitMs * a.speed) / a.rate,
    legs: r.legs.map(leg),
  };
}

export function alignAgentState(a: ClockAlignment, s: AgentStateRecord): AgentStateRecord {
  return { ...s, at: toScenarioMs(a, s.at) };
}
