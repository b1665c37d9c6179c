import type { TenantConfig } from '../core/index.js';
import type { DesktopLimits } from './agentDesktop.js';
import type { AgentTokenMap } from './agentTokens.js';
import type { ServerDashboardOptions } from './dashboardSampler.js';
import type { Synchronous } from './journal.js';
import type { ShedLimits } from './loadShedder.js';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFn = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

/** Everything `startServer` takes. Every limit has a stated default (docs/protocol.md). */
export interface ServerOptions {
  readonly tenant: TenantConfig;
  /** Agent id -> WebSocket login token. */
  readonly agentTokens: AgentTokenMap;
  /** SQLite file of the journal; `:memory:` keeps it in memory (not durable). */
  readonly db: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 8080; 0 picks a free port. */
  readonly port?: number;
  /** Webhook signature key; generated (random) when absent, see `ServerHandle.appSecret`. */
  readonly appSecret?: string;
  /** Webhook handshake token; generated when absent. */
  readonly verifyToken?: string;
  /** Admin API bearer token; generated when absent. */
  readonly adminToken?: string;
  /** Graph API base URL for agent replies; absent: replies are held in the outbox. */
  readonly graphUrl?: string;
  /** Bearer token sent to the Graph API. */
  readonly accessToken?: string;
  /** Clock speed-up (default 1): `--speed 60` runs RONA timeouts 60x faster. */
  readonly speed?: number;
  /** SQLite `synchronous`: `full` (default) fsyncs every commit, `normal` does not. */
  readonly synchronous?: Synchronous;
  readonly limits?: Partial<ServerLimits>;
  readonly outbound?: Partial<OutboundRetry>;
  /** Random numbers in [0, 1) (retry jitter, generated secrets' fallback never uses it). */
  readonly random?: () => number;
  /** Structured log sink; default: one JSON line per entry on stderr. */
  readonly log?: LogFn;
  /** Sample for a live dashboard (`ServerHandle.dashboard`); absent: nothing is sampled. */
  readonly dashboard?: ServerDashboardOptions;
}

export interface ServerLimits extends DesktopLimits, ShedLimits {
  /** Largest accepted HTTP request body (default 1 MiB); larger: 413 BODY_TOO_LARGE. */
  readonly bodyLimitBytes: number;
  /**
   * Characters of an inbound text kept (default 4096, WhatsApp's own cap); a longer one keeps its
   * first 4095 and ends with "…" (the ack counts it in `truncated`).
   */
  readonly maxInboundTextChars: number;
  /** Entries a queue holds (default 10 000); beyond, new conversations get 503 QUEUE_FULL. */
  readonly maxQueueLength: number;
  /** Messages an open conversation holds (default 250); the oldest leave its pane beyond. */
  readonly maxMessagesPerConversation: number;
  /** `Retry-After` seconds of a 503 QUEUE_FULL (default 30): queues drain at the agents' pace. */
  readonly queueFullRetryAfterSeconds: number;
  /**
   * Commands waiting for the journal beyond which new ones get 503 SERVER_BUSY (default 10 000):
   * a memory bound; shedding by delay (`shedWebhooksAfterMs`) normally turns load down first.
   */
  readonly maxPendingCommands: number;
  /** Open TCP connections (HTTP and WebSocket); one more gets 503 TOO_MANY_CONNECTIONS. 1024. */
  readonly maxConnections: number;
  /** Bytes of request bodies being read at once, all requests together (default 64 MiB). */
  readonly maxBufferedBodyBytes: number;
  /** Time for a request's headers to arrive (default 20 s; nginx: 60 s); then 408. */
  readonly headersTimeoutMs: number;
  /** Longest pause while a body is read (default 20 s; nginx: 60 s); then 408 and a close. */
  readonly bodyIdleTimeoutMs: number;
  /**
   * How long a WhatsApp message id is remembered, in server-clock milliseconds (default 8 days:
   * WhatsApp retries for up to 7); its retry within it is a duplicate. On disk, not in the heap.
   */
  readonly dedupeWindowMs: number;
  /** How often ids older than the window are deleted (default 60 s, 10 000 per transaction). */
  readonly dedupePruneIntervalMs: number;
  /**
   * How often the router's state is snapshotted (default 60 s of real time, when commands came
   * in since the last one); the journal rows behind the snapshot are then deleted.
   */
  readonly snapshotIntervalMs: number;
  /** Commands after which a snapshot is taken sooner than the interval (default 100 000). */
  readonly snapshotEveryCommands: number;
  /**
   * How long finished records, agent state changes and replies no longer pending are kept, in
   * server-clock milliseconds (default 35 days); 0 keeps them for ever. Export them before
   * (`/admin/records.ndjson`). Pruned with the message ids, 10 000 rows a transaction.
   */
  readonly historyRetentionMs: number;
  /** Time allowed to finish in-flight requests on shutdown (default 10 s). */
  readonly shutdownGraceMs: number;
  /** Time for a whole request, headers and body, to arrive (default 60 s); then 408 or a close. */
  readonly requestTimeoutMs: number;
}

export interface OutboundRetry {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly timeoutMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  bodyLimitBytes: 1024 * 1024,
  maxInboundTextChars: 4096,
  maxQueueLength: 10_000,
  maxMessagesPerConversation: 250,
  queueFullRetryAfterSeconds: 30,
  maxOutgoingFrameBytes: 1024 * 1024,
  maxPendingCommands: 10_000,
  maxConnections: 1024,
  maxBufferedBodyBytes: 64 * 1024 * 1024,
  headersTimeoutMs: 20_000,
  bodyIdleTimeoutMs: 20_000,
  shedWebhooksAfterMs: 200,
  shedAgentCommandsAfterMs: 1000,
  overloadRetryAfterSeconds: 1,
  dedupeWindowMs: 8 * 24 * 3600 * 1000,
  dedupePruneIntervalMs: 60_000,
  snapshotIntervalMs: 60_000,
  snapshotEveryCommands: 100_000,
  historyRetentionMs: 35 * 24 * 3600 * 1000,
  shutdownGraceMs: 10_000,
  requestTimeoutMs: 60_000,
  maxFrameBytes: 64 * 1024,
  authTimeoutMs: 10_000,
  maxBufferedBytes: 8 * 1024 * 1024,
  maxSocketsPerAgent: 8,
  heartbeatMs: 30_000,
};

export const DEFAULT_OUTBOUND: OutboundRetry = {
  maxAttempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  timeoutMs: 10_000,
};

export const stderrLog: LogFn = (level, message, fields) => {
  process.stderr.write(
    `${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`,
  );
};
