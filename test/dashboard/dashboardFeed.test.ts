import { describe, expect, it } from 'vitest';
import { DashboardFeed } from '../../src/dashboard/dashboardFeed.js';
import type { DashboardEvent, ServerPoint } from '../../src/dashboard/points.js';
import { EMPTY } from '../../src/dashboard/stepLatency.js';

const body = (webhooks: number) => ({
  queues: { sales: webhooks },
  agents: { Available: 1 },
  slots: { busy: 0, capacity: 1 },
  serviceLevel: { tenant: null, queues: { sales: null }, finished: 0 },
  ack: EMPTY,
  webhooks,
  messagesIn: webhooks,
  errors: 0,
});

const info = {
  source: 'serve' as const,
  title: 't',
  queues: [{ id: 'sales', name: 'Sales' }],
  hasServer: true,
  hasLoad: false,
  startedAt: 0,
};

describe('DashboardFeed', () => {
  it('sends a snapshot on subscribe, then each point, and a fresh snapshot once old points were merged', () => {
    const feed = new DashboardFeed({ ...info, capacity: 4 });
    const events: DashboardEvent[] = [];
    const stop = feed.subscribe((e) => events.push(e));
    expect(events.map((e) => e.type)).toEqual(['snapshot']);
    for (let i = 1; i <= 3; i++) feed.recordServer(body(i), i * 1000, 1000);
    expect(events.map((e) => e.type)).toEqual(['snapshot', 'server', 'server', 'server']);
    feed.recordServer(body(4), 4000, 1000);
    const last = events.at(-1)!;
    expect(last.type).toBe('snapshot');
    if (last.type === 'snapshot') {
      // Four points merged to two: counts add up, the later gauges stay.
      expect(last.snapshot.server.map((p) => [p.stepMs, p.webhooks, p.queues.sales])).toEqual([
        [2000, 3, 2],
        [2000, 7, 4],
      ]);
    }
    stop();
    feed.recordServer(body(5), 5000, 1000);
    expect(events).toHaveLength(5);
    expect(feed.listenerCount).toBe(0);
  });

  it('ingests the points of another feed once each, by seq', () => {
    const remote = new DashboardFeed(info);
    for (let i = 1; i <= 3; i++) remote.recordServer(body(i), i * 1000, 1000);
    const local = new DashboardFeed({ ...info, source: 'loadtest', hasLoad: true });
    local.ingestServer(remote.serverPointsAfter(0));
    remote.recordServer(body(4), 4000, 1000);
    const again: ServerPoint[] = remote.serverPointsAfter(0);
    local.ingestServer(again);
    expect(local.snapshot().server.map((p) => p.seq)).toEqual([1, 2, 3, 4]);
    expect(remote.serverPointsAfter(local.lastServerSeq())).toEqual([]);
  });

  it('finish tells the listeners and marks the snapshot done', () => {
    const feed = new DashboardFeed(info);
    const events: DashboardEvent[] = [];
    feed.subscribe((e) => events.push(e));
    const final = {
      leaks: 0,
      lost: 0,
      acknowledged: 3,
      delivered: 3,
      verifiedBy: 'frames+records',
      endReason: 'completed',
    };
    feed.finish(final);
    expect(events.at(-1)).toEqual({ type: 'final', final });
    expect(feed.snapshot()).toMatchObject({ done: true, final });
  });
});
