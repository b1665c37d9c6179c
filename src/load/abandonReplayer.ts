import type { ErrorCounts } from './errorCounts.js';
import type { HttpClientError, HttpPool, HttpResponse } from './httpClient.js';
import { LoadError, LoadErrorCode } from './loadError.js';
import type { LoadMetrics } from './metrics.js';

/**
 * The load-test extension of the reference deployment (docs/protocol.md): a customer gives up
 * waiting. The WhatsApp Cloud API has no such signal, so a deployment that does not offer this
 * endpoint cannot be told.
 */
export const ABANDON_PATH = '/admin/customers/abandon';

/**
 * Whether the trace's abandons are sent through the extension: `on` sends them, `auto` asks the
 * target once whether it has the endpoint, `off` sends none (the Cloud API has no abandon signal).
 */
export type AbandonMode = 'auto' | 'on' | 'off';

/**
 * Whether this run sends its abandons: `off` never; `on` needs the admin token (the extension is
 * an admin command); `auto` asks the target once (`probeAbandon`), when there is anything to send.
 */
export async function planAbandons(
  mode: AbandonMode,
  admin: { probeAbandon(assetId: string): Promise<string | null> } | null,
  probeAssetId: string,
  count: number,
): Promise<{ readonly replay: true } | { readonly replay: false; readonly reason: string }> {
  if (mode === 'off') return { replay: false, reason: '--abandon off' };
  if (admin === null) {
    if (mode === 'on') {
      throw new LoadError(
        LoadErrorCode.invalidOption,
        'sending abandons (--abandon on) needs the admin token: the endpoint is an admin command',
      );
    }
    return { replay: false, reason: 'no admin token' };
  }
  if (count === 0) return { replay: false, reason: "none in this segment's trace" };
  if (mode === 'on') return { replay: true };
  const why = await admin.probeAbandon(probeAssetId);
  return why === null ? { replay: true } : { replay: false, reason: why };
}

/** Codes with which a deployment that has the extension says "this customer is not waiting". */
export const NOT_WAITING_CODES: readonly string[] = [
  'CONVERSATION_NOT_WAITING',
  'NO_OPEN_CONVERSATION',
];

/** One trace abandon to send at its intended time. */
export interface ScheduledAbandon {
  /** Intended send time on the replayer's clock (performance.now() milliseconds). */
  readonly due: number;
  readonly arrival: number;
  readonly assetId: string;
  readonly customerId: string;
}

export type AbandonOutcome =
  /** The customer was still waiting: the deployment ended the conversation as abandoned. */
  | { readonly kind: 'applied'; readonly conversationId: string | null }
  /** The customer was no longer waiting (answered live first, or nothing open): nothing changed. */
  | { readonly kind: 'refused'; readonly code: string }
  /** No answer, or another error (the endpoint missing, auth, 5xx). */
  | { readonly kind: 'failed'; readonly code: string };

export interface AbandonReplayerOptions {
  readonly pool: HttpPool;
  readonly adminToken: string;
  /** In `due` order. */
  readonly schedule: readonly ScheduledAbandon[];
  readonly metrics: LoadMetrics;
  readonly errors: ErrorCounts;
  readonly now: () => number;
  /**
   * Resolves once the customer's messages before the abandon have their answers (null: they
   * have): an abandon written before its customer's first message is journaled would find
   * nothing to abandon.
   */
  readonly ready: (arrival: number) => Promise<void> | null;
  readonly onOutcome?: (abandon: ScheduledAbandon, outcome: AbandonOutcome) => void;
}

/**
 * Sends the trace's abandons as an open model, like the webhooks: each at its intended time
 * (sped up), whatever happened to the others, with `abandon_ack` measured from that time. The
 * deployment decides: an abandon of a customer whom a live agent answered first is refused
 * (409 `CONVERSATION_NOT_WAITING`), which is the replay's truth, not an error.
 */
