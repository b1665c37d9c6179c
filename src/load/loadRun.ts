import type { AgentStateRecord, ConversationRecord } from '../core/index.js';
import { replicationSeed, type Scenario, toTenant } from '../scenario/index.js';
import { AbandonGate } from './abandonGate.js';
import {
  type AbandonMode,
  AbandonReplayer,
  planAbandons,
  type ScheduledAbandon,
} from './abandonReplayer.js';
import { AdminClient } from './adminClient.js';
import { type AgentModel, compileAgentModel } from './agentModel.js';
import { AgentPool } from './agentPool.js';
import { alignClocks, type ClockAlignment, type ClockSample } from './clockAlignment.js';
import { adminClockSample, clockSample } from './clockSampling.js';
import { CustomerReplayer } from './customerReplayer.js';
import { ErrorCounts } from './errorCounts.js';
import { FrameWatch } from './frameWatch.js';
import { startGraphSink } from './graphSink.js';
import { HttpPool } from './httpClient.js';
import { LeakDetector } from './leakDetector.js';
import { type CustomerSide, LiveConversations } from './liveConversations.js';
import { type LiveRunCounts, LoadLiveSampler } from './liveSampler.js';
import { LoadError, LoadErrorCode } from './loadError.js';
import { type MeasuredRecords, measuredRecords } from './measuredRecords.js';
import { MessageLedger } from './messageLedger.js';
import { LoadMetrics } from './metrics.js';
import { OutboundTracker } from './outboundTracker.js';
import { predictedVsMeasured } from './predictedVsMeasured.js';
import { type ReplayClock, systemClock } from './replayClock.js';
import { ReplayMessageIds } from './replayMessageIds.js';
import { ReplayTimers } from './replayTimers.js';
import { delay, waitForEnd } from './runEnd.js';
import { inSegment, isLeader, type Segment, WHOLE } from './segment.js';
import { type SegmentShare, segmentShare } from './segmentShare.js';
import type { AbandonInfo, LoadSummary, RunInfo } from './summary.js';
import { evaluateThreshold, parseThresholds, type Threshold } from './thresholds.js';
import { Timeline } from './timeline.js';
import type { Trace } from './trace.js';
import { displayDigits } from './webhook.js';
import { webhookSchedule } from './webhookSchedule.js';

/** The deployment under test. */
export interface LoadTarget {
  /** `http://host:port`. */
  readonly url: string;
  /** `ws://host:port/agent`. */
  readonly wsUrl: string;
  readonly appSecret: string;
  /** Without it: no asset deletions, no records (no predicted vs measured), frames-only loss check. */
  readonly adminToken: string | null;
  readonly agentTokens: ReadonlyMap<string, string>;
  /** True when the replayer started it (the reference deployment). */
  readonly reference: boolean;
}

export interface LoadTestOptions {
  readonly scenario: Scenario;
  readonly scenarioFile: string;
  readonly trace: Trace;
  /** The simulator's records of the traced replication: the predicted side. */
  readonly simulated: {
    readonly records: readonly ConversationRecord[];
    readonly agentStates: readonly AgentStateRecord[];
  } | null;
  readonly speed: number;
  /** Default: `on` against the reference deployment, `auto` against any other target. */
  readonly abandon?: AbandonMode;
  readonly segment?: Segment;
  /** Real milliseconds after which the run stops whatever is left (default: horizon + drain). */
  readonly durationMs?: number;
  /**
   * Run seed of the agents' and conversations' streams (default: the trace's), taken with the
   * trace's replication as the simulator takes them (`replicationSeed`).
   */
  readonly seed?: number;
  /** Tag in message ids, unique per run (default: derived from the start time). */
  readonly runTag?: string;
  /** Keep-alive sockets for webhooks (default 128). */
  readonly connections?: number;
  /** A webhook written later than this after its intended time is behind schedule (10 ms). */
  readonly lagToleranceMs?: number;
  /** Port of the Cloud-API sink (default 0: a free one). */
  readonly sinkPort?: number;
  readonly version?: string;
  readonly command?: string;
  /** The replayer's clocks (default: `performance.now()` and `Date.now()`). */
  readonly clock?: ReplayClock;
  readonly onProgress?: (progress: LoadProgress) => void;
  readonly signal?: AbortSignal;
}

