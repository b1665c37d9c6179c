import type { Journal, OutboundStatus } from './journal.js';
import type { ServerMetrics } from './metrics.js';

export interface OutboundOptions {
  /** Graph API base, e.g. `https://graph.facebook.com/v21.0`; absent: replies are held. */
  readonly graphUrl?: string;
  /** Bearer token for the Graph API, when given. */
  readonly accessToken?: string;
  /** Attempts per message before it is marked failed (default 6). */
  readonly maxAttempts: number;
  /** First retry delay; doubles per attempt, with full jitter (default 250 ms). */
  readonly baseDelayMs: number;
  /** Cap of one retry delay (default 10 s). */
  readonly maxDelayMs: number;
  /** Timeout of one HTTP attempt (default 10 s). */
  readonly timeoutMs: number;
  /** Random numbers in [0, 1) for the jitter. */
  readonly random: () => number;
}

export interface OutboundMessage {
  readonly msgSeq: number;
  readonly conversationId: string;
  readonly assetId: string;
  readonly customerId: string;
  readonly agentId: string;
  readonly text: string;
}

interface Lane {
  readonly messages: OutboundMessage[];
  busy: boolean;
}

type Log = (level: 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

/** Cloud API request body for a text message (what a user's deployment must send too). */
export function cloudApiTextMessage(to: string, body: string): unknown {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    type: 'text',
    text: { preview_url: false, body },
  };
}

/**
 * Delivers agent replies as Cloud API requests `POST {graphUrl}/{phone_number_id}/messages`.
 * Replies to one customer on one number go out one at a time, in order. A failed attempt (network
 * error, timeout, 429, 5xx) is retried with exponential backoff and full jitter, up to
 * `maxAttempts`; other 4xx answers fail at once. Every message's status is kept in the `outbound`
 * table (pending, sent, failed, held) and counted in metrics: nothing is dropped silently.
 * Without a Graph URL, replies are `held` there (the outbox), visible through the admin API.
 */
export class Outbound {
  private readonly lanes = new Map<string, Lane>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private stopped = false;
  private inFlight = 0;

  constructor(
    private readonly options: OutboundOptions,
    private readonly journal: Journal,
    /** Asks for a journal flush so that status changes get committed. */
    private readonly poke: () => void,
    private readonly now: () => number,
    private readonly metrics: ServerMetrics,
    private readonly log: Log,
  ) {}

  /** The status a new message starts with. */
  get initialStatus(): OutboundStatus {
    return this.options.graphUrl ? 'pending' : 'held';
  }

  /** Starts delivering a message whose row is (or is about to be) in the outbound table. */
  deliver(message: OutboundMessage): void {
    if (!this.options.graphUrl) {
      this.metrics.messagesOut.inc({ result: 'held' });
      return;
    }
    if (this.stopped) return;
    const key = `${message.assetId}\u0000${message.customerId}`;
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { messages: [], busy: false };
      this.lanes.set(key, lane);
    }
    lane.messages.push(message);
    if (!lane.busy) void this.run(key, lane);
  }

  /** HTTP attempts under way. */
  get pending(): number {
    return this.inFlight;
  }

  /** Stops retries and aborts attempts under way; their messages stay `pending` for a restart. */
  close(): void {
    this.stopped = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.abort.abort();
  }

  private async run(key: string, lane: Lane): Promise<void> {
    lane.busy = true;
    try {
      while (lane.messages.length > 0 && !this.stopped) {
        await this.send(lane.messages[0]!);
        lane.messages.shift();
      }
    } finally {
      lane.busy = false;
      if (lane.messages.length === 0) this.lanes.delete(key);
    }
  }

  private async send(message: OutboundMessage): Promise<void> {
    const { maxAttempts } = this.options;
    for (let attempt = 1; attempt <= maxAttempts && !this.stopped; attempt++) {
      const outcome = await this.attempt(message);
      if (this.stopped) return;
      if (outcome === 'sent') {
        this.setStatus(message, 'sent', attempt, null);
        this.metrics.messagesOut.inc({ result: 'sent' });
        return;
      }
      const final = outcome.permanent || attempt === maxAttempts;
      if (final) {
        this.setStatus(message, 'failed', attempt, outcome.error);
        this.metrics.messagesOut.inc({ result: 'failed' });
        this.log('warn', 'outbound message failed', {
          msgSeq: message.msgSeq,
          conversationId: message.conversationId,
          attempts: attempt,
          error: outcome.error,
        });
        return;
      }
      this.setStatus(message, 'pending', attempt, outcome.error);
      await this.sleep(this.backoff(attempt));
    }
  }

  private backoff(attempt: number): number {
    const { baseDelayMs, maxDelayMs, random } = this.options;
    return random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        resolve();
      }, ms);
      this.retryTimers.add(timer);
    });
  }

  private async attempt(
    message: OutboundMessage,
  ): Promise<'sent' | { permanent: boolean; error: string }> {
    const { graphUrl, accessToken, timeoutMs } = this.options;
    const url = `${graphUrl!.replace(/\/+$/, '')}/${encodeURIComponent(message.assetId)}/messages`;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    this.metrics.outboundAttempts.inc();
    this.inFlight++;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(cloudApiTextMessage(message.customerId, message.text)),
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(timeoutMs)]),
      });
      const text = await res.text();
      if (res.ok) return 'sent';
      const permanent = res.status < 500 && res.status !== 429 && res.status !== 408;
      return { permanent, error: `HTTP ${res.status}: ${text.slice(0, 200)}` };
    } catch (err) {
      return { permanent: false, error: err instanceof Error ? err.message : String(err) };
    } finally {
      this.inFlight--;
    }
  }

  private setStatus(
    message: OutboundMessage,
    status: OutboundStatus,
    attempts: number,
    error: string | null,
  ): void {
    this.journal.queueOutboundStatus(message.msgSeq, status, attempts, error, this.now());
    this.poke();
  }
}
