import { describe, expect, it } from 'vitest';
import { simulateTrace } from '../../src/cli/simulatedTrace.js';
import { compileAgentModel, inSegment, parseSegment } from '../../src/load/index.js';
import { loadScenario } from '../../src/scenario/index.js';

describe('--segment i/n', () => {
  it('parses i/n and refuses the rest', () => {
    expect(parseSegment('2/8')).toEqual({ index: 2, count: 8 });
    expect(parseSegment(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/2', '3/2', '1/0', '1', 'a/b', '1/2/3', '-1/2', '1.5/2', '']) {
      expect(() => parseSegment(bad), bad).toThrow(
        expect.objectContaining({ code: 'LOAD_SEGMENT_INVALID' }),
      );
    }
  });

  it('splits a trace by customer into disjoint segments whose union is the whole trace', async () => {
    const scenario = await loadScenario('scenarios/whatsapp-smoke.yaml');
    const { trace } = simulateTrace(scenario, { seed: 7, replication: 0 });
    const agents = compileAgentModel(scenario).agents;
    for (let n = 1; n <= 6; n++) {
      const owner = new Map<number, number>();
      const seen: number[] = [];
      for (let i = 1; i <= n; i++) {
        const segment = { index: i, count: n };
        for (const event of trace.events) {
          if (!inSegment(event.arrival, segment)) continue;
          seen.push(trace.events.indexOf(event));
          // A conversation stays on one replayer: every event of an arrival in one segment.
          const before = owner.get(event.arrival);
          expect(before === undefined || before === i).toBe(true);
          owner.set(event.arrival, i);
        }
      }
      // Disjoint and complete: every event exactly once.
      expect(seen.length).toBe(trace.events.length);
      expect(new Set(seen).size).toBe(trace.events.length);
      // Agents too: each in exactly one segment.
      for (const agent of agents) {
        const hits = Array.from({ length: n }, (_, k) => k + 1).filter((i) =>
          inSegment(agent.index, { index: i, count: n }),
        );
        expect(hits).toHaveLength(1);
      }
    }
  });

  it('gives every segment a fair share of the customers', async () => {
    const scenario = await loadScenario('scenarios/whatsapp-smoke.yaml');
    const { trace } = simulateTrace(scenario, { seed: 1, replication: 0 });
    const customers = trace.header.customers;
    for (let i = 1; i <= 4; i++) {
      const mine = new Set(
        trace.events
          .filter((e) => inSegment(e.arrival, { index: i, count: 4 }))
          .map((e) => e.arrival),
      );
      expect(Math.abs(mine.size - customers / 4)).toBeLessThanOrEqual(1);
    }
  });
});
