import { LoadError, LoadErrorCode } from './loadError.js';

/**
 * `--segment i/n`: replayer i of n (1-based) takes the customers whose arrival index is
 * congruent to i - 1 modulo n, and the agents whose index in the scenario (groups expanded in
 * order) is. By arrival, never by message, so that a conversation stays on one machine; round
 * robin, so that every segment gets a fair share of every interval. The n segments are disjoint
 * and their union is the whole trace (test/load/segment.test.ts).
 */
export interface Segment {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

export const WHOLE: Segment = { index: 1, count: 1 };

export function parseSegment(text: string): Segment {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!(count >= 1 && index >= 1 && index <= count && count <= 1_000_000)) {
    throw new LoadError(
      LoadErrorCode.segmentInvalid,
      `--segment must be i/n with 1 <= i <= n (e.g. 2/8), got "${text}"`,
    );
  }
  return { index, count };
}

export function formatSegment(segment: Segment): string {
  return `${segment.index}/${segment.count}`;
}

/** Whether arrival (or agent) number `k` (0-based) belongs to the segment. */
export function inSegment(k: number, segment: Segment): boolean {
  return k % segment.count === segment.index - 1;
}

/** The first segment does what must happen once per run (asset deletions by the admin). */
export function isLeader(segment: Segment): boolean {
  return segment.index === 1;
}
