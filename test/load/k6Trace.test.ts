import { describe, expect, it } from 'vitest';
import { type Trace, type TraceEvent, toK6Trace } from '../../src/load/index.js';
import { loadScenario } from '../../src/scenario/index.js';

const ASSET = '100000000000001';

function message(arrival: number, seq: number, at: number): TraceEvent {
  return {
    type: 'message',
    at,
    arrival,
    assetId: ASSET,
    customer: { id: `3161234567${arrival}`, name: `C ${arrival}`, phone: `+3161234567${arrival}` },
    messageId: `wamid.${arrival}.${seq}`,
    seq,
    text: 'hello',
    secrets: [],
  };
}

describe('toK6Trace', () => {
  it('gives an abandoning conversation its abandon time, and counts it open until then', async () => {
    const scenario = await loadScenario('test/load/fixtures/load-mini.yaml');
    const events: TraceEvent[] = [
      message(0, 1, 1000),
      message(1, 1, 2000),
      message(2, 1, 2500),
      message(0, 2, 3000),
      { type: 'abandon', at: 10_000, arrival: 1, assetId: ASSET, customerId: '31612345671' },
    ];
    const trace: Trace = {
      header: {
        type: 'header',
        format: 'ccsim-trace',
        version: 1,
        scenario: 'load-mini',
        seed: 3,
        replication: 0,
        start: '09:00',
        intervalMs: 900_000,
        intervals: 1,
        warmupMs: 0,
        horizonMs: 900_000,
        endMs: 1_500_000,
        secretRate: 0,
        customers: 3,
        messages: 4,
        abandons: 1,
        secrets: 0,
        agentTexts: ['ok'],
      },
      events,
    };
    const doc = toK6Trace(trace, scenario);
    expect(doc.conversations).toEqual([
      { arrival: 0, at: 1000, messages: [0, 3] },
      { arrival: 1, at: 2000, messages: [1], abandonAt: 10_000 },
      { arrival: 2, at: 2500, messages: [2] },
    ]);
    // Arrival 1 is open from 2 s until it abandons at 10 s: at 2.5 s all three are.
    expect(doc.maxConcurrentConversations).toBe(3);
    const without = toK6Trace({ ...trace, events: events.slice(0, 4) }, scenario);
    expect(without.conversations.every((c) => c.abandonAt === undefined)).toBe(true);
    expect(without.maxConcurrentConversations).toBe(2);
  });
});
