import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConversationRecord } from '../../src/core/index.js';
import { ConversationSums, nearestRank } from '../../src/kpi/index.js';
import { record } from './builders.js';

const SERVICE_LEVEL = {
  thresholdSeconds: 20,
  shortAbandonSeconds: 5,
  definition: 'offered',
} as const;

/** An answered record whose wait is exactly `waitMs`: arrival at 0, accepted at `waitMs`. */
function answered(id: number, waitMs: number): ConversationRecord {
  const r = record(`c${id}`, { arrivedAt: 0, endedAt: 1000, outcome: 'handled' });
  return { ...r, arrivedAt: 0, acceptedAt: waitMs, endedAt: Math.max(waitMs, 0) + 1_000_000 };
}

function unanswered(id: number, waitMs: number): ConversationRecord {
  const r = record(`c${id}`, { arrivedAt: 0, endedAt: 1000, outcome: 'abandoned' });
  return { ...r, arrivedAt: 0, acceptedAt: null, endedAt: waitMs };
}

describe('ConversationSums: wait percentiles', () => {
  it('keeps waits of zero as a count, and its percentiles are those of one sorted array of every answered wait (fast-check)', () => {
    // Mostly zeros, as in a large center; some -0 and negative waits (records given to
    // computeKpis), unanswered conversations (no wait in the percentiles), and repeats.
    const wait = fc.oneof(
      { weight: 6, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.constant(-0) },
      { weight: 1, arbitrary: fc.integer({ min: -5_000, max: -1 }) },
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 300_000 }) },
      { weight: 1, arbitrary: fc.double({ min: 0, max: 10, noNaN: true }) },
    );
    const conversation = fc.record({ wait, answered: fc.boolean() });
    fc.assert(
      fc.property(fc.array(conversation, { maxLength: 200 }), (conversations) => {
        const sums = new ConversationSums(SERVICE_LEVEL);
        const waits: number[] = [];
        conversations.forEach((c, i) => {
          if (c.answered) {
            sums.add(answered(i, c.wait));
            waits.push(c.wait);
          } else {
            sums.add(unanswered(i, Math.abs(c.wait)));
          }
        });
        const sorted = Float64Array.from(waits).sort();
        const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
        const kpis = sums.kpis(null);
        // Object.is: a -0 where one sorted array has -0, +0 where it has +0.
        expect(Object.is(kpis.waitP50, seconds(nearestRank(sorted, 0.5)))).toBe(true);
        expect(Object.is(kpis.waitP90, seconds(nearestRank(sorted, 0.9)))).toBe(true);
        expect(Object.is(kpis.waitP99, seconds(nearestRank(sorted, 0.99)))).toBe(true);
        expect(kpis.answered).toBe(waits.length);
      }),
      { seed: 17, numRuns: 3000 },
    );
  });

  it('a center that answers nearly all at once: percentiles of zero, the one long wait in maxWait', () => {
    const sums = new ConversationSums(SERVICE_LEVEL);
    for (let i = 0; i < 1000; i++) sums.add(answered(i, 0));
    sums.add(answered(1000, 7000));
    const kpis = sums.kpis(null);
    expect(kpis.waitP50).toBe(0);
    expect(kpis.waitP99).toBe(0);
    expect(kpis.maxWait).toBe(7);
    expect(kpis.asa).toBe(7 / 1001);
    expect(kpis.answered).toBe(1001);
  });
});
