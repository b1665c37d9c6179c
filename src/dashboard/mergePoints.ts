import type { LoadPoint, ServerPoint } from './points.js';
import { mergeLatency } from './stepLatency.js';

/** Two neighbouring server points as one: counts add up, gauges are the later point's. */
export function mergeServerPoints(a: ServerPoint, b: ServerPoint): ServerPoint {
  return {
    ...b,
    stepMs: a.stepMs + b.stepMs,
    ack: mergeLatency(a.ack, b.ack),
    webhooks: a.webhooks + b.webhooks,
    messagesIn: a.messagesIn + b.messagesIn,
    errors: a.errors + b.errors,
  };
}

/** Two neighbouring load points as one: counts add up, totals and gauges are the later point's. */
export function mergeLoadPoints(a: LoadPoint, b: LoadPoint): LoadPoint {
  return {
    ...b,
    stepMs: a.stepMs + b.stepMs,
    sent: a.sent + b.sent,
    acked: a.acked + b.acked,
    failed: a.failed + b.failed,
    ack: mergeLatency(a.ack, b.ack),
    frames: a.frames + b.frames,
  };
}