export interface LoadProgress {
  readonly elapsedMs: number;
  readonly plannedMs: number;
  readonly sent: number;
  readonly total: number;
  readonly acked: number;
  readonly failed: number;
  readonly p99AckMs: number;
  readonly leaks: number;
  readonly busyAgents: number;
}

export interface LoadTestResult {
  readonly summary: LoadSummary;
  /** Thresholds, with their parsed form. */
  readonly thresholds: readonly Threshold[];
  /** What the deployment recorded of this run's customers (null without an admin token). */
  readonly measured: MeasuredRecords | null;
}

/** A prepared load test: its Cloud-API sink listens already (point the deployment at it). */
export interface PreparedLoadTest {
  readonly sinkUrl: string;
  /** The load side of a live dashboard: a point per call, null until the agents connect. */
  readonly live: LoadLiveSampler;
  run(target: LoadTarget): Promise<LoadTestResult>;
  /** Releases the sink without running (when starting the deployment failed). */
  close(): Promise<void>;
}

/** Real time between connecting the agents and the first intended send. */
const LEAD_MS = 300;
/** Real time agents get to send their last replies out after the customers are done. */
const OUTBOUND_GRACE_MS = 2000;
/** Real time answers still on their way get after the run stopped. */
const ANSWER_GRACE_MS = 5000;

/**
 * Prepares a load test: checks the thresholds against the metrics (an error before anything
 * runs), and starts the Cloud-API sink, which times each agent reply to the customer.
 */
