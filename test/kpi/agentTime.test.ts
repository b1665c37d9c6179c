import { describe, expect, it } from 'vitest';
import type { ConversationRecord, LegRecord } from '../../src/core/index.js';
import { AgentLegs, agentTime } from '../../src/kpi/agentTime.js';
import type { Periods } from '../../src/kpi/periods.js';
import { record, state } from './builders.js';

/** A small fixed-seed generator (LCG), so that the legs are the same on every run. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe('agent time from legs kept in shared columns (issue 13)', () => {
  // 40,000 legs are more than two of AgentLegs' 16,384-leg chunks; times are whole ms on
  // [0, 4,000), so that the reference below can count slots millisecond by millisecond.
  const agents = ['a1', 'a2', 'a3', 'a4', 'a5'];
  const capacity: Record<string, number> = { a1: 1, a2: 2, a3: 3, a4: 2, a5: 1 };
  const next = lcg(13);
  const records: ConversationRecord[] = [];
  const legsOf = new Map<string, LegRecord[]>(agents.map((a) => [a, []]));
  for (let n = 0; n < 20_000; n++) {
    const legs: LegRecord[] = [];
    for (let k = 0; k < 2; k++) {
      const agentId = agents[Math.floor(next() * agents.length)]!;
      const offeredAt = Math.floor(next() * 3_990);
      // Some legs are empty (zero length): they add no busy time but their agent counts.
      const wrapUpAt = Math.min(4_000, offeredAt + Math.floor(next() * 12));
      const leg: LegRecord = {
        agentId,
        role: k === 0 ? 'answer' : 'conference',
        offeredAt,
        acceptedAt: offeredAt,
        endedAt: wrapUpAt,
        wrapUpAt,
        wrapUpReason: 'resolved',
      };
      legs.push(leg);
      legsOf.get(agentId)!.push(leg);
    }
    records.push({ ...record(`c${n}`, { arrivedAt: 0, endedAt: 4, outcome: 'handled' }), legs });
  }
  // The whole horizon, then two intervals of 2 s.
  const periods: Periods = {
    from: [0, 0, 2_000],
    to: [4_000, 2_000, 4_000],
    gridStartMs: 0,
    gridLengthMs: 2_000,
  };
  const states = agents.map((a) => state(a, 'Available', 0));

  it('busy slot and busy agent time equal a millisecond-by-millisecond count, per period', () => {
    const time = agentTime(records, states, capacity, periods).total;
    for (let p = 0; p < 3; p++) {
      let busySlot = 0;
      let busyAgent = 0;
      for (const agentId of agents) {
        const slots = new Int32Array(4_000);
        for (const leg of legsOf.get(agentId)!) {
          for (let t = leg.offeredAt; t < leg.wrapUpAt; t++) slots[t]!++;
        }
        for (let t = periods.from[p]!; t < periods.to[p]!; t++) {
          busySlot += Math.min(slots[t]!, capacity[agentId]!);
          busyAgent += slots[t]! > 0 ? 1 : 0;
        }
      }
      expect(time.busySlotMs[p]).toBe(busySlot);
      expect(time.busyAgentMs[p]).toBe(busyAgent);
      expect(time.staffedAgentMs[p]).toBe(agents.length * (periods.to[p]! - periods.from[p]!));
    }
  });

  it('streamed one record at a time, gives the same sums as from the kept records', () => {
    const legs = new AgentLegs();
    for (const r of records) legs.add(r);
    const streamed = legs.agentTime(states, capacity, periods, { g: ['a2', 'a4'] });
    const kept = agentTime(records, states, capacity, periods, { g: ['a2', 'a4'] });
    expect(streamed).toEqual(kept);
    expect(streamed.groups.g!.busySlotMs[0]).toBeGreaterThan(0);
  });

  it('an agent seen only in an empty leg is still an agent of the run: it needs a capacity', () => {
    const legs = new AgentLegs();
    const empty: LegRecord = {
      agentId: 'solo',
      role: 'answer',
      offeredAt: 100,
      acceptedAt: 100,
      endedAt: 100,
      wrapUpAt: 100,
      wrapUpReason: 'resolved',
    };
    legs.add({ ...record('c1', { arrivedAt: 0, endedAt: 1, outcome: 'handled' }), legs: [empty] });
    expect(() => legs.agentTime([], {}, periods)).toThrow(/"solo" has no entry in agentCapacity/);
    const time = legs.agentTime([], { solo: 1 }, periods).total;
    expect(time.busySlotMs[0]).toBe(0);
    expect(time.staffedAgentMs[0]).toBe(0);
  });
});
