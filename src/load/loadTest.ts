import type { AgentStateRecord, ConversationRecord } from '../core/index.js';
import { type Scenario, toTenant } from '../scenario/index.js';
import {
  type AbandonMode,
  AbandonReplayer,
  planAbandons,
  type ScheduledAbandon,
} from './abandonReplayer.js';
import { AdminClient } from './adminClient.js';
import { compileAgentModel } from './agentModel.js';
import { AgentPool } from './agentPool.js';
import {
  alignAgentState,
  alignClocks,
  alignRecord,
  type ClockAlignment,
  type ClockSample,
} from './clockAlignment.js';
import { ConversationBook, type CustomerSide } from './conversationBook.js';
import { CustomerReplayer, type ScheduledWebhook } from './customerReplayer.js';
import type { DesktopClient, Frame } from './desktopClient.js';
import { ErrorCounts } from './errorCounts.js';
import { startGraphSink } from './graphSink.js';
import { HttpPool } from './httpClient.js';
import { LeakDetector, type Secret } from './leakDetector.js';
import { LoadError, LoadErrorCode } from './loadError.js';
import { type CustomerAccount, customerKey, MessageLedger } from './messageLedger.js';
import { LoadMetrics } from './metrics.js';
import { OutboundTracker } from './outboundTracker.js';
import { compareKpis, kpisOfRecords } from './predicted.js';
import { ReplayMessageIds } from './replayMessageIds.js';
import { ReplayTimers } from './replayTimers.js';
import { inSegment, isLeader, type Segment, WHOLE } from './segment.js';
import type {
  AbandonInfo,
  LeakExample,
  LoadSummary,
  PredictedVsMeasured,
  RunInfo,
} from './summary.js';
import { evaluateThreshold, parseThresholds, type Threshold } from './thresholds.js';
import { Timeline } from './timeline.js';
import type { Trace, TraceAbandon, TraceMessage } from './trace.js';
import { displayDigits } from './webhook.js';

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
  /** Seed of the agents' streams (default: the trace's seed). */
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
}

/** A prepared load test: its Cloud-API sink listens already (point the deployment at it). */
export interface PreparedLoadTest {
  readonly sinkUrl: string;
  run(target: LoadTarget): Promise<LoadTestResult>;
  /** Releases the sink without running (when starting the deployment failed). */
  close(): Promise<void>;
}

const LEAD_MS = 300;
const POLL_MS = 200;
/** Real time agents get to send their last replies out after the customers are done. */
const OUTBOUND_GRACE_MS = 2000;

interface ArrivalInfo {
  /** Seqs of the trace's messages for the arrival. */
  readonly seqs: number[];
  readonly assetId: string;
  readonly customerId: string;
  failed: number;
}

/**
 * Prepares a load test: checks the thresholds against the metrics (an error before anything
 * runs), builds this segment's schedule and the leak detector, and starts the Cloud-API sink.
 */
