import { describe, expect, it } from 'vitest';
import type { ConversationRecord } from '../../src/core/index.js';
import { computeKpis, KpiError, type KpiInput } from '../../src/kpi/index.js';
import { input, leg, type RecordSpec, record, state } from './builders.js';

/**
 * Issue 12 (item 6): KPIs per queue and per agent group, exact. A hand-made record set with two
 * queues and two groups; every expected number below is worked out by hand in the comments.
 *
 * sales (tenant SL: T = 20 s, S = 5 s, definition offered), agent ann (group front):
 *   s1 arrives 0, ann 0–30                               handled, wait 0
 *   s2 arrives 10, ann 30–70                             handled, wait 20 (= T: within)
 *   s3 arrives 20, abandons at 23                        wait 3 < S: short abandon
 *   s4 arrives 65, ann 70–80, transferred to queue support, bob 85–125
 *                                                        handled, wait 5; counts in sales
 * support (own SL: T = 10 s, definition answered-plus-late-abandons), agent bob (group back):
 *   u1 arrives 5, offered 5, bob 17–60                   handled, wait 12 > T
 *   u2 arrives 30, abandons at 50                        wait 20 > T: late abandon
 *   u3 arrives 100, bob 125–150                          handled, wait 25 > T
 * ann is Available from 0 on; bob is Available from 0, Idle at 150, LoggedOut at 170.
 */
function inQueue(
  queueId: string,
  lastQueueId: string,
  id: string,
  spec: RecordSpec,
): ConversationRecord {
  return { ...record(id, spec), queueId, lastQueueId };
}

const records = [
  inQueue('sales', 'sales', 's1', {
    arrivedAt: 0,
    firstOfferedAt: 0,
    acceptedAt: 0,
    endedAt: 30,
    outcome: 'handled',
    legs: [leg('ann', 'answer', [0, 0, 30, 30])],
  }),
  inQueue('sales', 'sales', 's2', {
    arrivedAt: 10,
    firstOfferedAt: 30,
    acceptedAt: 30,
    endedAt: 70,
    outcome: 'handled',
    legs: [leg('ann', 'answer', [30, 30, 70, 70])],
  }),
  inQueue('sales', 'sales', 's3', { arrivedAt: 20, endedAt: 23, outcome: 'abandoned' }),
  inQueue('sales', 'support', 's4', {
    arrivedAt: 65,
    firstOfferedAt: 70,
    acceptedAt: 70,
    endedAt: 125,
    outcome: 'handled',
    transferCount: 1,
    legs: [leg('ann', 'answer', [70, 70, 80, 80]), leg('bob', 'transfer', [80, 85, 125, 125])],
  }),
  inQueue('support', 'support', 'u1', {
    arrivedAt: 5,
    firstOfferedAt: 5,
    acceptedAt: 17,
    endedAt: 60,
    outcome: 'handled',
    legs: [leg('bob', 'answer', [5, 17, 60, 60])],
  }),
  inQueue('support', 'support', 'u2', { arrivedAt: 30, endedAt: 50, outcome: 'abandoned' }),
  inQueue('support', 'support', 'u3', {
    arrivedAt: 100,
    firstOfferedAt: 125,
    acceptedAt: 125,
    endedAt: 150,
    outcome: 'handled',
    legs: [leg('bob', 'answer', [125, 125, 150, 150])],
  }),
];

const tenantSl = { thresholdSeconds: 20, definition: 'offered', shortAbandonSeconds: 5 } as const;
const supportSl = {
  thresholdSeconds: 10,
  definition: 'answered-plus-late-abandons',
  shortAbandonSeconds: 5,
} as const;

function twoQueues(overrides: Partial<KpiInput> = {}): KpiInput {
  return input({
    records,
    agentStates: [
      state('ann', 'Available', 0),
      state('bob', 'Available', 0),
      state('bob', 'Idle', 150),
      state('bob', 'LoggedOut', 170),
    ],
    agentCapacity: { ann: 1, bob: 1 },
    serviceLevel: tenantSl,
    queues: { sales: tenantSl, support: supportSl },
    agentGroups: { front: ['ann'], back: ['bob'] },
    ...overrides,
  });
}

