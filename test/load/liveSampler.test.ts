import { describe, expect, it } from 'vitest';
import { LoadLiveSampler } from '../../src/load/liveSampler.js';
import { LoadMetrics } from '../../src/load/metrics.js';

/** The load side of the live dashboard: per-step deltas of the run's own counters. */
describe('LoadLiveSampler', () => {
  it('is null before the run, then counts each step from the metrics, whose totals it leaves alone', () => {
    const metrics = new LoadMetrics();
    let counts: { leaks: number; unseen: number } | null = null;
    const sampler = new LoadLiveSampler(metrics, () => counts);
    expect(sampler.sample()).toBeNull();
    counts = { leaks: 0, unseen: 2 };
    metrics.webhooks.add(3);
    metrics.webhook_acks.add(2);
    metrics.webhook_failed.add(true);
    metrics.webhook_failed.add(false);
    for (const ms of [1, 2, 3]) metrics.webhook_ack.add(ms);
    metrics.frames.add(5);
    expect(sampler.sample()).toMatchObject({
      sent: 3,
      acked: 2,
      failed: 1,
      frames: 5,
      leaks: 0,
      unseen: 2,
      ack: { count: 3, p50: 2, max: 3 },
    });
    metrics.webhooks.add(1);
    counts = { leaks: 1, unseen: 0 };
    expect(sampler.sample()).toMatchObject({
      sent: 1,
      acked: 0,
      failed: 0,
      frames: 0,
      leaks: 1,
      ack: { count: 0, p50: null },
    });
    // The run's own metrics still have every sample.
    expect(metrics.webhook_ack.count).toBe(3);
    expect(metrics.webhooks.count).toBe(4);
  });
});
