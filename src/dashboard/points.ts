/**
 * What a dashboard charts: one point per sampling step (about a second) of the server's side and
 * of the load test's side, each stamped with the wall clock, so that a load test's page can put
 * the deployment's points (sampled in its own process) and its own on one time axis. Counts are
 * per step; gauges (queue lengths, agents) and totals (leaks) are as of the point's time.
 */

/** Latency percentiles of the requests answered during one step (ms); null when none were. */
export interface StepLatency {
  readonly count: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

/** What the server knows, from its public queries and its own request handling. */
export interface ServerPoint {
  /** Increasing id of the point in its feed (a merged point keeps the later one's). */
  readonly seq: number;
  /** Wall clock (epoch ms) at the end of the step. */
  readonly at: number;
  /** Length of the step (ms): about a second, longer once old points were merged. */
  readonly stepMs: number;
  /** Conversations waiting, per queue id. */
  readonly queues: Readonly<Record<string, number>>;
  /** Agents by status (LoggedOut, Idle, Available, RONA). */
  readonly agents: Readonly<Record<string, number>>;
  /** Agent slots in use (offered, active, wrap-up) and logged-in capacity. */
  readonly slots: { readonly busy: number; readonly capacity: number };
  /**
   * Service level of the conversations finished since the server started (its definition and
   * threshold are the scenario's): the tenant's and each first queue's; null before any counts.
   */
  readonly serviceLevel: {
    readonly tenant: number | null;
    readonly queues: Readonly<Record<string, number | null>>;
    readonly finished: number;
  };
  /** POST /webhook: request in -> response written, as the server times it. */
  readonly ack: StepLatency;
  /** Webhook requests answered during the step (any status). */
  readonly webhooks: number;
  /** Customer messages journaled and applied during the step. */
  readonly messagesIn: number;
  /** Errors answered to clients (HTTP and WebSocket) during the step. */
  readonly errors: number;
}

/** What the load test measures from outside. */
export interface LoadPoint {
  readonly seq: number;
  readonly at: number;
  readonly stepMs: number;
  /** Webhooks written, answered 200, and not answered 200, during the step. */
  readonly sent: number;
  readonly acked: number;
  readonly failed: number;
  /** Intended send time -> response (coordinated omission corrected), as the client saw it. */
  readonly ack: StepLatency;
  /** Planted secrets seen unmasked in agent frames, so far. */
  readonly leaks: number;
  /** Acknowledged messages not seen on any desktop yet (the loss check's candidates), now. */
  readonly unseen: number;
  /** Agent frames received during the step. */
  readonly frames: number;
}

/** The end of a load test: the message ledger's verdict (known only once the run is over). */
export interface FinalChecks {
  readonly leaks: number;
  readonly lost: number;
  readonly acknowledged: number;
  readonly delivered: number;
  readonly verifiedBy: string;
  readonly endReason: string;
}

/** The whole of a dashboard: what a page gets on connect, and what a saved report inlines. */
export interface DashboardSnapshot {
  readonly kind: 'ccsim-dashboard';
  readonly version: 1;
  readonly source: 'serve' | 'loadtest';
  readonly title: string;
  /** Wall clock (epoch ms) of the dashboard's start: time zero of the charts. */
  readonly startedAt: number;
  /** The queues, in tenant order. */
  readonly queues: readonly { readonly id: string; readonly name: string }[];
  readonly server: readonly ServerPoint[];
  readonly load: readonly LoadPoint[];
  /** Whether the load side is there (false for `ccsim serve`). */
  readonly hasLoad: boolean;
  /** Whether the server side is there (false for a load test against a foreign --target). */
  readonly hasServer: boolean;
  readonly final: FinalChecks | null;
  /** True once the run is over (the page stops waiting for points). */
  readonly done: boolean;
}

/** A server-sent event of the feed: `snapshot` on connect and after a merge, then `point`s. */
export type DashboardEvent =
  | { readonly type: 'snapshot'; readonly snapshot: DashboardSnapshot }
  | { readonly type: 'server'; readonly point: ServerPoint }
  | { readonly type: 'load'; readonly point: LoadPoint }
  | { readonly type: 'final'; readonly final: FinalChecks | null };
