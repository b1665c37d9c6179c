import { describe, expect, it } from 'vitest';
import { computeKpis, KpiError, type KpiSet } from '../../src/kpi/index.js';
import { input, leg, record, s, state } from './builders.js';

/**
 * A three-minute trace with every kind of conversation (times in seconds; agents a and b, two
 * slots each; intervals [0,60), [60,120), [120,180)):
 *
 * c1  arrives 0, offered at once, a answers at 10, ends 70, wraps up 80              handled
 * c2  arrives 5, queued until 30, b answers at 35, ends 95, wraps up 100            handled
 * c3  arrives 10, gives up at 13 in queue (a short abandon)                          abandoned
 * c4  arrives 20, gives up at 50 in queue (after T)                                  abandoned
 * c5  arrives 65, a answers at 80, transfers to a queue at 100 (wrap-up 105);
 *     b offered at 118, accepts 120, ends 150, wraps up 155                          handled
 * c6  arrives 70, its asset is deleted at 90 while it waits                          interrupted
 * c10 arrives 100, a answers at 101; asset deleted; a ends at 115, wraps up 118      interrupted
 * c7  arrives 125, offered to b, RONA; offered to a at 156, accepted 160; b joins
 *     a conference 165–170 (wrap-up 172); a ends 175, wraps up 179                    handled
 * c8  arrives 130, b answers at 132, transfers to agent a at 140 (wrap-up 141);
 *     a never accepts: disconnected at 170                                           transfer-disconnected
 * b logs out at 175; a stays until the end.
 */
const records = [
  record('c1', {
    arrivedAt: 0,
    firstOfferedAt: 0,
    acceptedAt: 10,
    endedAt: 70,
    outcome: 'handled',
    legs: [leg('a', 'answer', [0, 10, 70, 80])],
  }),
  record('c2', {
    arrivedAt: 5,
    firstOfferedAt: 30,
    acceptedAt: 35,
    endedAt: 95,
    outcome: 'handled',
    legs: [leg('b', 'answer', [30, 35, 95, 100])],
  }),
  record('c3', { arrivedAt: 10, endedAt: 13, outcome: 'abandoned' }),
  record('c4', { arrivedAt: 20, endedAt: 50, outcome: 'abandoned' }),
  record('c5', {
    arrivedAt: 65,
    firstOfferedAt: 65,
    acceptedAt: 80,
    endedAt: 150,
    outcome: 'handled',
    transferCount: 1,
    legs: [leg('a', 'answer', [65, 80, 100, 105]), leg('b', 'transfer', [118, 120, 150, 155])],
  }),
  record('c6', { arrivedAt: 70, endedAt: 90, outcome: 'interrupted' }),
  record('c10', {
    arrivedAt: 100,
    firstOfferedAt: 100,
    acceptedAt: 101,
    endedAt: 115,
    outcome: 'interrupted',
    legs: [leg('a', 'answer', [100, 101, 115, 118])],
  }),
  record('c7', {
    arrivedAt: 125,
    firstOfferedAt: 125,
    acceptedAt: 160,
    endedAt: 175,
    outcome: 'handled',
    offerCount: 2,
    ronaCount: 1,
    conferenceCount: 1,
    legs: [leg('a', 'answer', [156, 160, 175, 179]), leg('b', 'conference', [165, 166, 170, 172])],
  }),
  record('c8', {
    arrivedAt: 130,
    firstOfferedAt: 130,
    acceptedAt: 132,
    endedAt: 170,
    outcome: 'transfer-disconnected',
    offerCount: 2,
    ronaCount: 1,
    transferCount: 1,
    legs: [leg('b', 'answer', [130, 132, 140, 141])],
  }),
];
const agentStates = [
  state('a', 'Available', 0),
  state('b', 'Available', 0),
  state('b', 'LoggedOut', 175),
];
const trace = input({ records, agentStates, agentCapacity: { a: 2, b: 2 } });

