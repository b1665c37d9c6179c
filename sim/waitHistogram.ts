import type { ConversationRecord } from '../src/core/index.js';

/**
 * Waits of the measured conversations (arrived in [warm-up end, horizon end)) in fixed bins, for
 * the report's wait-time distribution: `answered` by the wait to the first answer, `abandoned`
 * (gave up before any answer) by the time they waited. Bin b is [edges[b], edges[b + 1]) seconds;
 * the last bin is open-ended. The edges are fixed so that replications and shards add up, and
 * include the service-level threshold, so that "within T" is a sum of whole bins.
 */
export interface WaitHistogram {
  readonly edgesSeconds: readonly number[];
  readonly answered: number[];
  readonly abandoned: number[];
}

const BASE_EDGES = [0, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1800, 3600];

/** The bin edges (seconds) for a service-level threshold (and short-abandon time). */
export function waitHistogramEdges(...extra: readonly number[]): number[] {
  const edges = new Set(BASE_EDGES);
  for (const e of extra) if (Number.isFinite(e) && e > 0) edges.add(e);
  return [...edges].sort((a, b) => a - b);
}

export function waitHistogram(
  records: readonly ConversationRecord[],
  edgesSeconds: readonly number[],
  measureFromMs: number,
  endMs: number,
): WaitHistogram {
  const bins = new WaitBins(edgesSeconds, measureFromMs, endMs);
  for (const r of records) bins.add(r);
  return bins.histogram();
}

/** `waitHistogram` one record at a time, so that a run need not keep its records. */
export class WaitBins {
  private readonly answered: number[];
  private readonly abandoned: number[];

  constructor(
    private readonly edgesSeconds: readonly number[],
    private readonly measureFromMs: number,
    private readonly endMs: number,
  ) {
    this.answered = new Array<number>(edgesSeconds.length).fill(0);
    this.abandoned = new Array<number>(edgesSeconds.length).fill(0);
  }

  add(r: ConversationRecord): void {
    if (r.arrivedAt < this.measureFromMs || r.arrivedAt >= this.endMs) return;
    const isAnswered = r.acceptedAt !== null;
    if (!isAnswered && r.outcome !== 'abandoned') return;
    const wait = ((r.acceptedAt ?? r.endedAt) - r.arrivedAt) / 1000;
    const bin = binOf(this.edgesSeconds, wait);
    if (isAnswered) this.answered[bin]!++;
    else this.abandoned[bin]!++;
  }

  histogram(): WaitHistogram {
    return {
      edgesSeconds: this.edgesSeconds,
      answered: [...this.answered],
      abandoned: [...this.abandoned],
    };
  }
}

function binOf(edges: readonly number[], value: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  // The last edge not above the value (the first bin takes anything below edges[1]).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
