import { performance } from 'node:perf_hooks';
import { ServerError, ServerErrorCode } from './errors.js';

/** Who asks: agents' commands are shed later than webhooks, they finish the work that is in. */
export type ShedKind = 'webhook' | 'agent';

export interface ShedLimits {
  /** Delay beyond which new webhooks get 503 OVERLOADED (default 200 ms). */
  readonly shedWebhooksAfterMs: number;
  /** Delay beyond which agents' commands get an OVERLOADED error frame (default 1 s). */
  readonly shedAgentCommandsAfterMs: number;
  /** `Retry-After` of an OVERLOADED answer, in seconds (default 1). */
  readonly overloadRetryAfterSeconds: number;
}

/** How often the event loop's lag is sampled. */
const SAMPLE_MS = 50;

/**
 * Load shedding that protects latency: a new request is turned down when what is already in
 * would make it wait too long, not when some count is reached. The delay is the larger of the
 * age of the oldest command waiting for the journal or its apply (`waitMs`) and the event loop's
 * lag (a timer's lateness, sampled every 50 ms): the first grows when the disk is the bottleneck,
 * the second when the CPU is. Webhooks are shed first; WhatsApp retries a 503.
 */
export class LoadShedder {
  private lagMs = 0;
  private readonly timer: NodeJS.Timeout;
  private expected = performance.now() + SAMPLE_MS;

  constructor(
    private readonly limits: ShedLimits,
    private readonly waitMs: () => number,
  ) {
    this.timer = setInterval(() => {
      const now = performance.now();
      this.lagMs = Math.max(0, now - this.expected);
      this.expected = now + SAMPLE_MS;
    }, SAMPLE_MS);
    this.timer.unref();
  }

  /** The delay a new command would see now, in milliseconds. */
  delayMs(): number {
    return Math.max(this.waitMs(), this.lagMs);
  }

  /** OVERLOADED (with Retry-After) when `kind` must be shed now, else null. */
  refusal(kind: ShedKind): ServerError | null {
    const after =
      kind === 'webhook' ? this.limits.shedWebhooksAfterMs : this.limits.shedAgentCommandsAfterMs;
    const delay = this.delayMs();
    if (delay <= after) return null;
    return new ServerError(
      ServerErrorCode.overloaded,
      `the server is ${Math.round(delay)} ms behind (limit ${after} ms); retry later`,
      this.limits.overloadRetryAfterSeconds,
    );
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