describe('computeKpis: a hand-built trace with known answers', () => {
  const report = computeKpis(trace);
  const { total } = report;

  it('counts: every conversation has one outcome', () => {
    expect(total).toMatchObject({
      offered: 9,
      answered: 6,
      handled: 4,
      abandoned: 2,
      abandonedAfterAnswer: 0,
      shortAbandoned: 1,
      abandonedAfterThreshold: 1,
      interrupted: 2,
      transferDisconnected: 1,
      answeredWithinThreshold: 4,
    });
    expect(total.handled + total.abandoned + total.interrupted + total.transferDisconnected).toBe(
      total.offered,
    );
  });

  it('waits: ASA, average, nearest-rank percentiles, maximum (seconds)', () => {
    // Answered waits: 10, 30, 15, 1, 35, 2 → sorted 1, 2, 10, 15, 30, 35.
    expect(total.asa).toBeCloseTo(93 / 6, 12);
    // All waits: 10 30 3 30 15 20 1 35 2.
    expect(total.avgWait).toBeCloseTo(146 / 9, 12);
    expect(total.waitP50).toBe(10); // rank ⌈0.5·6⌉ = 3
    expect(total.waitP90).toBe(35); // rank ⌈5.4⌉ = 6
    expect(total.waitP99).toBe(35);
    expect(total.maxWait).toBe(35);
    expect(total.abandonRate).toBeCloseTo(2 / 9, 12);
  });

  it('handle time: owner legs of handled conversations only; a transfer adds both owners', () => {
    // c1 60, c2 60, c5 20 + 30, c7 15 (the conference leg is not handle time).
    expect(total.aht).toBeCloseTo(185 / 4, 12);
    // c1 10, c2 5, c5 5 + 5, c7 4.
    expect(total.avgWrapUp).toBeCloseTo(29 / 4, 12);
  });

  it('offers, RONA, transfers, conferences', () => {
    expect(total).toMatchObject({ offers: 9, ronaCount: 2, transfers: 2, conferences: 1 });
    expect(total.ronaRate).toBeCloseTo(2 / 9, 12);
  });

  it('service level under each definition', () => {
    const sl = (
      definition: 'offered' | 'offered-minus-short-abandons' | 'answered-plus-late-abandons',
    ) =>
      computeKpis({ ...trace, serviceLevel: { ...trace.serviceLevel, definition } }).total
        .serviceLevel;
    expect(sl('offered')).toBeCloseTo(4 / 9, 12);
    expect(sl('offered-minus-short-abandons')).toBeCloseTo(4 / 8, 12);
    expect(sl('answered-plus-late-abandons')).toBeCloseTo(4 / 7, 12);
  });

  it('occupancy: busy slot time over staffed slot time, from legs and agent states', () => {
    // Busy slot-seconds: a 161, b 125; staffed slot-seconds: a 2·180, b 2·175.
    expect(total.occupancy).toBeCloseTo(286 / 710, 12);
    // Agent-seconds with a conversation: a 141, b 114; staffed: 180 + 175.
    expect(total.agentOccupancy).toBeCloseTo(255 / 355, 12);
    expect(total.staffedAgents).toBeCloseTo(355 / 180, 12);
  });

  it('queue length: the most conversations queued at once (c3 and c4 join c2)', () => {
    expect(total.maxQueueLength).toBe(2);
  });

  it("Little's law holds exactly when every wait ends inside the horizon", () => {
    expect(total.littlesLaw.arrivalRate).toBeCloseTo(9 / 180, 14);
    expect(total.littlesLaw.meanWait).toBeCloseTo(146 / 9, 12);
    expect(total.littlesLaw.meanWaiting).toBeCloseTo(146 / 180, 12);
    expect(total.littlesLaw.lambdaW).toBeCloseTo(total.littlesLaw.meanWaiting!, 12);
  });

  it('intervals: conversations count where they arrived; time-based KPIs use overlap', () => {
    const [i0, i1, i2] = report.intervals as [KpiSet, KpiSet, KpiSet];
    expect(report.intervals).toHaveLength(3);
    expect([i0.offered, i1.offered, i2.offered]).toEqual([4, 3, 2]);
    expect([i0.answered, i1.answered, i2.answered]).toEqual([2, 2, 2]);
    expect([i0.serviceLevel, i1.serviceLevel, i2.serviceLevel]).toEqual([1 / 4, 2 / 3, 1 / 2]);
    // c5 arrived in interval 1 and was transferred in it; c8's transfer counts in interval 2.
    expect([i0.transfers, i1.transfers, i2.transfers]).toEqual([0, 1, 1]);
    // c1 arrived in interval 0 and is handled there, although it ends in interval 1.
    expect(i0.aht).toBe(60);
    expect(i0.occupancy).toBeCloseTo(90 / 240, 12);
    expect(i1.occupancy).toBeCloseTo(120 / 240, 12);
    expect(i2.occupancy).toBeCloseTo(76 / 230, 12);
    expect(i2.agentOccupancy).toBeCloseTo(65 / 115, 12);
    expect(i2.staffedAgents).toBeCloseTo(115 / 60, 12);
    expect([i0.maxQueueLength, i1.maxQueueLength, i2.maxQueueLength]).toEqual([2, 1, 0]);
    expect([i0, i1, i2].map((i) => i.littlesLaw.meanWaiting! * 60)).toEqual([
      expect.closeTo(73, 9),
      expect.closeTo(36, 9),
      expect.closeTo(37, 9),
    ]);
  });

  it('interval SL under the other definitions', () => {
    const at = (definition: 'offered-minus-short-abandons' | 'answered-plus-late-abandons') =>
      computeKpis({ ...trace, serviceLevel: { ...trace.serviceLevel, definition } }).intervals.map(
        (i) => i.serviceLevel,
      );
    expect(at('offered-minus-short-abandons')).toEqual([1 / 3, 2 / 3, 1 / 2]);
    expect(at('answered-plus-late-abandons')).toEqual([1 / 3, 1, 1 / 2]);
  });

  it('does not depend on the order of records or agent states', () => {
    const shuffled = computeKpis({
      ...trace,
      records: [...records].reverse(),
      agentStates: [agentStates[2]!, agentStates[0]!, agentStates[1]!],
    });
    expect(shuffled).toEqual(report);
  });
});