export class AbandonReplayer {
  private next = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Abandons due and waiting for their customer's messages to be answered. */
  private waiting = 0;
  /** Abandons written and not answered yet. */
  private inFlight = 0;
  private resolveDone: (() => void) | null = null;
  readonly done: Promise<void>;
  sent = 0;
  applied = 0;
  refused = 0;
  failed = 0;
  readonly refusedByCode: Record<string, number> = {};

  constructor(private readonly options: AbandonReplayerOptions) {
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
    if (options.schedule.length === 0) this.finish();
  }

  get total(): number {
    return this.options.schedule.length;
  }

  start(): void {
    this.pump();
  }

  /** Stops sending; abandons not yet written are dropped, answers on their way are counted. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.settle();
  }

  private finish(): void {
    this.resolveDone?.();
    this.resolveDone = null;
  }

  /** Done: every answer is in, and nothing more will be sent (all sent, or stopped). */
  private settle(): void {
    if (this.inFlight > 0) return;
    if (this.stopped || (this.next >= this.options.schedule.length && this.waiting === 0)) {
      this.finish();
    }
  }

  private pump = (): void => {
    this.timer = null;
    if (this.stopped) return;
    const schedule = this.options.schedule;
    const now = this.options.now();
    while (this.next < schedule.length && schedule[this.next]!.due <= now) {
      this.due(schedule[this.next]!);
      this.next++;
    }
    if (this.next >= schedule.length) {
      this.settle();
      return;
    }
    this.timer = setTimeout(this.pump, Math.max(0, schedule[this.next]!.due - now));
  };

  private due(abandon: ScheduledAbandon): void {
    const ready = this.options.ready(abandon.arrival);
    if (ready === null) {
      this.send(abandon);
      return;
    }
    this.waiting++;
    void ready.then(() => {
      this.waiting--;
      if (this.stopped) this.settle();
      else this.send(abandon);
    });
  }

  private send(abandon: ScheduledAbandon): void {
    const { metrics, adminToken } = this.options;
    this.inFlight++;
    this.sent++;
    metrics.abandons_sent.add();
    this.options.pool.request(
      {
        method: 'POST',
        path: ABANDON_PATH,
        headers: `Authorization: Bearer ${adminToken}\r\nContent-Type: application/json\r\n`,
        body: JSON.stringify({ assetId: abandon.assetId, customerId: abandon.customerId }),
      },
      (error, response) => this.answered(abandon, error, response),
    );
  }

  private answered(
    abandon: ScheduledAbandon,
    error: HttpClientError | null,
    response: HttpResponse | null,
  ): void {
    const { metrics, errors } = this.options;
    this.inFlight--;
    let outcome: AbandonOutcome;
    if (error !== null || response === null) {
      outcome = { kind: 'failed', code: error?.code ?? 'NO_RESPONSE' };
    } else {
      metrics.abandon_ack.add(this.options.now() - abandon.due);
      outcome = abandonOutcome(response);
    }
    if (outcome.kind === 'applied') this.applied++;
    else if (outcome.kind === 'refused') {
      this.refused++;
      metrics.abandons_refused.add();
      this.refusedByCode[outcome.code] = (this.refusedByCode[outcome.code] ?? 0) + 1;
    } else {
      this.failed++;
      errors.add('abandon', outcome.code);
    }
    this.options.onOutcome?.(abandon, outcome);
    this.settle();
  }
}

function errorCode(response: HttpResponse): string | null {
  try {
    const code = (JSON.parse(response.body) as { error?: { code?: unknown } } | null)?.error?.code;
    return typeof code === 'string' ? code : null;
  } catch {
    return null;
  }
}

/** What an answer of the extension says. */
export function abandonOutcome(response: HttpResponse): AbandonOutcome {
  if (response.status === 200) {
    let conversationId: string | null = null;
    try {
      const id = (JSON.parse(response.body) as { conversationId?: unknown } | null)?.conversationId;
      if (typeof id === 'string') conversationId = id;
    } catch {
      conversationId = null;
    }
    return { kind: 'applied', conversationId };
  }
  const code = errorCode(response) ?? `HTTP_${response.status}`;
  return NOT_WAITING_CODES.includes(code) ? { kind: 'refused', code } : { kind: 'failed', code };
}
