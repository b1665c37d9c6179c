import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgentStateRecord, ConversationRecord } from '../../src/core/index.js';
import { computeKpis, KpiCollector, type KpiInput, type KpiSet } from '../../src/kpi/index.js';
import { input, leg, record, s } from './builders.js';

const SEED = 4_2024;
const RUNS = 300;
const AGENTS = ['a', 'b', 'c'] as const;
const CAPACITY = { a: 1, b: 2, c: 3 };
const DEFINITIONS = [
  'offered',
  'offered-minus-short-abandons',
  'answered-plus-late-abandons',
] as const;

const KINDS = [
  'handled',
  'abandoned',
  'interrupted-waiting',
  'interrupted-active',
  'transfer-disconnected',
  'transferred-handled',
  'transferred-abandoned',
  'conference',
] as const;

/** A consistent record of one of the kinds above; times in whole seconds. */
const conversation = fc
  .record({
    kind: fc.constantFrom(...KINDS),
    arrivedAt: fc.integer({ min: -60, max: 200 }),
    wait: fc.integer({ min: 0, max: 60 }),
    ring: fc.integer({ min: 0, max: 10 }),
    handle: fc.integer({ min: 0, max: 90 }),
    later: fc.integer({ min: 0, max: 60 }),
    wrap: fc.integer({ min: 0, max: 10 }),
    rona: fc.integer({ min: 0, max: 1 }),
    agent: fc.constantFrom(...AGENTS),
    other: fc.constantFrom(...AGENTS),
  })
  .map((c): ((id: string) => ConversationRecord) => (id) => {
    const offered = c.arrivedAt + c.wait;
    const accepted = offered + c.ring;
    const ended = accepted + c.handle;
    const answer = leg(c.agent, 'answer', [offered, accepted, ended, ended + c.wrap]);
    const base = { arrivedAt: c.arrivedAt, firstOfferedAt: offered, ronaCount: c.rona };
    switch (c.kind) {
      case 'handled':
        return record(id, {
          ...base,
          acceptedAt: accepted,
          endedAt: ended,
          outcome: 'handled',
          legs: [answer],
          offerCount: 1 + c.rona,
        });
      case 'abandoned':
        return record(id, {
          arrivedAt: c.arrivedAt,
          endedAt: c.arrivedAt + c.wait,
          outcome: 'abandoned',
        });
      case 'interrupted-waiting':
        return record(id, {
          arrivedAt: c.arrivedAt,
          endedAt: c.arrivedAt + c.wait,
          outcome: 'interrupted',
        });
      case 'interrupted-active':
        return record(id, {
          ...base,
          acceptedAt: accepted,
          endedAt: ended,
          outcome: 'interrupted',
          legs: [answer],
          offerCount: 1 + c.rona,
        });
      case 'transfer-disconnected':
        return record(id, {
          ...base,
          acceptedAt: accepted,
          endedAt: ended + c.later,
          outcome: 'transfer-disconnected',
          legs: [answer],
          offerCount: 2,
          transferCount: 1,
        });
      case 'transferred-handled': {
        const next = ended + c.later;
        return record(id, {
          ...base,
          acceptedAt: accepted,
          endedAt: next + c.ring + c.handle,
          outcome: 'handled',
          legs: [
            answer,
            leg(c.other, 'transfer', [
              next,
              next + c.ring,
              next + c.ring + c.handle,
              next + c.ring + c.handle + c.wrap,
            ]),
          ],
          offerCount: 2,
          transferCount: 1,
        });
      }
      case 'transferred-abandoned':
        return record(id, {
          ...base,
          acceptedAt: accepted,
          endedAt: ended + c.later,
          outcome: 'abandoned',
          legs: [answer],
          offerCount: 1,
          transferCount: 1,
        });
      case 'conference': {
        const joined = accepted + Math.floor(c.handle / 3);
        const left = Math.min(joined + c.later, ended);
        return record(id, {
          ...base,
          acceptedAt: accepted,
          endedAt: ended,
          outcome: 'handled',
          legs: [answer, leg(c.other, 'conference', [joined, joined, left, left + c.wrap])],
          offerCount: 1,
          conferenceCount: 1,
        });
      }
    }
  });