export async function prepareLoadTest(options: LoadTestOptions): Promise<PreparedLoadTest> {
  const { scenario } = options;
  if (!(options.speed > 0) || !Number.isFinite(options.speed)) {
    throw new LoadError(LoadErrorCode.invalidOption, `speed must be > 0, got ${options.speed}`);
  }
  const clock = options.clock ?? systemClock;
  const metrics = new LoadMetrics();
  const thresholds = parseThresholds(scenario.load.thresholds, metrics.types());
  const tracker = new OutboundTracker();
  const errors = new ErrorCounts();
  let customerReplies: ((at: number) => void) | null = null;
  const sink = await startGraphSink({
    port: options.sinkPort ?? 0,
    onMessage: (m) => {
      const at = clock.now();
      metrics.customer_replies.add();
      const sentAt = tracker.received(m.to, m.text);
      if (sentAt !== null) metrics.agent_send_to_customer.add(at - sentAt);
      customerReplies?.(at);
    },
    onBadRequest: (code) => errors.add('sink', code),
  });
  const current: { run: Run | null } = { run: null };
  const live = new LoadLiveSampler(metrics, (): LiveRunCounts | null => {
    const run = current.run;
    if (run === null || !Number.isFinite(run.live.replayStart)) return null;
    return { leaks: run.frames.leaks, unseen: run.ledger.unseenAcknowledged() };
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await sink.close();
  };
  return {
    sinkUrl: sink.url,
    live,
    close,
    run: async (target) => {
      try {
        return await runLoad(options, target, {
          clock,
          metrics,
          thresholds,
          tracker,
          errors,
          onCustomerReply: (fn) => {
            customerReplies = fn;
          },
          onRun: (run) => {
            current.run = run;
          },
        });
      } finally {
        await close();
      }
    },
  };
}

/** What `prepareLoadTest` made before the deployment was there. */
interface Prepared {
  readonly clock: ReplayClock;
  readonly metrics: LoadMetrics;
  readonly thresholds: readonly Threshold[];
  readonly tracker: OutboundTracker;
  readonly errors: ErrorCounts;
  onCustomerReply(fn: (at: number) => void): void;
  /** The run as planned, for the live view. */
  onRun(run: Run): void;
}

/** The run as its parts see it: options, clock, plan and the shared counters. */
interface Run {
  readonly options: LoadTestOptions;
  readonly target: LoadTarget;
  readonly prepared: Prepared;
  readonly now: () => number;
  readonly speed: number;
  readonly segment: Segment;
  readonly seed: number;
  readonly runTag: string;
  readonly startedAt: Date;
  readonly plannedScenarioMs: number;
  readonly share: SegmentShare;
  /** This run's WhatsApp id of every trace message, and the way back from a frame's id. */
  readonly ids: ReplayMessageIds;
  /** The id the replay sent for an id a frame carries (itself when it is not this run's). */
  readonly sentId: (frameId: string) => string;
  readonly model: AgentModel;
  readonly admin: AdminClient | null;
  readonly ledger: MessageLedger;
  readonly frames: FrameWatch;
  readonly live: LiveState;
}

/** What changes while the run goes, shared by its parts. */
interface LiveState {
  /** Replayer clock of the replay's start (Infinity until the agents are connected). */
  replayStart: number;
  timeline: Timeline;
  customersFinished: boolean;
  abandonsFinished: boolean;
  disconnects: number;
  /** Replayer clock of the last agent reply (the sink gets a grace period after it). */
  lastReplyAt: number;
  ackDuplicates: number;
}

/**
 * One run against a target: connect the agents, replay the customers on schedule (webhooks and
 * abandons, an open model), let the agents work, wait for the end, then check and summarise.
 */
async function runLoad(
  options: LoadTestOptions,
  target: LoadTarget,
  prepared: Prepared,
): Promise<LoadTestResult> {
  const run = planRun(options, target, prepared);
  prepared.onRun(run);
  const { admin, share, live, now, speed } = run;
  await admin?.check();
  const abandonMode = options.abandon ?? (target.reference ? 'on' : 'auto');
  const abandonPlan = await planAbandons(
    abandonMode,
    admin,
    options.scenario.tenant.assets[0]?.id ?? '0',
    share.abandons.length,
  );
  const timers = new ReplayTimers(speed);
  const pool = startAgents(run, timers);
  const http = new HttpPool(target.url, { connections: options.connections ?? 128 });
  let customers: CustomerReplayer | null = null;
  let abandons: AbandonReplayer | null = null;
  try {
    await checkReachable(http, target);
    await pool.connect();
    const pingClient = pool.anyClient();
    const startSample = await deploymentClock(run, pingClient);

    // The replay's clock starts here: every intended time below is relative to it.
    live.replayStart = now() + LEAD_MS;
    live.timeline = new Timeline(live.replayStart);
    const gate = new AbandonGate(abandonPlan.replay ? share.abandons : [], share.messages);
    customers = startCustomers(run, http, pool, gate);
    const abandonSchedule = abandonPlan.replay ? scheduledAbandons(run) : [];
    abandons = startAbandons(run, http, gate, abandonSchedule);
    const scheduled = scheduleScenarioEvents(run, pool);
    customers.start();
    abandons.start();
    const endReason = await untilEnd(run, pool, customers);
    for (const handle of scheduled) clearTimeout(handle);
    customers.stop();
    abandons.stop();
    timers.stop();
    // Leave a deployment of someone else's as found: agents without work log out.
    if (!target.reference) await pool.logOutIdle();
    const realMs = now() - live.replayStart;
    const endSample = await deploymentClock(run, pingClient?.open ? pingClient : null).catch(
      () => null,
    );
    pool.close();
    // Answers still on their way are counted (a stopped replayer sends nothing new).
    const giveUp = new AbortController();
    await Promise.race([
      Promise.all([customers.done, abandons.done]),
      delay(ANSWER_GRACE_MS, giveUp.signal),
    ]);
    giveUp.abort();

    const alignment =
      startSample === null ? null : alignClocks(startSample, endSample, live.replayStart, speed);
    const measured =
      admin === null
        ? null
        : await measuredRecords(admin, share.arrivals, alignment, speed, run.sentId);
    return assembleResult(run, {
      realMs,
      endReason,
      alignment,
      measured,
      abandons: abandonInfo(abandonMode, abandonPlan, share, abandonSchedule, abandons),
      agents: pool,
    });
  } finally {
    customers?.stop();
    abandons?.stop();
    timers.stop();
    pool.close();
    http.close();
  }
}

/** Everything a run decides before it connects: its share of the trace, ids, clocks, checks. */
function planRun(options: LoadTestOptions, target: LoadTarget, prepared: Prepared): Run {
  const { trace, speed } = options;
  const now = () => prepared.clock.now();
  const segment = options.segment ?? WHOLE;
  const startedAt = new Date(prepared.clock.epochMs());
  const plannedScenarioMs = Math.min(
    trace.header.endMs,
    options.durationMs !== undefined ? options.durationMs * speed : Number.POSITIVE_INFINITY,
  );
  const share = segmentShare(trace, segment, plannedScenarioMs);
  const ledger = new MessageLedger();
  const runTag = options.runTag ?? startedAt.getTime().toString(36);
  // The reference deployment shows agents opaque message ids; any id resolves to its message.
  const ids = new ReplayMessageIds(
    target.appSecret,
    runTag,
    trace.events.flatMap((e) =>
      e.type === 'message' ? [{ arrival: e.arrival, seq: e.seq, customerId: e.customer.id }] : [],
    ),
  );
  const sentId = (frameId: string) => ids.resolve(frameId)?.wamid ?? frameId;
  const live: LiveState = {
    replayStart: Number.POSITIVE_INFINITY,
    timeline: new Timeline(now()),
    customersFinished: false,
    abandonsFinished: false,
    disconnects: 0,
    lastReplyAt: 0,
    ackDuplicates: 0,
  };
  return {
    options,
    target,
    prepared,
    now,
    speed,
    segment,
    seed: replicationSeed(options.seed ?? trace.header.seed, trace.header.replication),
    runTag,
    startedAt,
    plannedScenarioMs,
    share,
    ids,
    sentId,
    model: compileAgentModel(options.scenario),
    admin: target.adminToken ? new AdminClient(target.url, target.adminToken) : null,
    ledger,
    frames: new FrameWatch(
      new LeakDetector(share.secrets),
      ledger,
      prepared.metrics,
      () => live.timeline,
      sentId,
    ),
    live,
  };
}

/** This segment's agents, their metrics and the sink's expectations of their replies. */
function startAgents(run: Run, timers: ReplayTimers): AgentPool {
  const { options, target, prepared, live, now, model } = run;
  const { metrics, tracker, errors } = prepared;
  const conversations = new LiveConversations(
    run.seed,
    customerSideOf(run, () => live.customersFinished),
  );
  const pool = new AgentPool({
    wsUrl: target.wsUrl,
    model,
    agents: model.agents.filter((a) => inSegment(a.index, run.segment)),
    tokens: target.agentTokens,
    seed: run.seed,
    timers,
    conversations,
    agentTexts: options.trace.header.agentTexts,
    onFrame: (agentId, raw, frame) => run.frames.frame(agentId, raw, frame, now()),
    onReply: (request, reply, ms) => {
      metrics.agent_request.add(ms);
      metrics.agent_request_failed.add(reply.type === 'error');
      if (reply.type === 'error') errors.add('agent', `${request}:${reply.code ?? 'UNKNOWN'}`);
      else if (request === 'send') metrics.agent_replies.add();
    },
    onReplySent: (c, text) => {
      live.lastReplyAt = now();
      if (c.customerId !== null) tracker.expect(c.customerId, text, live.lastReplyAt);
    },
    onReplyRefused: (c, text) => {
      if (c.customerId !== null) tracker.cancel(c.customerId, text);
    },
    onDisconnect: (_agentId, code, reason) => {
      live.disconnects++;
      errors.add('agent', `DISCONNECTED:${code}${reason ? `:${reason}` : ''}`);
    },
    now,
    scenarioNow: () => (now() - live.replayStart) * run.speed,
  });
  prepared.onCustomerReply((at) => live.timeline.add('outbound', at));
  return pool;
}

/** The webhooks, to send on schedule; each outcome goes to the ledger, the gate and the agents. */
function startCustomers(
  run: Run,
  http: HttpPool,
  pool: AgentPool,
  gate: AbandonGate,
): CustomerReplayer {
  const { options, target, prepared, live, ledger, share } = run;
  const { metrics, errors } = prepared;
  const schedule = webhookSchedule(
    share.messages,
    {
      ids: run.ids,
      speed: run.speed,
      replayStart: live.replayStart,
      epochStart: prepared.clock.epochMs() + LEAD_MS,
      displayNumbers: new Map(
        options.scenario.tenant.assets.map((a) => [a.id, displayDigits(a.number)] as const),
      ),
    },
    ledger,
  );
  const customers = new CustomerReplayer({
    pool: http,
    appSecret: target.appSecret,
    schedule,
    metrics,
    errors,
    timeline: live.timeline,
    now: run.now,
    ...(options.lagToleranceMs !== undefined ? { lagToleranceMs: options.lagToleranceMs } : {}),
    onSend: (w) => {
      const entry = ledger.get(w.message.messageId);
      if (entry) entry.state = 'sent';
    },
    onOutcome: (w, _i, outcome) => {
      const entry = ledger.get(w.message.messageId);
      if (entry === undefined) return;
      gate.answered(entry.arrival);
      if (outcome.ok) {
        entry.state = 'acked';
        if (outcome.duplicates > 0) {
          live.ackDuplicates += outcome.duplicates;
          metrics.duplicates.add(outcome.duplicates);
        }
        return;
      }
      entry.state = 'failed';
      const info = share.arrivals.get(entry.arrival);
      if (info) info.failed++;
      pool.customerNews(entry.arrival);
    },
  });
  void customers.done.then(() => {
    live.customersFinished = true;
    pool.customerNews(null);
  });
  return customers;
}

/** This segment's abandons on the replayer's clock. */
function scheduledAbandons(run: Run): ScheduledAbandon[] {
  return run.share.abandons.map((a) => ({
    due: run.live.replayStart + a.at / run.speed,
    arrival: a.arrival,
    assetId: a.assetId,
    customerId: a.customerId,
  }));
}

/** The abandons, to send on schedule through the load-test extension once their customer's messages are in. */
function startAbandons(
  run: Run,
  http: HttpPool,
  gate: AbandonGate,
  schedule: readonly ScheduledAbandon[],
): AbandonReplayer {
  const { metrics, errors } = run.prepared;
  const abandons = new AbandonReplayer({
    pool: http,
    adminToken: run.target.adminToken ?? '',
    schedule,
    metrics,
    errors,
    now: run.now,
    ready: (arrival) => gate.ready(arrival),
  });
  void abandons.done.then(() => {
    run.live.abandonsFinished = true;
  });
  return abandons;
}

/** Waits for the run's end, reporting progress meanwhile. */
function untilEnd(
  run: Run,
  pool: AgentPool,
  customers: CustomerReplayer,
): Promise<RunInfo['endReason']> {
  const { options, live, now, speed, plannedScenarioMs, prepared } = run;
  const { metrics, tracker } = prepared;
  return waitForEnd({
    hardEnd: live.replayStart + plannedScenarioMs / speed,
    durationCapped:
      options.durationMs !== undefined && options.durationMs * speed < options.trace.header.endMs,
    now,
    signal: options.signal,
    quiet: async () => {
      if (!live.customersFinished || !live.abandonsFinished || pool.busy > 0) return false;
      if (tracker.outstanding > 0 && now() < live.lastReplyAt + OUTBOUND_GRACE_MS) return false;
      return nothingOpen(run);
    },
    progress: () => {
      options.onProgress?.({
        elapsedMs: now() - live.replayStart,
        plannedMs: plannedScenarioMs / speed,
        sent: customers.sent,
        total: customers.total,
        acked: metrics.webhook_acks.count,
        failed: metrics.webhook_failed.passes,
        p99AckMs: metrics.webhook_ack.percentile(99),
        leaks: run.frames.leaks,
        busyAgents: pool.busy,
      });
    },
  });
}

/** What the agents may ask about the customers, from the trace and the run so far. */
function customerSideOf(run: Run, finished: () => boolean): CustomerSide {
  const { share, ids } = run;
  const assetIndex = new Map(run.options.scenario.tenant.assets.map((a, i) => [a.id, i]));
  return {
    expectedFrom: (arrival, seq) =>
      (share.arrivals.get(arrival)?.seqs ?? share.everyone.get(arrival)?.seqs ?? []).filter(
        (s) => s >= seq,
      ).length,
    failedOf: (arrival) => share.arrivals.get(arrival)?.failed ?? 0,
    customerIdOf: (arrival) => share.everyone.get(arrival)?.customerId,
    assetOf: (arrival) => assetIndex.get(share.everyone.get(arrival)?.assetId ?? '') ?? -1,
    messageOf: (messageId) => ids.resolve(messageId),
    finished,
  };
}

/** Reachable? Also warms the sockets and both ends' HTTP paths before the clock starts. */
async function checkReachable(http: HttpPool, target: LoadTarget): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await http.fetch({ method: 'GET', path: '/healthz' }).catch((err: { code?: string }) => {
      throw new LoadError(
        LoadErrorCode.targetUnreachable,
        `${target.url}/healthz: ${err.code ?? String(err)}`,
      );
    });
  }
}

