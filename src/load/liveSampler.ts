import type { LoadPoint } from '../dashboard/points.js';
import { StepLatencyRecorder } from '../dashboard/stepLatency.js';
import type { LoadMetrics } from './metrics.js';

/** What a running load test shows of itself while it goes (null before its agents connect). */
export interface LiveRunCounts {
  /** Planted secrets seen unmasked in agent frames so far. */
  readonly leaks: number;
  /** Acknowledged messages not seen on any desktop yet. */
  readonly unseen: number;
}

/**
 * The load side of a live dashboard: a point per step from the run's metrics (counts of the
 * step, the client-side ack latency of the step through the trend's observer, leaks and unseen
 * messages as of now). It reads counters only; the run does not wait for it.
 */
export class LoadLiveSampler {
  private readonly ack = new StepLatencyRecorder();
  private last = { sent: 0, acked: 0, failed: 0, frames: 0 };

  constructor(
    private readonly metrics: LoadMetrics,
    private readonly live: () => LiveRunCounts | null,
  ) {
    metrics.webhook_ack.observer = (ms) => this.ack.record(ms);
  }

  /** The step that ends now, or null while the run has not started. */
  sample(): Omit<LoadPoint, 'seq' | 'at' | 'stepMs'> | null {
    const counts = this.live();
    if (counts === null) return null;
    const m = this.metrics;
    const now = {
      sent: m.webhooks.count,
      acked: m.webhook_acks.count,
      failed: m.webhook_failed.passes,
      frames: m.frames.count,
    };
    const point = {
      sent: now.sent - this.last.sent,
      acked: now.acked - this.last.acked,
      failed: now.failed - this.last.failed,
      ack: this.ack.take(),
      leaks: counts.leaks,
      unseen: counts.unseen,
      frames: now.frames - this.last.frames,
    };
    this.last = now;
    return point;
  }
}