const agentStates = fc.array(
  fc.record({
    agentId: fc.constantFrom(...AGENTS),
    status: fc.constantFrom('LoggedOut', 'Idle', 'Available', 'RONA' as const),
    at: fc.integer({ min: -60, max: 250 }),
  }),
  { maxLength: 12 },
);

const scenario = fc
  .record({
    conversations: fc.array(conversation, { maxLength: 40 }),
    states: agentStates,
    measureFrom: fc.integer({ min: 0, max: 180 }),
    threshold: fc.integer({ min: 0, max: 40 }),
    short: fc.integer({ min: 0, max: 10 }),
    definition: fc.constantFrom(...DEFINITIONS),
  })
  .map(
    (x): KpiInput =>
      input({
        records: x.conversations.map((make, i) => make(`c${i}`)),
        agentStates: x.states.map(
          (st): AgentStateRecord => ({ ...st, idleCode: null, at: s(st.at) }),
        ),
        agentCapacity: CAPACITY,
        measureFromMs: s(x.measureFrom),
        serviceLevel: {
          thresholdSeconds: x.threshold,
          definition: x.definition,
          shortAbandonSeconds: x.short,
        },
      }),
  );

const params = { seed: SEED, numRuns: RUNS };
const inUnit = (v: number | null) => v === null || (v >= 0 && v <= 1 + 1e-12);
const measured = (i: KpiInput) =>
  i.records.filter((r) => r.arrivedAt >= i.measureFromMs && r.arrivedAt < i.endMs);

const ADDITIVE = [
  'offered',
  'answered',
  'handled',
  'abandoned',
  'abandonedAfterAnswer',
  'shortAbandoned',
  'abandonedAfterThreshold',
  'interrupted',
  'transferDisconnected',
  'answeredWithinThreshold',
  'offers',
  'ronaCount',
  'transfers',
  'conferences',
] as const satisfies readonly (keyof KpiSet)[];