/** The deployment's clock: by an agent's ping when one is connected, else through the admin API. */
async function deploymentClock(
  run: Run,
  client: ReturnType<AgentPool['anyClient']>,
): Promise<ClockSample | null> {
  if (client !== null) return clockSample(client, run.now);
  if (run.admin === null) return null;
  return adminClockSample(run.target.url, run.target.adminToken!, run.now);
}

/**
 * Staffing changes at every interval start and, from one segment only, the administrator's asset
 * deletions, each at its scenario time (within the planned run). Returns the timers.
 */
function scheduleScenarioEvents(run: Run, pool: AgentPool): NodeJS.Timeout[] {
  const { model, plannedScenarioMs, admin } = run;
  const atScenario = (ms: number, fn: () => void) =>
    setTimeout(fn, Math.max(0, run.live.replayStart + ms / run.speed - run.now()));
  const scheduled: NodeJS.Timeout[] = [];
  for (let i = 0; i < run.options.scenario.horizon.intervals; i++) {
    const t = i * model.intervalMs;
    if (t < plannedScenarioMs) scheduled.push(atScenario(t, () => pool.interval(i)));
  }
  // The shrinkage plan's breaks, after the interval starts (a break at an interval start sees
  // that interval's staffing, as in the simulator). One replayer only: a segment's agents are
  // a share of each group, and every segment would take every break.
  const breaks = pool.shrinkage?.breaks ?? [];
  if (run.segment.count === 1) {
    breaks.forEach((b, k) => {
      if (b.atMs < plannedScenarioMs) scheduled.push(atScenario(b.atMs, () => pool.breakDue(k)));
    });
  }
  if (admin !== null && isLeader(run.segment)) {
    const errors = run.prepared.errors;
    for (const d of model.deletions) {
      if (d.atMs >= plannedScenarioMs) continue;
      scheduled.push(
        atScenario(d.atMs, () => {
          void admin.deleteAsset(d.assetId).then((code) => {
            if (code !== null) errors.add('admin', `deleteAsset:${code}`);
          });
        }),
      );
    }
  }
  return scheduled;
}