describe('computeKpis: edge cases', () => {
  it('no conversations: counts 0, ratios and means null', () => {
    const { total } = computeKpis(input());
    expect(total).toMatchObject({
      offered: 0,
      answered: 0,
      serviceLevel: null,
      abandonRate: null,
      asa: null,
      avgWait: null,
      waitP50: null,
      aht: null,
      occupancy: null,
      ronaRate: null,
      maxQueueLength: 0,
      staffedAgents: 0,
    });
    expect(total.littlesLaw).toEqual({
      arrivalRate: 0,
      meanWait: null,
      lambdaW: 0,
      meanWaiting: 0,
    });
  });

  it('no answered conversations: ASA, percentiles and AHT null; SL 0 or undefined', () => {
    const only = computeKpis(
      input({
        records: [
          record('x', { arrivedAt: 1, endedAt: 3, outcome: 'abandoned' }),
          record('y', { arrivedAt: 2, endedAt: 40, outcome: 'abandoned' }),
        ],
      }),
    ).total;
    expect(only).toMatchObject({ answered: 0, asa: null, waitP50: null, waitP99: null, aht: null });
    expect(only.serviceLevel).toBe(0);
    expect(only.avgWait).toBe(20);
    const late = computeKpis(
      input({
        records: [record('x', { arrivedAt: 1, endedAt: 3, outcome: 'abandoned' })],
        serviceLevel: {
          thresholdSeconds: 20,
          definition: 'answered-plus-late-abandons',
          shortAbandonSeconds: 5,
        },
      }),
    ).total;
    // Neither answered nor abandoned after T: nothing to measure.
    expect(late.serviceLevel).toBeNull();
    const short = computeKpis(
      input({
        records: [record('x', { arrivedAt: 1, endedAt: 3, outcome: 'abandoned' })],
        serviceLevel: {
          thresholdSeconds: 20,
          definition: 'offered-minus-short-abandons',
          shortAbandonSeconds: 5,
        },
      }),
    ).total;
    expect(short.serviceLevel).toBeNull();
  });

  it('threshold boundaries: answered at exactly T is within; abandoned at exactly S is not short', () => {
    const { total } = computeKpis(
      input({
        records: [
          record('x', {
            arrivedAt: 0,
            firstOfferedAt: 0,
            acceptedAt: 20,
            endedAt: 30,
            outcome: 'handled',
            legs: [leg('a', 'answer', [0, 20, 30, 30])],
          }),
          record('y', { arrivedAt: 0, endedAt: 5, outcome: 'abandoned' }),
          record('z', { arrivedAt: 0, endedAt: 20, outcome: 'abandoned' }),
        ],
        agentCapacity: { a: 1 },
      }),
    );
    expect(total).toMatchObject({
      answeredWithinThreshold: 1,
      shortAbandoned: 0,
      abandonedAfterThreshold: 0,
    });
  });

  it('warm-up: conversations arriving before measureFromMs count nowhere; time starts there', () => {
    const warm = record('w', {
      arrivedAt: 50,
      firstOfferedAt: 50,
      acceptedAt: 55,
      endedAt: 100,
      outcome: 'handled',
      legs: [leg('a', 'answer', [50, 55, 100, 100])],
    });
    const measured = record('m', {
      arrivedAt: 70,
      firstOfferedAt: 80,
      acceptedAt: 80,
      endedAt: 90,
      outcome: 'handled',
      legs: [leg('a', 'answer', [80, 80, 90, 90])],
    });
    const report = computeKpis(
      input({
        records: [warm, measured],
        agentStates: [state('a', 'Available', 0)],
        agentCapacity: { a: 2 },
        measureFromMs: s(60),
      }),
    );
    expect(report.total).toMatchObject({ offered: 1, answered: 1, asa: 10, aht: 10 });
    expect(report.intervals.map((i) => i.offered)).toEqual([0, 1, 0]);
    // Interval 0 lies wholly in the warm-up: no measured time.
    expect(report.intervals[0]).toMatchObject({
      occupancy: null,
      staffedAgents: null,
      maxQueueLength: null,
    });
    expect(report.intervals[0]!.littlesLaw.arrivalRate).toBeNull();
    // The warm-up conversation's work from 60 to 100 s still fills a slot of the measured time.
    expect(report.total.occupancy).toBeCloseTo((40 + 10) / (2 * 120), 12);
    // Little's law over the measured population: the one 10 s wait in 120 s.
    expect(report.total.littlesLaw.meanWaiting).toBeCloseTo(10 / 120, 12);
    expect(report.total.littlesLaw.lambdaW).toBeCloseTo(10 / 120, 12);
  });

  it('arrivals at or after endMs are not measured; intervals that do not cover the horizon only miss counts', () => {
    const report = computeKpis(
      input({
        records: [
          record('x', { arrivedAt: 179, endedAt: 181, outcome: 'abandoned' }),
          record('y', { arrivedAt: 180, endedAt: 181, outcome: 'abandoned' }),
        ],
        intervals: { startMs: 0, lengthMs: s(60), count: 2 },
      }),
    );
    expect(report.total.offered).toBe(1);
    expect(report.intervals.map((i) => i.offered)).toEqual([0, 0]);
  });

  it('an abandon after a transfer to a queue is abandonedAfterAnswer, not a queue abandon', () => {
    const { total } = computeKpis(
      input({
        records: [
          record('x', {
            arrivedAt: 0,
            firstOfferedAt: 0,
            acceptedAt: 30,
            endedAt: 100,
            outcome: 'abandoned',
            transferCount: 1,
            legs: [leg('a', 'answer', [0, 30, 40, 45])],
          }),
        ],
        agentCapacity: { a: 1 },
      }),
    );
    expect(total).toMatchObject({
      answered: 1,
      abandoned: 0,
      abandonedAfterAnswer: 1,
      abandonedAfterThreshold: 0,
      abandonRate: 0,
      serviceLevel: 0,
      aht: null,
    });
  });

  it('an agent holding a slot counts as staffed even without state records', () => {
    const { total } = computeKpis(
      input({
        records: [
          record('x', {
            arrivedAt: 0,
            firstOfferedAt: 0,
            acceptedAt: 0,
            endedAt: 90,
            outcome: 'handled',
            legs: [leg('a', 'answer', [0, 0, 90, 90])],
          }),
        ],
        agentCapacity: { a: 3 },
      }),
    );
    expect(total.occupancy).toBeCloseTo(1 / 3, 12);
    expect(total.agentOccupancy).toBe(1);
    expect(total.staffedAgents).toBeCloseTo(0.5, 12);
  });

  it('status changes: Idle and RONA are staffed, LoggedOut is not; the last change at an instant wins', () => {
    const { total } = computeKpis(
      input({
        agentStates: [
          state('a', 'Available', 0),
          state('a', 'RONA', 30),
          state('a', 'Idle', 60),
          state('a', 'LoggedOut', 90),
          state('a', 'Available', 90),
          state('a', 'LoggedOut', 120),
        ],
        agentCapacity: { a: 1 },
      }),
    );
    expect(total.staffedAgents).toBeCloseTo(120 / 180, 12);
    expect(total.occupancy).toBe(0);
  });

  it('refuses inconsistent input with a KpiError code', () => {
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        if (e instanceof KpiError) return e.code;
        throw e;
      }
      return undefined;
    };
    expect(code(() => computeKpis(input({ endMs: -1 })))).toBe('KPI_INVALID_INPUT');
    expect(
      code(() => computeKpis(input({ intervals: { startMs: 0, lengthMs: 0, count: 1 } }))),
    ).toBe('KPI_INVALID_INPUT');
    expect(code(() => computeKpis(input({ agentCapacity: { a: 0 } })))).toBe('KPI_INVALID_INPUT');
    expect(code(() => computeKpis(input({ agentStates: [state('zed', 'Available', 0)] })))).toBe(
      'KPI_UNKNOWN_AGENT',
    );
  });
});