describe('computeKpis: invariants on random traces (fast-check, fixed seed)', () => {
  it('conservation: outcomes partition the offered; so do answered and unanswered ends', () => {
    fc.assert(
      fc.property(scenario, (i) => {
        const { total: t } = computeKpis(i);
        expect(
          t.handled + t.abandoned + t.abandonedAfterAnswer + t.interrupted + t.transferDisconnected,
        ).toBe(t.offered);
        const unansweredInterrupted = measured(i).filter(
          (r) => r.acceptedAt === null && r.outcome === 'interrupted',
        ).length;
        expect(t.answered + t.abandoned + unansweredInterrupted).toBe(t.offered);
        expect(t.answeredWithinThreshold).toBeLessThanOrEqual(t.answered);
        expect(t.shortAbandoned).toBeLessThanOrEqual(t.abandoned);
        expect(t.abandonedAfterThreshold).toBeLessThanOrEqual(t.abandoned);
      }),
      params,
    );
  });

  it('ratios stay in [0, 1] under every definition', () => {
    fc.assert(
      fc.property(scenario, (i) => {
        for (const definition of DEFINITIONS) {
          const report = computeKpis({ ...i, serviceLevel: { ...i.serviceLevel, definition } });
          for (const k of [report.total, ...report.intervals]) {
            for (const v of [
              k.serviceLevel,
              k.abandonRate,
              k.occupancy,
              k.agentOccupancy,
              k.ronaRate,
            ]) {
              expect(inUnit(v)).toBe(true);
            }
          }
        }
      }),
      params,
    );
  });

  it('per-interval counts sum to the total when the intervals cover the horizon', () => {
    fc.assert(
      fc.property(scenario, (i) => {
        const { total, intervals } = computeKpis(i);
        for (const key of ADDITIVE) {
          expect(intervals.reduce((sum, k) => sum + k[key], 0)).toBe(total[key]);
        }
        const maxes = intervals.map((k) => k.maxQueueLength).filter((m) => m !== null);
        if (maxes.length > 0) expect(Math.max(...maxes)).toBe(total.maxQueueLength);
      }),
      params,
    );
  });

  it('time-based KPIs add up over intervals (staffed time, time waiting)', () => {
    fc.assert(
      fc.property(scenario, (i) => {
        const { total, intervals } = computeKpis(i);
        const span = i.endMs - i.measureFromMs;
        if (span === 0) return;
        const sumOver = (f: (k: KpiSet) => number | null) =>
          intervals.reduce((sum, k, n) => {
            const start = Math.max(n * 60_000, i.measureFromMs);
            const end = Math.min((n + 1) * 60_000, i.endMs);
            return sum + (f(k) ?? 0) * Math.max(0, end - start);
          }, 0);
        expect(sumOver((k) => k.staffedAgents)).toBeCloseTo(total.staffedAgents! * span, 6);
        expect(sumOver((k) => k.littlesLaw.meanWaiting)).toBeCloseTo(
          total.littlesLaw.meanWaiting! * span,
          6,
        );
      }),
      params,
    );
  });

  it('wait statistics are ordered', () => {
    fc.assert(
      fc.property(scenario, (i) => {
        const t = computeKpis(i).total;
        if (t.answered === 0) {
          expect([t.asa, t.waitP50, t.waitP90, t.waitP99]).toEqual([null, null, null, null]);
          return;
        }
        expect(t.waitP50!).toBeLessThanOrEqual(t.waitP90!);
        expect(t.waitP90!).toBeLessThanOrEqual(t.waitP99!);
        expect(t.waitP99!).toBeLessThanOrEqual(t.maxWait!);
        expect(t.asa!).toBeLessThanOrEqual(t.maxWait! + 1e-9);
      }),
      params,
    );
  });

  it("Little's law: L = λ·W exactly when every measured wait ends within the horizon", () => {
    fc.assert(
      fc.property(scenario, (i0) => {
        const i = { ...i0, endMs: s(200), intervals: { ...i0.intervals, count: 4 } };
        const done = measured(i).every((r) => (r.acceptedAt ?? r.endedAt) <= i.endMs);
        const { littlesLaw: ll } = computeKpis(i).total;
        if (done) expect(ll.meanWaiting!).toBeCloseTo(ll.lambdaW!, 9);
        else expect(ll.meanWaiting!).toBeLessThan(ll.lambdaW!);
      }),
      params,
    );
  });

  it('does not depend on the order of its input', () => {
    fc.assert(
      fc.property(scenario, fc.integer(), (i, salt) => {
        const rotate = <T>(xs: readonly T[]) => {
          if (xs.length === 0) return [...xs];
          const k = Math.abs(salt) % xs.length;
          return [...xs.slice(k), ...xs.slice(0, k)].reverse();
        };
        // Status changes at one instant apply in input order, so keep those in order.
        const statesByTime = [...i.agentStates].sort((a, b) => a.at - b.at);
        expect(
          computeKpis({ ...i, records: rotate(i.records), agentStates: statesByTime }),
        ).toEqual(computeKpis({ ...i, agentStates: statesByTime }));
      }),
      params,
    );
  });

  it('KpiCollector reports, at any point of the stream, what computeKpis gives for the records so far (issue 13)', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 5 }), (i, customers) => {
        // Few customers, so that re-contacts link; per-queue and per-group KPIs on.
        const records = i.records.map((r, n) => ({ ...r, customerId: `cust-${n % customers}` }));
        const spec = i.serviceLevel;
        const frame = {
          ...i,
          queues: { sales: spec, support: { ...spec, thresholdSeconds: 5 } },
          agentGroups: { ab: ['a', 'b'], bc: ['b', 'c', 'c'] },
          recontactWindowMs: s(30),
        };
        const { records: _, agentStates: __, ...kpiFrame } = frame;
        const collector = new KpiCollector(kpiFrame);
        records.forEach((r, n) => {
          collector.add(r);
          if (n % 7 === 3) {
            const prefix = records.slice(0, n + 1);
            expect(collector.report(i.agentStates)).toStrictEqual(
              computeKpis({ ...frame, records: prefix }),
            );
          }
        });
        expect(collector.report(i.agentStates)).toStrictEqual(computeKpis({ ...frame, records }));
      }),
      params,
    );
  });
});
