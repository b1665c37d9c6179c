import { describe, expect, it } from 'vitest';
import { runReplications } from '../../sim/pool.js';
import { simulateReplication } from '../../sim/replication.js';
import { replicationRecords, summarizeRun } from '../../sim/summary.js';
import type { ConversationRecord } from '../../src/core/index.js';
import { kpiFrame, queueServiceLevels } from '../../src/scenario/index.js';
import { stress } from './fixtures.js';

/**
 * Per-queue service levels (`serviceLevel.queues`, issue 12 item 1): a block that repeats the
 * tenant's definition gives the same summary.json and replications.json bytes as none; a queue's
 * own threshold and definition decide its SL in summary.json (checked by hand from the records),
 * and its own target decides its verdict. The stress scenario: SL 60 s, `offered`, target 0.8.
 */

const context = { version: '0.0.0-test', request: { file: 'stress' }, seed: 7 };

describe('serviceLevel.queues', () => {
  it('resolves each queue field by field over the tenant, in the order of tenant.queues', () => {
    const s = stress({
      serviceLevel: { queues: { billing: { thresholdSeconds: 20 }, sales: { target: 0.5 } } },
    });
    expect(queueServiceLevels(s)).toEqual({
      sales: { thresholdSeconds: 60, target: 0.5, definition: 'offered' },
      support: { thresholdSeconds: 60, target: 0.8, definition: 'offered' },
      billing: { thresholdSeconds: 20, target: 0.8, definition: 'offered' },
    });
    expect(kpiFrame(s).queues.billing).toEqual({
      thresholdSeconds: 20,
      definition: 'offered',
      shortAbandonSeconds: 5,
    });
  });

  it('a block that repeats the tenant defaults: the same summary.json and replications.json bytes', async () => {
    const neutral = stress({
      serviceLevel: {
        queues: {
          sales: { thresholdSeconds: 60, target: 0.8, definition: 'offered' },
          support: {},
          billing: { target: 0.8 },
        },
      },
    });
    const a = await runReplications(stress(), { replications: 2, workers: 0 });
    const b = await runReplications(neutral, { replications: 2, workers: 0 });
    expect(JSON.stringify(summarizeRun(neutral, b, context))).toBe(
      JSON.stringify(summarizeRun(stress(), a, context)),
    );
    expect(JSON.stringify(replicationRecords(b))).toBe(JSON.stringify(replicationRecords(a)));
  });

  it("a queue's own threshold and definition give its SL, and its own target its verdict", async () => {
    const own = stress({
      serviceLevel: {
        queues: {
          sales: { thresholdSeconds: 5, definition: 'answered-plus-late-abandons', target: 0.3 },
        },
      },
    });
    const records = simulateReplication(own, 0, { keepRecords: true, kpis: false }).records!;
    const frame = kpiFrame(own);
    const measured = (r: ConversationRecord) =>
      r.queueId === 'sales' && r.arrivedAt >= frame.measureFromMs && r.arrivedAt < frame.endMs;
    const sales = records.filter(measured);
    const wait = (r: ConversationRecord) => ((r.acceptedAt ?? r.endedAt) - r.arrivedAt) / 1000;
    const within = sales.filter((r) => r.acceptedAt !== null && wait(r) <= 5).length;
    const answered = sales.filter((r) => r.acceptedAt !== null).length;
    const late = sales.filter(
      (r) => r.outcome === 'abandoned' && r.acceptedAt === null && wait(r) > 5,
    ).length;
    expect(sales.length).toBeGreaterThan(20);
    expect(within).toBeLessThan(answered); // the 5 s threshold matters here

    const [result] = await runReplications(own, { replications: 1, workers: 0 });
    const summary = summarizeRun(own, [result!], context);
    expect(summary.kpis.total.queues.sales!.serviceLevel.mean).toBeCloseTo(
      within / (answered + late),
      12,
    );
    // support keeps the tenant's 60 s, offered: its SL is not the 5 s one.
    expect(summary.serviceLevel.queues.support).toEqual({
      thresholdSeconds: 60,
      target: 0.8,
      definition: 'offered',
    });
    expect(summary.queueVerdicts.sales!.target).toBe(0.3);
    expect(summary.queueVerdicts.sales!.day.met).toBe(within / (answered + late) >= 0.3);
    expect(summary.queueVerdicts.support!.target).toBe(0.8);
  });

  it('refuses a queue that is not in tenant.queues, with its path, before any work', () => {
    expect(() => stress({ serviceLevel: { queues: { nope: { target: 0.5 } } } })).toThrow(
      /serviceLevel\.queues\.nope: unknown queue "nope"; the queues are "sales", "support", "billing"/,
    );
    expect(() => stress({ serviceLevel: { queues: { sales: { target: 2 } } } })).toThrow(
      /serviceLevel\.queues\.sales\.target/,
    );
  });
});