/**
 * No conversation of this run is open on the deployment (with segments: none at all, since the
 * customers of other segments are served by every segment's agents). Without an admin token the
 * deployment cannot be asked: quiet once the replayer is.
 */
async function nothingOpen(run: Run): Promise<boolean> {
  if (run.admin === null) return true;
  const open = await run.admin.openConversations().catch(() => null);
  if (open === null) return false;
  if (run.segment.count > 1) return open.length === 0;
  const ours = new Set([...run.share.arrivals.values()].map((a) => a.customerId));
  return !open.some((c) => ours.has(c.customer.id));
}

function abandonInfo(
  mode: AbandonMode,
  plan: Awaited<ReturnType<typeof planAbandons>>,
  share: SegmentShare,
  schedule: readonly ScheduledAbandon[],
  replayer: AbandonReplayer,
): AbandonInfo {
  return {
    mode,
    replayed: plan.replay,
    ...(plan.replay ? {} : { reason: plan.reason }),
    trace: share.abandonsInTrace,
    scheduled: schedule.length,
    sent: replayer.sent,
    applied: replayer.applied,
    refused: replayer.refused,
    refusedByCode: { ...replayer.refusedByCode },
    failed: replayer.failed,
  };
}

/** The checks, the thresholds and `summary.json` of a finished run. */
function assembleResult(
  run: Run,
  end: {
    readonly realMs: number;
    readonly endReason: RunInfo['endReason'];
    readonly alignment: ClockAlignment | null;
    readonly measured: MeasuredRecords | null;
    readonly abandons: AbandonInfo;
    readonly agents: AgentPool;
  },
): LoadTestResult {
  const { options, prepared, share, segment, frames, ledger } = run;
  const { scenario, trace, speed } = options;
  const { metrics, thresholds, tracker, errors } = prepared;
  const loss = ledger.loss(end.measured?.accounts ?? null);
  metrics.lost.add(loss.lost);
  const predicted = predictedVsMeasured({
    scenario,
    simulated: options.simulated,
    segment,
    arrivals: share.arrivals,
    measured: end.measured,
    alignment: end.alignment,
    endReason: end.endReason,
    abandons: end.abandons,
  });
  const seconds = end.realMs / 1000;
  const results = thresholds.map((t) => evaluateThreshold(t, metrics.values(t.metric, seconds)));
  const summary: LoadSummary = {
    kind: 'ccsim-loadtest',
    version: 1,
    ccsim: options.version ?? '0.0.0',
    command: options.command ?? '',
    scenario: { name: scenario.name, file: options.scenarioFile },
    seed: trace.header.seed,
    replication: trace.header.replication,
    segment: `${segment.index}/${segment.count}`,
    speed,
    runTag: run.runTag,
    target: { url: run.target.url, reference: run.target.reference },
    startedAt: run.startedAt.toISOString(),
    run: {
      realSeconds: round3(seconds),
      scenarioSeconds: round3((end.realMs * speed) / 1000),
      plannedScenarioSeconds: round3(run.plannedScenarioMs / 1000),
      endReason: end.endReason,
    },
    trace: {
      customers: share.arrivals.size,
      messages: share.messages.length,
      abandons: share.abandonsInTrace,
      cutByDuration: share.cutByDuration,
      customersTotal: share.customersTotal,
      secrets: share.planted,
    },
    metrics: metrics.summary(seconds),
    thresholds: { ok: results.every((r) => r.ok), results },
    checks: {
      leaks: {
        count: frames.leaks,
        maskingEnabled: toTenant(scenario).masking.enabled,
        framesScanned: frames.framesScanned,
        examples: frames.leakExamples,
      },
      loss: {
        ...loss,
        duplicateDeliveries: ledger.duplicateDeliveries,
        ackDuplicates: run.live.ackDuplicates,
      },
    },
    errors: errors.toJSON(),
    agents: {
      count: end.agents.agents.length,
      disconnects: run.live.disconnects,
      transfersSkipped: end.agents.skipped.transfers,
      conferencesSkipped: end.agents.skipped.conferences,
      repliesNotDelivered: tracker.outstanding,
      sinkUnmatched: tracker.unmatched,
    },
    timeline: run.live.timeline.toJSON(),
    abandons: end.abandons,
    predictedVsMeasured: predicted,
  };
  return { summary, thresholds, measured: end.measured };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
