import type { ErrorCounts } from './errorCounts.js';
import type { HttpClientError, HttpPool, HttpResponse } from './httpClient.js';
import type { LoadMetrics } from './metrics.js';
import type { Timeline } from './timeline.js';
import { signature, type WebhookMessage, webhookBody } from './webhook.js';

/** One webhook to send at its intended time. */
export interface ScheduledWebhook {
  /** Intended send time on the replayer's clock (performance.now() milliseconds). */
  readonly due: number;
  readonly message: WebhookMessage;
}

export type WebhookOutcome =
  /** `duplicates`: messages the deployment said it had seen before (a fresh id never is). */
  | { readonly ok: true; readonly duplicates: number }
  | { readonly ok: false; readonly code: string; readonly status: number | null };

export interface CustomerReplayerOptions {
  readonly pool: HttpPool;
  readonly appSecret: string;
  /** In `due` order. */
  readonly schedule: readonly ScheduledWebhook[];
  readonly metrics: LoadMetrics;
  readonly errors: ErrorCounts;
  readonly timeline?: Timeline;
  /** The replayer's clock (default performance.now). */
  readonly now?: () => number;
  /** A write later than this after its intended time counts as behind schedule (default 10 ms). */
  readonly lagToleranceMs?: number;
  /** Path of the webhook (default `/webhook`). */
  readonly path?: string;
  /** Called before each send (the ledger notes it). */
  readonly onSend?: (webhook: ScheduledWebhook, index: number) => void;
  /** Called once per webhook with its outcome. */
  readonly onOutcome?: (webhook: ScheduledWebhook, index: number, outcome: WebhookOutcome) => void;
}

/**
 * The customer side of a replay as an open model: each webhook is sent at its intended time
 * whether or not earlier ones were answered (a send never waits for a response), and its latency
 * is measured from that intended time, so a stalled deployment shows up in the percentiles
 * instead of silently slowing the load down (coordinated omission, as wrk2 corrects it).
 *
 * One timer drives a sorted schedule: it wakes at the next due time and sends everything due.
 * When every socket of the pool is busy a request waits for one; that wait counts in
 * `webhook_ack` (from the intended time) but not in `webhook_ack_from_send` (from the write),
 * which is what a closed-loop tool would report. `send_lag` and `behind_schedule` say how late
 * the writes were.
 */
export class CustomerReplayer {
  private next = 0;
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private stopped = false;
  private outstanding = 0;
  private resolveDone: (() => void) | null = null;
  /** Resolves when every scheduled webhook has its outcome (or the replayer was stopped). */
  readonly done: Promise<void>;
  private readonly now: () => number;
  private readonly tolerance: number;
  private readonly path: string;
  resolved = 0;

  constructor(private readonly options: CustomerReplayerOptions) {
    this.now = options.now ?? (() => performance.now());
    this.tolerance = options.lagToleranceMs ?? 10;
    this.path = options.path ?? '/webhook';
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
    if (options.schedule.length === 0) this.finish();
  }

  get sent(): number {
    return this.next;
  }

  get total(): number {
    return this.options.schedule.length;
  }

  start(): void {
    this.pump();
  }

  /** Stops sending; webhooks not yet sent are dropped, answers still arriving are counted. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.immediate !== null) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
    if (this.outstanding === 0) this.finish();
  }

  private finish(): void {
    this.resolveDone?.();
    this.resolveDone = null;
  }

  private pump = (): void => {
    this.timer = null;
    this.immediate = null;
    if (this.stopped) return;
    const schedule = this.options.schedule;
    const now = this.now();
    while (this.next < schedule.length && schedule[this.next]!.due <= now) {
      this.send(schedule[this.next]!, this.next);
      this.next++;
    }
    if (this.next >= schedule.length) {
      if (this.outstanding === 0) this.finish();
      return;
    }
    // Timers fire up to a millisecond late: wake a little early and spin the last stretch on
    // the check phase, so that sends are not systematically late.
    const wait = schedule[this.next]!.due - this.now();
    if (wait <= 1.5) this.immediate = setImmediate(this.pump);
    else this.timer = setTimeout(this.pump, Math.floor(wait - 1));
  };

  private send(webhook: ScheduledWebhook, index: number): void {
    const { metrics, timeline } = this.options;
    this.options.onSend?.(webhook, index);
    const body = webhookBody(webhook.message);
    const headers = `Content-Type: application/json\r\nX-Hub-Signature-256: ${signature(body, this.options.appSecret)}\r\n`;
    let wroteAt = 0;
    this.outstanding++;
    metrics.webhooks.add();
    timeline?.add('sent', webhook.due);
    this.options.pool.request(
      {
        method: 'POST',
        path: this.path,
        headers,
        body,
        onWrite: () => {
          const first = wroteAt === 0;
          wroteAt = this.now();
          if (!first) return; // sent again after a dead keep-alive socket: lag counted once
          const lag = wroteAt - webhook.due;
          metrics.send_lag.add(lag);
          if (lag > this.tolerance) metrics.behind_schedule.add();
        },
      },
      (error, response) => this.answered(webhook, index, wroteAt, error, response),
    );
  }

  private answered(
    webhook: ScheduledWebhook,
    index: number,
    wroteAt: number,
    error: HttpClientError | null,
    response: HttpResponse | null,
  ): void {
    const { metrics, errors, timeline } = this.options;
    const at = this.now();
    this.outstanding--;
    this.resolved++;
    let outcome: WebhookOutcome;
    if (error !== null || response === null) {
      outcome = { ok: false, code: error?.code ?? 'NO_RESPONSE', status: null };
    } else {
      metrics.webhook_ack.add(at - webhook.due);
      if (wroteAt > 0) metrics.webhook_ack_from_send.add(at - wroteAt);
      outcome = outcomeOf(response);
    }
    metrics.webhook_failed.add(!outcome.ok);
    if (outcome.ok) {
      metrics.webhook_acks.add();
      timeline?.add('acked', at);
    } else {
      errors.add('webhook', outcome.code);
      timeline?.add('errors', at);
    }
    this.options.onOutcome?.(webhook, index, outcome);
    if (this.outstanding === 0 && (this.stopped || this.next >= this.options.schedule.length)) {
      this.finish();
    }
  }
}

/** A 200 whose body refused the message (ASSET_DELETED between check and commit) is a failure. */
function outcomeOf(response: HttpResponse): WebhookOutcome {
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    json = null;
  }
  if (response.status === 200) {
    const refused = (json as { refused?: { code?: string }[] } | null)?.refused;
    if (Array.isArray(refused) && refused.length > 0) {
      return { ok: false, code: refused[0]?.code ?? 'REFUSED', status: 200 };
    }
    const duplicates = (json as { duplicates?: unknown } | null)?.duplicates;
    return { ok: true, duplicates: typeof duplicates === 'number' ? duplicates : 0 };
  }
  const code = (json as { error?: { code?: unknown } } | null)?.error?.code;
  return {
    ok: false,
    code: typeof code === 'string' ? code : `HTTP_${response.status}`,
    status: response.status,
  };
}
