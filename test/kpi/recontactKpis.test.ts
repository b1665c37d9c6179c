import { describe, expect, it } from 'vitest';
import type { ConversationRecord } from '../../src/core/index.js';
import { computeKpis, KpiError, recontactLinks } from '../../src/kpi/index.js';
import { input, leg, type RecordSpec, record, s } from './builders.js';

/**
 * Re-contact KPIs (issue 12 item 3), by hand: a conversation is a re-contact when the same
 * customer's previous conversation on the asset ended at most the window before it arrived;
 * re-contact share = re-contacts / offered; FCR = of the handled first contacts, the share not
 * followed by a re-contact. Per queue, each conversation counts in its own queue (a customer's
 * FCR in the queue of their first contact).
 */

const handled = (arrivedAt: number, endedAt: number): RecordSpec => ({
  arrivedAt,
  endedAt,
  outcome: 'handled',
  firstOfferedAt: arrivedAt,
  acceptedAt: arrivedAt,
  legs: [leg('a1', 'answer', [arrivedAt, arrivedAt, endedAt, endedAt])],
});
const abandoned = (arrivedAt: number, endedAt: number): RecordSpec => ({
  arrivedAt,
  endedAt,
  outcome: 'abandoned',
});
const of = (
  id: string,
  customerId: string,
  spec: RecordSpec,
  over: Partial<ConversationRecord> = {},
): ConversationRecord => ({ ...record(id, spec), customerId, ...over });

// Window 30 s. Customer A: handled 0–10, back at 30 (gap 20: re-contact), handled 30–40.
// Customer B: abandoned 5–15, back at 50 (gap 35 > 30: a new first contact), handled 50–60.
// Customer C: handled 20–25, writes again at 40 on another asset (not a re-contact of it).
// Customer D: handled 100–110, re-contact at 120 in the support queue, abandoned 120–125.
const records = [
  of('a1', 'A', handled(0, 10)),
  of('a2', 'A', handled(30, 40)),
  of('b1', 'B', abandoned(5, 15)),
  of('b2', 'B', handled(50, 60)),
  of('c1', 'C', handled(20, 25)),
  of('c2', 'C', handled(40, 45), { assetId: 'pn-other' }),
  of('d1', 'D', handled(100, 110)),
  of('d2', 'D', abandoned(120, 125), { queueId: 'support', lastQueueId: 'support' }),
];
const sl = { thresholdSeconds: 20, definition: 'offered', shortAbandonSeconds: 5 } as const;

describe('re-contact links (window rule)', () => {
  it('links a customer’s next conversation on the same asset within the window only', () => {
    const links = recontactLinks(records, s(30));
    const ids = (set: ReadonlySet<ConversationRecord>) =>
      [...set].map((r) => r.conversationId).sort();
    expect(ids(links.recontact)).toEqual(['a2', 'd2']);
    expect(ids(links.followed)).toEqual(['a1', 'd1']);
    // A window of 35 s takes B's return too (the gap is exactly 35 s: at most the window).
    expect(ids(recontactLinks(records, s(35)).recontact)).toEqual(['a2', 'b2', 'd2']);
  });
});

describe('re-contact KPIs in computeKpis', () => {
  it('re-contacts, re-contact share and FCR, total, per interval and per queue', () => {
    const report = computeKpis(
      input({
        records,
        agentCapacity: { a1: 1 },
        recontactWindowMs: s(30),
        queues: { sales: sl, support: sl },
      }),
    );
    const t = report.total;
    expect(t.offered).toBe(8);
    expect(t.recontacts).toBe(2);
    expect(t.recontactShare).toBe(2 / 8);
    // Handled first contacts: a1 (followed), b2, c1, c2, d1 (followed): 3 of 5 resolved.
    expect(t.fcr).toBe(3 / 5);
    // Interval 0 (0–60 s): a1 a2 b1 c1 c2 (b2 arrives at 50: also interval 0).
    const i0 = report.intervals[0]!;
    expect(i0.recontacts).toBe(1);
    expect(i0.fcr).toBe(3 / 4);
    // Interval 1 (60–120 s): d1, followed by d2 in interval 2.
    expect(report.intervals[1]!.fcr).toBe(0);
    expect(report.intervals[2]!.recontactShare).toBe(1);
    expect(report.intervals[2]!.fcr).toBeNull();
    // Queues: d2 counts in support, its first contact d1 in sales.
    expect(t.queues.sales!.recontacts).toBe(1);
    expect(t.queues.sales!.fcr).toBe(3 / 5);
    expect(t.queues.support!.recontacts).toBe(1);
    expect(t.queues.support!.recontactShare).toBe(1);
    expect(t.queues.support!.fcr).toBeNull();
  });

  it('a re-contact whose first contact arrived in the warm-up still counts as one', () => {
    const t = computeKpis(
      input({ records, agentCapacity: { a1: 1 }, recontactWindowMs: s(30), measureFromMs: s(28) }),
    ).total;
    expect(t.offered).toBe(5); // a2 b2 c2 d1 d2
    expect(t.recontacts).toBe(2);
  });

  it('without a window there are no re-contact KPIs at all', () => {
    const t = computeKpis(input({ records, agentCapacity: { a1: 1 } })).total;
    expect(t).not.toHaveProperty('recontacts');
    expect(t).not.toHaveProperty('fcr');
    expect(t.queues).toEqual({});
  });

  it('refuses a window that is not a positive number', () => {
    expect(() => computeKpis(input({ records, recontactWindowMs: 0 }))).toThrow(KpiError);
    expect(() => computeKpis(input({ records, recontactWindowMs: Number.NaN }))).toThrow(
      /recontactWindowMs/,
    );
  });
});
