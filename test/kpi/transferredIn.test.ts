import { describe, expect, it } from 'vitest';
import type { ConversationRecord } from '../../src/core/index.js';
import { computeKpis } from '../../src/kpi/index.js';
import { transferredIn } from '../../src/kpi/transferredIn.js';
import { input, leg, type RecordSpec, record } from './builders.js';

/**
 * Issue 12: a queue reached only by transfers (billing, as in the weekday scenario) shows what
 * reached it. Hand-made records, every count worked out in the comments.
 */
function moved(id: string, from: string, to: string, spec: RecordSpec): ConversationRecord {
  return { ...record(id, spec), queueId: from, lastQueueId: to };
}

const sl = { thresholdSeconds: 20, definition: 'offered', shortAbandonSeconds: 5 } as const;

const records = [
  // t1: sales → billing, handled there.
  moved('t1', 'sales', 'billing', {
    arrivedAt: 0,
    firstOfferedAt: 0,
    acceptedAt: 0,
    endedAt: 50,
    outcome: 'handled',
    transferCount: 1,
    legs: [leg('ann', 'answer', [0, 0, 10, 10]), leg('bob', 'transfer', [10, 15, 50, 50])],
  }),
  // t2: sales → billing, the customer gives up waiting in billing.
  moved('t2', 'sales', 'billing', {
    arrivedAt: 5,
    firstOfferedAt: 5,
    acceptedAt: 5,
    endedAt: 40,
    outcome: 'abandoned',
    transferCount: 1,
    legs: [leg('ann', 'answer', [5, 5, 20, 20])],
  }),
  // t3: support → sales → billing: the record keeps the first and the last queue only, so it is
  // billing's, and sales sees nothing of it.
  moved('t3', 'support', 'billing', {
    arrivedAt: 70,
    firstOfferedAt: 70,
    acceptedAt: 70,
    endedAt: 130,
    outcome: 'handled',
    transferCount: 2,
    legs: [
      leg('cy', 'answer', [70, 70, 80, 80]),
      leg('ann', 'transfer', [80, 85, 100, 100]),
      leg('bob', 'transfer', [100, 105, 130, 130]),
    ],
  }),
  // s1: sales only.
  moved('s1', 'sales', 'sales', {
    arrivedAt: 10,
    firstOfferedAt: 20,
    acceptedAt: 20,
    endedAt: 30,
    outcome: 'handled',
    legs: [leg('ann', 'answer', [20, 20, 30, 30])],
  }),
];

describe('transferred in (issue 12): a queue reached by transfers is visible', () => {
  const report = computeKpis(
    input({
      records,
      agentCapacity: { ann: 1, bob: 1, cy: 1 },
      queues: { sales: sl, support: sl, billing: sl },
    }),
  );

  it('counts, per queue, the conversations last in it that entered another queue first', () => {
    expect(report.total.queues.billing).toMatchObject({
      offered: 0, // nothing entered billing first
      transferredIn: 3,
      transferredInHandled: 2, // t1, t3
      transferredInAbandoned: 1, // t2
    });
    expect(report.total.queues.sales).toMatchObject({ offered: 3, transferredIn: 0 });
    expect(report.total.queues.support).toMatchObject({ offered: 1, transferredIn: 0 });
  });

  it('by the interval of the arrival, as every conversation KPI', () => {
    expect(report.intervals.map((i) => i.queues.billing!.transferredIn)).toEqual([2, 1, 0]);
  });

  it('ignores a last queue that is not reported', () => {
    expect(transferredIn(records, ['sales']).get('sales')).toEqual({
      transferredIn: 0,
      transferredInHandled: 0,
      transferredInAbandoned: 0,
    });
    expect(transferredIn(records, ['billing']).get('billing')!.transferredIn).toBe(3);
  });
});