describe('R20 per-queue KPIs (issue 12): exact on a hand-made record set', () => {
  const report = computeKpis(twoQueues());

  it('sales: counts, its own SL, P(wait), waits, AHT, transfers', () => {
    expect(report.total.queues.sales).toEqual({
      offered: 4,
      answered: 3,
      handled: 3,
      abandoned: 1,
      abandonedAfterAnswer: 0,
      shortAbandoned: 1,
      abandonedAfterThreshold: 0,
      interrupted: 0,
      transferDisconnected: 0,
      answeredWithinThreshold: 3, // waits 0, 20, 5 are all <= 20
      serviceLevel: 3 / 4, // offered
      probabilityWait: 3 / 4, // only s1 was answered the instant it arrived
      abandonRate: 1 / 4,
      asa: (0 + 20 + 5) / 3,
      avgWait: (0 + 20 + 3 + 5) / 4,
      waitP50: 5, // sorted answered waits [0, 5, 20], rank ceil(1.5) = 2
      waitP90: 20,
      waitP99: 20,
      maxWait: 20,
      aht: (30 + 40 + (10 + 40)) / 3, // s4: both owners' legs
      avgWrapUp: 0,
      offers: 4,
      ronaCount: 0,
      ronaRate: 0,
      transfers: 1,
      conferences: 0,
      // s4 went on to support: it is support's, transferred in.
      transferredIn: 0,
      transferredInHandled: 0,
      transferredInAbandoned: 0,
    });
  });

  it('support: s4, entered in sales and last in support, is transferred in to support', () => {
    expect(report.total.queues.support).toMatchObject({
      transferredIn: 1,
      transferredInHandled: 1,
      transferredInAbandoned: 0,
    });
    // By the interval of its arrival (65 s), as every conversation KPI.
    expect(report.intervals.map((i) => i.queues.support!.transferredIn)).toEqual([0, 1, 0]);
    // Queue sets only: over the tenant, moves between queues are in `transfers`.
    expect(report.total).not.toHaveProperty('transferredIn');
  });

  it('support: SL under its own threshold and definition', () => {
    const q = report.total.queues.support!;
    expect(q.offered).toBe(3);
    expect(q.answered).toBe(2);
    expect(q.abandoned).toBe(1);
    expect(q.shortAbandoned).toBe(0);
    expect(q.abandonedAfterThreshold).toBe(1); // u2 waited 20 > 10
    expect(q.answeredWithinThreshold).toBe(0); // 12 and 25 > 10
    expect(q.serviceLevel).toBe(0 / (2 + 1));
    expect(q.probabilityWait).toBe(1);
    expect(q.asa).toBe((12 + 25) / 2);
    expect(q.avgWait).toBe((12 + 20 + 25) / 3);
    expect([q.waitP50, q.waitP90, q.maxWait]).toEqual([12, 25, 25]);
    expect(q.aht).toBe((43 + 25) / 2);
    expect(q.transfers).toBe(0);
    // Under the tenant's definition (T = 20, offered) the same queue would be 1 / 3 (u1 only).
    const asTenant = computeKpis(twoQueues({ queues: { sales: tenantSl, support: tenantSl } }));
    expect(asTenant.total.queues.support!.serviceLevel).toBe(1 / 3);
  });

  it('queue counts add up to the totals; tenant P(wait) is over all queues', () => {
    const { total } = report;
    for (const k of [
      'offered',
      'answered',
      'handled',
      'abandoned',
      'transfers',
      'offers',
    ] as const) {
      expect(total.queues.sales![k] + total.queues.support![k], k).toBe(total[k]);
    }
    expect(total.probabilityWait).toBe(6 / 7);
  });

  it('per interval: a conversation counts in the interval and queue it arrived in', () => {
    const [i0, i1, i2] = report.intervals;
    expect(i0!.queues.sales!.offered).toBe(3);
    expect(i0!.queues.support!.offered).toBe(2);
    expect(i1!.queues.sales).toMatchObject({ offered: 1, asa: 5, serviceLevel: 1, aht: 50 });
    expect(i1!.queues.support).toMatchObject({ offered: 1, asa: 25, serviceLevel: 0 });
    expect(i2!.queues.sales).toMatchObject({
      offered: 0,
      serviceLevel: null,
      probabilityWait: null,
      asa: null,
    });
  });

  it('groups: occupancy, staffed and available agents, handled by last owner, leg AHT', () => {
    expect(report.total.groups.front).toEqual({
      occupancy: 80 / 180, // ann busy 0–80
      agentOccupancy: 80 / 180,
      staffedAgents: 1,
      availableAgents: 1,
      handled: 2, // s1, s2 (s4's last owner is bob)
      handledLegs: 3,
      aht: (30 + 40 + 10) / 3,
    });
    expect(report.total.groups.back).toEqual({
      occupancy: (55 + 70) / 170, // bob busy 5–60 and 80–150, staffed until 170
      agentOccupancy: (55 + 70) / 170,
      staffedAgents: 170 / 180,
      availableAgents: 150 / 180,
      handled: 3,
      handledLegs: 3,
      aht: (43 + 40 + 25) / 3,
    });
    expect(report.intervals[0]!.groups.front).toMatchObject({ occupancy: 1, handled: 2, aht: 35 });
    expect(report.intervals[0]!.groups.back).toMatchObject({ occupancy: 55 / 60, aht: 43 });
  });

  it('groups may overlap: an agent counts in each group it is in, once in a group listing it twice', () => {
    const overlapping = computeKpis(
      twoQueues({ agentGroups: { front: ['ann'], back: ['bob'], all: ['bob', 'ann', 'bob'] } }),
    );
    expect(overlapping.total.groups.front).toEqual(report.total.groups.front);
    expect(overlapping.total.groups.back).toEqual(report.total.groups.back);
    expect(overlapping.total.groups.all).toMatchObject({
      handled: 2 + 3,
      handledLegs: 3 + 3,
      aht: (30 + 40 + 10 + 43 + 40 + 25) / 6,
    });
    const first = overlapping.intervals[0]!.groups;
    expect(first.all!.handled).toBe(first.front!.handled + first.back!.handled);
    expect(first.all!.handledLegs).toBe(first.front!.handledLegs + first.back!.handledLegs);
  });

  it('without queues or groups in the input there are none, and the totals do not change', () => {
    const bare = computeKpis(twoQueues({ queues: undefined, agentGroups: undefined }));
    expect(bare.total.queues).toEqual({});
    expect(bare.total.groups).toEqual({});
    const { queues: _q, groups: _g, ...withTotals } = report.total;
    const { queues: _bq, groups: _bg, ...bareTotals } = bare.total;
    expect(bareTotals).toEqual(withTotals);
  });

  it('one queue under the tenant definition repeats the totals (neutral per-queue block)', () => {
    const one = records.map((r) => ({ ...r, queueId: 'sales' }));
    const k = computeKpis(twoQueues({ records: one, queues: { sales: tenantSl } })).total;
    const {
      occupancy,
      agentOccupancy,
      staffedAgents,
      maxQueueLength,
      littlesLaw,
      queues,
      groups,
      ...conversation
    } = k;
    // Nothing is transferred in: s4's last queue, support, is not reported.
    expect(queues.sales).toEqual({
      ...conversation,
      transferredIn: 0,
      transferredInHandled: 0,
      transferredInAbandoned: 0,
    });
  });

  it('refuses a record whose queue is not listed (KPI_UNKNOWN_QUEUE) and a bad queue SL', () => {
    expect(() => computeKpis(twoQueues({ queues: { sales: tenantSl } }))).toThrow(
      expect.objectContaining({ code: 'KPI_UNKNOWN_QUEUE' }),
    );
    const bad = { ...supportSl, thresholdSeconds: -1 };
    expect(() => computeKpis(twoQueues({ queues: { sales: tenantSl, support: bad } }))).toThrow(
      KpiError,
    );
  });
});