export async function prepareLoadTest(options: LoadTestOptions): Promise<PreparedLoadTest> {
  const { scenario } = options;
  if (!(options.speed > 0) || !Number.isFinite(options.speed)) {
    throw new LoadError(LoadErrorCode.invalidOption, `speed must be > 0, got ${options.speed}`);
  }
  const metrics = new LoadMetrics();
  const thresholds = parseThresholds(scenario.load.thresholds, metrics.types());
  const tracker = new OutboundTracker();
  const errors = new ErrorCounts();
  let customerReplies: ((at: number) => void) | null = null;
  const sink = await startGraphSink({
    port: options.sinkPort ?? 0,
    onMessage: (m) => {
      const at = performance.now();
      metrics.customer_replies.add();
      const sentAt = tracker.received(m.to, m.text);
      if (sentAt !== null) metrics.agent_send_to_customer.add(at - sentAt);
      customerReplies?.(at);
    },
    onBadRequest: (code) => errors.add('sink', code),
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await sink.close();
  };
  return {
    sinkUrl: sink.url,
    close,
    run: async (target) => {
      try {
        return await runPrepared(options, target, {
          metrics,
          thresholds,
          tracker,
          errors,
          onCustomerReply: (fn) => {
            customerReplies = fn;
          },
        });
      } finally {
        await close();
      }
    },
  };
}

interface Prepared {
  readonly metrics: LoadMetrics;
  readonly thresholds: readonly Threshold[];
  readonly tracker: OutboundTracker;
  readonly errors: ErrorCounts;
  onCustomerReply(fn: (at: number) => void): void;
}

async function runPrepared(
  options: LoadTestOptions,
  target: LoadTarget,
  prepared: Prepared,
): Promise<LoadTestResult> {
  const { scenario, trace, speed } = options;
  const { metrics, thresholds, tracker, errors } = prepared;
  const segment = options.segment ?? WHOLE;
  const seed = options.seed ?? trace.header.seed;
  const now = () => performance.now();
  const startedAt = new Date();
  const runTag = options.runTag ?? startedAt.getTime().toString(36);
  const plannedScenarioMs = Math.min(
    trace.header.endMs,
    options.durationMs !== undefined ? options.durationMs * speed : Number.POSITIVE_INFINITY,
  );

  // --- this segment's customers -------------------------------------------------------------
  const arrivals = new Map<number, ArrivalInfo>();
  const mine: TraceMessage[] = [];
  const myAbandons: TraceAbandon[] = [];
  let abandons = 0;
  let cutByDuration = 0;
  const secrets: Secret[] = [];
  const allCustomers = new Set<number>();
  for (const event of trace.events) {
    allCustomers.add(event.arrival);
    if (event.type === 'message') {
      for (const s of event.secrets) {
        secrets.push({
          text: event.text.slice(s.start, s.end),
          kind: s.kind,
          messageId: event.messageId,
        });
      }
    }
    if (!inSegment(event.arrival, segment)) continue;
    if (event.type === 'abandon') {
      abandons++;
      // A customer's abandon comes after their messages: within the cap when they are.
      if (event.at < plannedScenarioMs) myAbandons.push(event);
      continue;
    }
    if (event.at >= plannedScenarioMs) {
      cutByDuration++;
      continue;
    }
    mine.push(event);
    const info = arrivals.get(event.arrival);
    if (info) info.seqs.push(event.seq);
    else {
      arrivals.set(event.arrival, {
        seqs: [event.seq],
        assetId: event.assetId,
        customerId: event.customer.id,
        failed: 0,
      });
    }
  }
  // The reference deployment shows agents opaque message ids; any id resolves to its message.
  const ids = new ReplayMessageIds(
    target.appSecret,
    runTag,
    trace.events.flatMap((e) =>
      e.type === 'message' ? [{ arrival: e.arrival, seq: e.seq, customerId: e.customer.id }] : [],
    ),
  );
  const frameId = (id: string) => ids.resolve(id)?.wamid ?? id;
  const planted = secrets.length;
  // A customer's number in any encoding is a leak, in an id as anywhere (docs/load.md).
  const numbers = new Map<string, string>();
  for (const event of trace.events) {
    if (event.type === 'message' && !numbers.has(event.customer.id)) {
      numbers.set(event.customer.id, event.messageId);
    }
  }
  for (const [customerId, messageId] of numbers) {
    secrets.push({ text: customerId, kind: 'phone', messageId, encodings: true });
  }
  const detector = new LeakDetector(secrets);
  const ledger = new MessageLedger();
  const displayNumbers = new Map(
    scenario.tenant.assets.map((a) => [a.id, displayDigits(a.number)] as const),
  );
  const masking = toTenant(scenario).masking.enabled;

  // Every customer of the trace: agents serve other segments' customers too.
  const everyone = new Map<number, { seqs: number[]; customerId: string }>();
  for (const event of trace.events) {
    if (event.type !== 'message') continue;
    const known = everyone.get(event.arrival);
    if (known) known.seqs.push(event.seq);
    else everyone.set(event.arrival, { seqs: [event.seq], customerId: event.customer.id });
  }
  let customersFinished = false;
  let abandonsFinished = false;
  const customerSide: CustomerSide = {
    expectedFrom: (arrival, seq) =>
      (arrivals.get(arrival)?.seqs ?? everyone.get(arrival)?.seqs ?? []).filter((s) => s >= seq)
        .length,
    failedOf: (arrival) => arrivals.get(arrival)?.failed ?? 0,
    customerIdOf: (arrival) => everyone.get(arrival)?.customerId,
    messageOf: (messageId) => ids.resolve(messageId),
    finished: () => customersFinished,
  };

  // --- the deployment -------------------------------------------------------------------------
  const model = compileAgentModel(scenario);
  const admin = target.adminToken ? new AdminClient(target.url, target.adminToken) : null;
  await admin?.check();
  const abandonMode = options.abandon ?? (target.reference ? 'on' : 'auto');
  const abandonPlan = await planAbandons(
    abandonMode,
    admin,
    scenario.tenant.assets[0]?.id ?? '0',
    myAbandons.length,
  );
  const book = new ConversationBook(model, seed, customerSide);
  const timers = new ReplayTimers(speed);
  let replayStart = Number.POSITIVE_INFINITY;
  const scenarioNow = () => (now() - replayStart) * speed;
  let framesScanned = 0;
  let leaks = 0;
  const leakExamples: LeakExample[] = [];
  let disconnects = 0;
  let ackDuplicates = 0;
  let lastReplyAt = 0;
  let timeline = new Timeline(now());

  const seeMessage = (messageId: string, at: number, isOffer: boolean) => {
    const entry = ledger.seen(messageId, at);
    if (entry === null) return;
    metrics.messages_delivered.add();
    metrics.message_to_desktop.add(at - entry.due);
    timeline.add('delivered', at);
    if (isOffer && entry.seq === 1) metrics.arrival_to_offer.add(at - entry.due);
  };

  const onFrame = (agentId: string, raw: string, frame: Frame) => {
    const at = now();
    metrics.frames.add();
    framesScanned++;
    const hits = detector.scan(raw);
    if (hits.length > 0) {
      leaks += hits.length;
      metrics.leaks.add(hits.length);
      const event = frame.event as { type?: string } | undefined;
      for (const hit of hits) {
        if (leakExamples.length >= 10) break;
        leakExamples.push({
          agentId,
          frame: event?.type ?? frame.type,
          kind: hit.secret.kind,
          messageId: hit.secret.messageId,
        });
      }
    }
    if (frame.type !== 'event') return;
    const event = frame.event as Record<string, unknown>;
    switch (event.type) {
      case 'offer': {
        metrics.offers.add();
        const first = event.firstMessageId;
        if (typeof first === 'string') seeMessage(frameId(first), at, true);
        return;
      }
      case 'message': {
        const message = event.message as { from?: string; messageId?: string | null };
        if (message.from === 'customer' && typeof message.messageId === 'string') {
          const id = frameId(message.messageId);
          seeMessage(id, at, false);
          if (ledger.delivered(id, agentId)) metrics.duplicates.add();
        }
        return;
      }
      case 'conversation.accepted': {
        const pane = event.pane as { messages?: { messageId?: string | null }[] } | undefined;
        for (const m of pane?.messages ?? []) {
          if (typeof m.messageId === 'string') seeMessage(frameId(m.messageId), at, false);
        }
        return;
      }
      default:
        return;
    }
  };

  const mySpecs = model.agents.filter((a) => inSegment(a.index, segment));
  const pool = new AgentPool({
    wsUrl: target.wsUrl,
    model,
    agents: mySpecs,
    tokens: target.agentTokens,
    seed,
    timers,
    book,
    agentTexts: trace.header.agentTexts,
    onFrame,
    onReply: (request, reply, ms) => {
      metrics.agent_request.add(ms);
      metrics.agent_request_failed.add(reply.type === 'error');
      if (reply.type === 'error') errors.add('agent', `${request}:${reply.code ?? 'UNKNOWN'}`);
      else if (request === 'send') metrics.agent_replies.add();
    },
    onReplySent: (c, text) => {
      lastReplyAt = now();
      if (c.customerId !== null) tracker.expect(c.customerId, text, lastReplyAt);
    },
    onReplyRefused: (c, text) => {
      if (c.customerId !== null) tracker.cancel(c.customerId, text);
    },
    onDisconnect: (agentId, code, reason) => {
      disconnects++;
      errors.add('agent', `DISCONNECTED:${code}${reason ? `:${reason}` : ''}`);
      void agentId;
    },
    now,
    scenarioNow,
  });
  prepared.onCustomerReply((at) => timeline.add('outbound', at));

  const http = new HttpPool(target.url, { connections: options.connections ?? 128 });
  let replayer: CustomerReplayer | null = null;
  let abandonReplayer: AbandonReplayer | null = null;
  try {
    // Reachable? Also warms the sockets and both ends' HTTP paths before the clock starts.
    for (let i = 0; i < 3; i++) {
      await http.fetch({ method: 'GET', path: '/healthz' }).catch((err: { code?: string }) => {
        throw new LoadError(
          LoadErrorCode.targetUnreachable,
          `${target.url}/healthz: ${err.code ?? String(err)}`,
        );
      });
    }
    await pool.connect();
    const pingClient = pool.anyClient();
    const startSample = pingClient
      ? await clockSample(pingClient, now)
      : admin
        ? await adminClockSample(target.url, target.adminToken!, now)
        : null;

    // --- schedule -----------------------------------------------------------------------------
    replayStart = now() + LEAD_MS;
    timeline = new Timeline(replayStart);
    const schedule: ScheduledWebhook[] = [];
    const epochBase = Date.now() + LEAD_MS;
    for (const event of mine) {
      const messageId = ids.wamid(event.arrival, event.seq);
      const due = replayStart + event.at / speed;
      ledger.register({
        messageId,
        arrival: event.arrival,
        seq: event.seq,
        assetId: event.assetId,
        customerId: event.customer.id,
        due,
      });
      schedule.push({
        due,
        message: {
          assetId: event.assetId,
          displayNumber: displayNumbers.get(event.assetId) ?? '',
          customerId: event.customer.id,
          customerName: event.customer.name,
          messageId,
          text: event.text,
          timestamp: Math.floor((epochBase + event.at / speed) / 1000),
        },
      });
    }
    // An abandon waits for its customer's messages to be answered (it follows them).
    const unanswered = new Map<number, { left: number; waiters: (() => void)[] }>();
    if (abandonPlan.replay) {
      for (const a of myAbandons) unanswered.set(a.arrival, { left: 0, waiters: [] });
      for (const event of mine) {
        const u = unanswered.get(event.arrival);
        if (u) u.left++;
      }
    }
    const answeredOne = (arrival: number) => {
      const u = unanswered.get(arrival);
      if (u === undefined || --u.left > 0) return;
      for (const resolve of u.waiters.splice(0)) resolve();
    };
    const customers = new CustomerReplayer({
      pool: http,
      appSecret: target.appSecret,
      schedule,
      metrics,
      errors,
      timeline,
      now,
      ...(options.lagToleranceMs !== undefined ? { lagToleranceMs: options.lagToleranceMs } : {}),
      onSend: (w) => {
        const entry = ledger.get(w.message.messageId);
        if (entry) entry.state = 'sent';
      },
      onOutcome: (w, _i, outcome) => {
        const entry = ledger.get(w.message.messageId);
        if (entry === undefined) return;
        answeredOne(entry.arrival);
        if (outcome.ok) {
          entry.state = 'acked';
          if (outcome.duplicates > 0) {
            ackDuplicates += outcome.duplicates;
            metrics.duplicates.add(outcome.duplicates);
          }
          return;
        }
        entry.state = 'failed';
        const info = arrivals.get(entry.arrival);
        if (info) info.failed++;
        pool.customerNews(entry.arrival);
      },
    });
    replayer = customers;
    const abandonSchedule: ScheduledAbandon[] = abandonPlan.replay
      ? myAbandons.map((a) => ({
          due: replayStart + a.at / speed,
          arrival: a.arrival,
          assetId: a.assetId,
          customerId: a.customerId,
        }))
      : [];
    const abandonsOut = new AbandonReplayer({
      pool: http,
      adminToken: target.adminToken ?? '',
      schedule: abandonSchedule,
      metrics,
      errors,
      now,
      ready: (arrival) => {
        const u = unanswered.get(arrival);
        if (u === undefined || u.left <= 0) return null;
        return new Promise((resolve) => u.waiters.push(resolve));
      },
    });
    abandonReplayer = abandonsOut;
    const atScenario = (ms: number, fn: () => void) =>
      setTimeout(fn, Math.max(0, replayStart + ms / speed - now()));
    const scheduled: NodeJS.Timeout[] = [];
    for (let i = 0; i < scenario.horizon.intervals; i++) {
      const t = i * model.intervalMs;
      if (t < plannedScenarioMs) scheduled.push(atScenario(t, () => pool.interval(i)));
    }
    if (admin !== null && isLeader(segment)) {
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
    customers.start();
    abandonsOut.start();
    void customers.done.then(() => {
      customersFinished = true;
      pool.customerNews(null);
    });
    void abandonsOut.done.then(() => {
      abandonsFinished = true;
    });

    // --- wait for the end -----------------------------------------------------------------------
    const hardEnd = replayStart + plannedScenarioMs / speed;
    const endReason = await waitForEnd({
      hardEnd,
      durationCapped:
        options.durationMs !== undefined && options.durationMs * speed < trace.header.endMs,
      now,
      signal: options.signal,
      quiet: async () => {
        if (!customersFinished || !abandonsFinished || pool.busy > 0) return false;
        if (tracker.outstanding > 0 && now() < lastReplyAt + OUTBOUND_GRACE_MS) return false;
        if (admin === null) return true;
        const open = await admin.openConversations().catch(() => null);
        if (open === null) return false;
        if (segment.count > 1) return open.length === 0;
        const ours = new Set([...arrivals.values()].map((a) => a.customerId));
        return !open.some((c) => ours.has(c.customer.id));
      },
      progress: () => {
        options.onProgress?.({
          elapsedMs: now() - replayStart,
          plannedMs: plannedScenarioMs / speed,
          sent: customers.sent,
          total: customers.total,
          acked: metrics.webhook_acks.count,
          failed: metrics.webhook_failed.passes,
          p99AckMs: metrics.webhook_ack.percentile(99),
          leaks,
          busyAgents: pool.busy,
        });
      },
    });
    for (const handle of scheduled) clearTimeout(handle);
    customers.stop();
    abandonsOut.stop();
    timers.stop();
    // Leave a deployment of someone else's as found: agents without work log out.
    if (!target.reference) await pool.logOutIdle();
    const realMs = now() - replayStart;
    const endSample = pingClient?.open
      ? await clockSample(pingClient, now).catch(() => null)
      : admin
        ? await adminClockSample(target.url, target.adminToken!, now).catch(() => null)
        : null;
    pool.close();
    // Answers still on their way are counted (a stopped replayer sends nothing new).
    const giveUp = new AbortController();
    await Promise.race([
      Promise.all([customers.done, abandonsOut.done]),
      delay(5000, giveUp.signal),
    ]);
    giveUp.abort();

    // --- checks -------------------------------------------------------------------------------
    let accounts: Map<string, CustomerAccount> | null = null;
    let records: ConversationRecord[] = [];
    let agentStates: AgentStateRecord[] = [];
    let alignment: ClockAlignment | null = null;
    if (startSample !== null) {
      alignment = alignClocks(startSample, endSample, replayStart, speed);
    }
    if (admin !== null) {
      const [allRecords, states, open] = await Promise.all([
        admin.records(),
        admin.agentStates(),
        admin.openConversations(),
      ]);
      const ours = new Set([...arrivals.values()].map((a) => customerKey(a.assetId, a.customerId)));
      // This run's records: our customers, arrived after the replay began.
      const since = alignment ? alignment.serverAtStart - 1000 * (alignment.rate / speed) : 0;
      records = allRecords.filter(
        (r) => ours.has(customerKey(r.assetId, r.customerId)) && r.arrivedAt >= since,
      );
      agentStates = states.filter((s) => s.at >= since);
      accounts = new Map();
      for (const r of records) {
        const key = customerKey(r.assetId, r.customerId);
        const a = accounts.get(key) ?? { recorded: 0, openIds: new Set<string>() };
        accounts.set(key, { recorded: a.recorded + r.customerMessages, openIds: a.openIds });
      }
      for (const c of open) {
        const key = customerKey(c.assetId, c.customer.id);
        if (!ours.has(key)) continue;
        const a = accounts.get(key) ?? { recorded: 0, openIds: new Set<string>() };
        const openIds = new Set(a.openIds);
        for (const m of c.messages ?? []) if (m.messageId) openIds.add(frameId(m.messageId));
        accounts.set(key, { recorded: a.recorded, openIds });
      }
    }
    const loss = ledger.loss(accounts);
    metrics.lost.add(loss.lost);

    const abandonInfo: AbandonInfo = {
      mode: abandonMode,
      replayed: abandonPlan.replay,
      ...(abandonPlan.replay ? {} : { reason: abandonPlan.reason }),
      trace: abandons,
      scheduled: abandonSchedule.length,
      sent: abandonsOut.sent,
      applied: abandonsOut.applied,
      refused: abandonsOut.refused,
      refusedByCode: { ...abandonsOut.refusedByCode },
      failed: abandonsOut.failed,
    };
    const predicted = predictedVsMeasured(
      options,
      segment,
      arrivals,
      records,
      agentStates,
      alignment,
      admin !== null,
      endReason,
      abandonInfo,
    );
    const seconds = realMs / 1000;
    const results = thresholds.map((t) => evaluateThreshold(t, metrics.values(t.metric, seconds)));
    const run: RunInfo = {
      realSeconds: round3(seconds),
      scenarioSeconds: round3((realMs * speed) / 1000),
      plannedScenarioSeconds: round3(plannedScenarioMs / 1000),
      endReason,
    };
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
      runTag,
      target: { url: target.url, reference: target.reference },
      startedAt: startedAt.toISOString(),
      run,
      trace: {
        customers: arrivals.size,
        messages: mine.length,
        abandons,
        cutByDuration,
        customersTotal: allCustomers.size,
        secrets: planted,
      },
      metrics: metrics.summary(seconds),
      thresholds: { ok: results.every((r) => r.ok), results },
      checks: {
        leaks: { count: leaks, maskingEnabled: masking, framesScanned, examples: leakExamples },
        loss: { ...loss, duplicateDeliveries: ledger.duplicateDeliveries, ackDuplicates },
      },
      errors: errors.toJSON(),
      agents: {
        count: mySpecs.length,
        disconnects,
        transfersSkipped: pool.skipped.transfers,
        conferencesSkipped: pool.skipped.conferences,
        repliesNotDelivered: tracker.outstanding,
        sinkUnmatched: tracker.unmatched,
      },
      timeline: timeline.toJSON(),
      abandons: abandonInfo,
      predictedVsMeasured: predicted,
    };
    return { summary, thresholds };
  } finally {
    replayer?.stop();
    abandonReplayer?.stop();
    timers.stop();
    pool.close();
    http.close();
  }
}

function predictedVsMeasured(
  options: LoadTestOptions,
  segment: Segment,
  arrivals: ReadonlyMap<number, ArrivalInfo>,
  records: readonly ConversationRecord[],
  agentStates: readonly AgentStateRecord[],
  alignment: ClockAlignment | null,
  haveAdmin: boolean,
  endReason: RunInfo['endReason'],
  abandons: AbandonInfo,
): PredictedVsMeasured {
  if (!haveAdmin) {
    return { available: false, reason: 'no admin token: the finished records cannot be read' };
  }
  if (alignment === null) {
    return { available: false, reason: 'no clock sample from the deployment' };
  }
  if (options.simulated === null) {
    return { available: false, reason: 'no simulated run to compare with' };
  }
  const { scenario } = options;
  const customers = new Set([...arrivals.values()].map((a) => a.customerId));
  const simRecords = options.simulated.records.filter((r) => customers.has(r.customerId));
  const simulatedReport = kpisOfRecords(scenario, simRecords, options.simulated.agentStates);
  const measuredReport = kpisOfRecords(
    scenario,
    records.map((r) => alignRecord(alignment, r)),
    agentStates.map((s) => alignAgentState(alignment, s)),
  );
  const simulated = simulatedReport.total;
  const measured = measuredReport.total;
  const notes: string[] = [];
  if (segment.count > 1) {
    notes.push(
      `segment ${segment.index}/${segment.count}: both columns count this segment's customers only`,
    );
  }
  if (endReason !== 'completed') {
    notes.push(
      `the run was cut (${endReason}): conversations still open have no record and are not measured`,
    );
  }
  if (abandons.replayed && abandons.trace > 0) {
    const cut = abandons.trace - abandons.sent;
    notes.push(
      `${abandons.sent} of ${abandons.trace} simulated abandons sent through the load-test extension ` +
        `(${abandons.applied} abandoned, ${abandons.refused} refused: answered live before their time or nothing open` +
        `${abandons.failed > 0 ? `, ${abandons.failed} failed` : ''}${cut > 0 ? `, ${cut} not sent` : ''})`,
    );
  } else if (abandons.trace > 0) {
    notes.push(
      `simulated abandons not sent (${abandons.reason}): the Cloud API has no abandon signal, so simulated customers who gave up are served live (measured abandonment counts only what the deployment records)`,
    );
  }
  return {
    available: true,
    clock: alignment,
    rows: compareKpis(simulated, measured),
    simulated,
    measured,
    intervals: { simulated: simulatedReport.intervals, measured: measuredReport.intervals },
    measuredRecords: records.length,
    notes,
  };
}

async function waitForEnd(w: {
  hardEnd: number;
  durationCapped: boolean;
  now: () => number;
  signal: AbortSignal | undefined;
  quiet: () => Promise<boolean>;
  progress: () => void;
}): Promise<RunInfo['endReason']> {
  let lastProgress = 0;
  for (;;) {
    if (w.signal?.aborted) return 'interrupted';
    const t = w.now();
    if (t >= w.hardEnd) return w.durationCapped ? 'duration' : 'horizon';
    if (t - lastProgress >= 500) {
      lastProgress = t;
      w.progress();
    }
    if (await w.quiet()) return 'completed';
    await delay(Math.min(POLL_MS, Math.max(1, w.hardEnd - w.now())), w.signal);
  }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The server's clock by `ping` (best of five round trips). */
async function clockSample(client: DesktopClient, now: () => number): Promise<ClockSample> {
  let best: ClockSample | null = null;
  for (let i = 0; i < 5; i++) {
    const sent = now();
    const reply = await client.request({ type: 'ping' });
    const got = now();
    if (reply.type !== 'ok' || typeof reply.now !== 'number') continue;
    const sample = { at: (sent + got) / 2, server: reply.now, rttMs: got - sent };
    if (best === null || sample.rttMs < best.rttMs) best = sample;
  }
  if (best === null) {
    throw new LoadError(LoadErrorCode.targetUnreachable, 'the agent desktop did not answer ping');
  }
  return best;
}

/** The server's clock from `GET /admin/agents` (`now`), when no agent socket is at hand. */
async function adminClockSample(
  url: string,
  token: string,
  now: () => number,
): Promise<ClockSample | null> {
  const sent = now();
  const response = await fetch(new URL('/admin/agents', url), {
    headers: { authorization: `Bearer ${token}` },
  });
  const got = now();
  const json = (await response.json()) as { agents?: { now?: number }[] };
  const server = json.agents?.[0]?.now;
  return typeof server === 'number' ? { at: (sent + got) / 2, server, rttMs: got - sent } : null;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
