import type { ConversationRecord, Router } from '../core/index.js';
import type { ServerPoint } from '../dashboard/points.js';
import { StepLatencyRecorder } from '../dashboard/stepLatency.js';
import {
  conversationKpis,
  type ServiceLevelCounts,
  type ServiceLevelSpec,
  serviceLevelOf,
} from '../kpi/index.js';
import type { ServerMetrics } from './metrics.js';

/** What `startServer` needs for a dashboard: the scenario's service-level definition. */
export interface ServerDashboardOptions {
  readonly serviceLevel: ServiceLevelSpec;
}

type Counts = { -readonly [K in keyof ServiceLevelCounts]: number };

/**
 * The server's side of a live dashboard, sampled about once a second: queue lengths and agents
 * from the router's public `stats()`, service level from the records finished since the start
 * (counted by the KPI module's own rules, one record at a time, in constant memory), and the
 * webhook answers as this server timed them. The hot path pays one histogram record per webhook.
 */
export class DashboardSampler {
  private readonly ack = new StepLatencyRecorder();
  private webhooks = 0;
  private readonly tenant: Counts = zero();
  private readonly queues = new Map<string, Counts>();
  private finished = 0;
  private lastMessagesIn = 0;
  private lastErrors = 0;

  constructor(
    private readonly router: Router,
    private readonly metrics: ServerMetrics,
    private readonly options: ServerDashboardOptions,
  ) {}

  /** A POST /webhook was answered after `ms` (any status). */
  webhook(ms: number): void {
    this.webhooks++;
    this.ack.record(ms);
  }

  /** A conversation's record became final. */
  record(record: ConversationRecord): void {
    const k = conversationKpis([record], this.options.serviceLevel);
    let queue = this.queues.get(record.queueId);
    if (queue === undefined) {
      queue = zero();
      this.queues.set(record.queueId, queue);
    }
    for (const counts of [this.tenant, queue]) {
      counts.offered += k.offered;
      counts.answered += k.answered;
      counts.answeredWithinThreshold += k.answeredWithinThreshold;
      counts.shortAbandoned += k.shortAbandoned;
      counts.abandonedAfterThreshold += k.abandonedAfterThreshold;
    }
    this.finished++;
  }

  /** The point of the step that ends now (its counts start again from zero). */
  async sample(): Promise<Omit<ServerPoint, 'seq' | 'at' | 'stepMs'>> {
    const stats = this.router.stats();
    const [messagesIn, errors] = await Promise.all([
      total(this.metrics.messagesIn),
      total(this.metrics.errors),
    ]);
    const definition = this.options.serviceLevel.definition;
    const queues: Record<string, number | null> = {};
    for (const id of Object.keys(stats.waiting)) {
      const counts = this.queues.get(id);
      queues[id] = counts === undefined ? null : serviceLevelOf(counts, definition);
    }
    const point = {
      queues: stats.waiting,
      agents: stats.agents,
      slots: {
        busy: stats.offeredSlots + stats.activeSlots + stats.wrapUpSlots,
        capacity: stats.capacitySlots,
      },
      serviceLevel: {
        tenant: serviceLevelOf(this.tenant, definition),
        queues,
        finished: this.finished,
      },
      ack: this.ack.take(),
      webhooks: this.webhooks,
      messagesIn: messagesIn - this.lastMessagesIn,
      errors: errors - this.lastErrors,
    };
    this.webhooks = 0;
    this.lastMessagesIn = messagesIn;
    this.lastErrors = errors;
    return point;
  }
}

function zero(): Counts {
  return {
    offered: 0,
    answered: 0,
    answeredWithinThreshold: 0,
    shortAbandoned: 0,
    abandonedAfterThreshold: 0,
  };
}

/** A prom-client counter's value, all labels together. */
async function total(counter: {
  get(): Promise<{ values: { value: number }[] }>;
}): Promise<number> {
  const { values } = await counter.get();
  let sum = 0;
  for (const v of values) sum += v.value;
  return sum;
}
