import { describe, expect, it } from 'vitest';
import { simulateReplication } from '../../sim/replication.js';
import { waitHistogram, waitHistogramEdges } from '../../sim/waitHistogram.js';
import type { ConversationRecord } from '../../src/core/index.js';
import { stress } from './fixtures.js';

function record(arrivedAt: number, acceptedAt: number | null, endedAt: number, outcome: string) {
  return { arrivedAt, acceptedAt, endedAt, outcome } as unknown as ConversationRecord;
}

describe('waitHistogram', () => {
  it('puts the threshold and short-abandon time among fixed edges', () => {
    expect(waitHistogramEdges(25, 5)).toEqual([
      0, 5, 10, 15, 20, 25, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1800, 3600,
    ]);
  });

  it('bins answered waits and abandons of measured conversations only', () => {
    const edges = [0, 10, 20];
    const h = waitHistogram(
      [
        record(1000, 1000, 5000, 'handled'), // 0 s -> bin 0
        record(1000, 11_000, 50_000, 'handled'), // 10 s -> bin 1 (edges are inclusive below)
        record(1000, 500_000, 900_000, 'handled'), // 499 s -> last, open bin
        record(1000, null, 16_000, 'abandoned'), // 15 s abandon -> bin 1
        record(1000, null, 16_000, 'interrupted'), // neither
        record(0, 0, 10, 'handled'), // warm-up: left out
        record(100_000, 100_000, 100_010, 'handled'), // after the horizon: left out
      ],
      edges,
      1000,
      100_000,
    );
    expect(h).toEqual({ edgesSeconds: edges, answered: [1, 1, 1], abandoned: [0, 1, 0] });
  });

  it('counts, in a replication, every answered and abandoned measured conversation', () => {
    const r = simulateReplication(stress(), 0);
    const waits = r.waits!;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(waits.answered)).toBe(r.kpis!.total.answered);
    expect(sum(waits.abandoned)).toBe(r.kpis!.total.abandoned);
  });
});
