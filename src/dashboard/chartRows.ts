import type { LiveRows } from '../report/dashboardCharts.js';
import type { DashboardSnapshot, StepLatency } from './points.js';

/**
 * The charts' rows from a dashboard's points (pure: the page calls it on every point, the saved
 * report on its inlined snapshot). x is seconds since the dashboard started; rates are per
 * second of each point's own step (a merged old point covers several seconds).
 */
export function chartRows(s: DashboardSnapshot): LiveRows {
  const t = (at: number) => Math.round((at - s.startedAt) / 100) / 10;
  const names = new Map(s.queues.map((q) => [q.id, q.name]));
  const queueName = (id: string) => names.get(id) ?? id;
  const queues: { t: number; queue: string; waiting: number }[] = [];
  const serviceLevel: { t: number; scope: string; sl: number }[] = [];
  const agents: { t: number; status: string; agents: number }[] = [];
  const ack: { t: number; series: string; ms: number }[] = [];
  const throughput: { t: number; series: string; perSecond: number }[] = [];
  const errors: { t: number; series: string; perSecond: number }[] = [];
  const checks: { t: number; series: string; count: number }[] = [];
  const latency = (x: number, side: string, l: StepLatency) => {
    for (const [name, ms] of [
      ['p50', l.p50],
      ['p95', l.p95],
      ['p99', l.p99],
    ] as const) {
      if (ms !== null) ack.push({ t: x, series: `${side} ${name}`, ms });
    }
  };
  for (const p of s.server) {
    const x = t(p.at);
    const perSecond = (n: number) => (p.stepMs > 0 ? (n * 1000) / p.stepMs : 0);
    for (const [id, waiting] of Object.entries(p.queues)) {
      queues.push({ t: x, queue: queueName(id), waiting });
    }
    if (p.serviceLevel.tenant !== null) {
      serviceLevel.push({ t: x, scope: 'tenant', sl: p.serviceLevel.tenant });
    }
    for (const [id, sl] of Object.entries(p.serviceLevel.queues)) {
      if (sl !== null) serviceLevel.push({ t: x, scope: queueName(id), sl });
    }
    for (const [status, n] of Object.entries(p.agents)) {
      agents.push({ t: x, status, agents: n });
    }
    latency(x, 'server', p.ack);
    throughput.push(
      { t: x, series: 'webhooks answered (server)', perSecond: perSecond(p.webhooks) },
      { t: x, series: 'messages applied (server)', perSecond: perSecond(p.messagesIn) },
    );
    errors.push({ t: x, series: 'server errors', perSecond: perSecond(p.errors) });
  }
  for (const p of s.load) {
    const x = t(p.at);
    const perSecond = (n: number) => (p.stepMs > 0 ? (n * 1000) / p.stepMs : 0);
    latency(x, 'client', p.ack);
    throughput.push(
      { t: x, series: 'webhooks sent (load)', perSecond: perSecond(p.sent) },
      { t: x, series: 'webhooks acknowledged (load)', perSecond: perSecond(p.acked) },
    );
    errors.push({ t: x, series: 'webhooks failed (load)', perSecond: perSecond(p.failed) });
    checks.push(
      { t: x, series: 'leaks', count: p.leaks },
      { t: x, series: 'unconfirmed', count: p.unseen },
    );
  }
  return { queues, serviceLevel, agents, ack, throughput, errors, checks };
}

/** Seconds from the start to the newest point of either side (at least 1): the x axes' end. */
export function chartSpan(s: DashboardSnapshot): number {
  const last = Math.max(s.server.at(-1)?.at ?? 0, s.load.at(-1)?.at ?? 0);
  return Math.max(1, Math.round((last - s.startedAt) / 100) / 10);
}

/** The headline numbers above the charts: the latest point's, and the end's checks. */
export interface Tiles {
  readonly throughput: number | null;
  readonly ackP99: number | null;
  readonly serviceLevel: number | null;
  readonly waiting: number | null;
  readonly available: number | null;
  readonly slots: string | null;
  readonly leaks: number | null;
  readonly lost: number | null;
}

export function tiles(s: DashboardSnapshot): Tiles {
  const server = s.server[s.server.length - 1];
  const load = s.load[s.load.length - 1];
  const rate = (n: number, stepMs: number) => (stepMs > 0 ? (n * 1000) / stepMs : 0);
  const throughput = load
    ? rate(load.acked, load.stepMs)
    : server
      ? rate(server.webhooks, server.stepMs)
      : null;
  return {
    throughput: throughput === null ? null : Math.round(throughput * 10) / 10,
    ackP99: (load ?? server)?.ack.p99 ?? null,
    serviceLevel: server?.serviceLevel.tenant ?? null,
    waiting: server ? Object.values(server.queues).reduce((a, b) => a + b, 0) : null,
    available: server?.agents.Available ?? null,
    slots: server ? `${server.slots.busy} of ${server.slots.capacity}` : null,
    leaks: s.final?.leaks ?? load?.leaks ?? null,
    lost: s.final?.lost ?? null,
  };
}
