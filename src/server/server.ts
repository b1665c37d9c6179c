import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Router, StateRestoreError, type TenantConfig } from '../core/index.js';
import type { AdminDeps } from './admin.js';
import { AgentDesktop } from './agentDesktop.js';
import { AgentTokens } from './agentTokens.js';
import { BodyBudget } from './bodyBudget.js';
import { ScaledClock } from './clock.js';
import { DashboardSampler } from './dashboardSampler.js';
import { DuplicateFilter } from './duplicateFilter.js';
import { applyCommand, type EffectSinks } from './engine.js';
import { asServerError, ServerError, ServerErrorCode } from './errors.js';
import { Housekeeping } from './housekeeping.js';
import { rawErrorResponse, sendServerError } from './httpIo.js';
import { Journal } from './journal.js';
import { journalOnlySinks } from './journalSinks.js';
import { LoadShedder } from './loadShedder.js';
import { ServerMetrics } from './metrics.js';
import {
  DEFAULT_LIMITS,
  DEFAULT_OUTBOUND,
  type LogFn,
  type ServerOptions,
  stderrLog,
} from './options.js';
import { Outbound } from './outbound.js';
import { replayJournal } from './replay.js';
import { createRoutes } from './routes.js';
import { generateSecret } from './secretsFile.js';
import { Sequencer } from './sequencer.js';
import { Snapshots } from './snapshots.js';
import { Timers } from './timers.js';
import type { WebhookDeps } from './webhook.js';

export interface ServerHandle {
  /** `http://host:port`, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** The agent desktop endpoint, `ws://host:port/agent`. */
  readonly wsUrl: string;
  readonly port: number;
  /** The effective secrets (generated ones included), for clients started alongside. */
  readonly appSecret: string;
  readonly verifyToken: string;
  readonly adminToken: string;
  /** False for `:memory:`. */
  readonly durable: boolean;
  /** Journaled commands replayed at start (those after the snapshot). */
  readonly replayed: number;
  /** The journal row the router was restored from at start (0: none, all was replayed). */
  readonly restoredFrom: number;
  /** The router (read-only use: tests, in-process tools). */
  readonly router: Router;
  /** The live dashboard's sampler (with `options.dashboard`), else null. */
  readonly dashboard: DashboardSampler | null;
  /** `router.snapshot()`: a comparable picture of the whole routing state. */
  snapshot(): unknown;
  /** Graceful stop: stop accepting, finish in-flight, flush the journal, close sockets. */
  close(): Promise<void>;
}

/**
 * Starts the live reference deployment: restores the router from the journal's snapshot and
 * replays the journal after it, re-arms offer deadlines, then listens for webhooks, agent
 * WebSockets, admin and metrics requests.
 */
export async function startServer(options: ServerOptions): Promise<ServerHandle> {
  const log: LogFn = options.log ?? stderrLog;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const retry = { ...DEFAULT_OUTBOUND, ...options.outbound };
  const speed = options.speed ?? 1;
  const appSecret = options.appSecret || generateSecret();
  const verifyToken = options.verifyToken || generateSecret();
  const adminToken = options.adminToken || generateSecret();
  const host = options.host ?? '127.0.0.1';

  // The caps are the router's (its refusals are journaled and replayed), so part of the tenant a
  // journal belongs to: a restart with other caps is a different tenant.
  const tenant: TenantConfig = {
    ...options.tenant,
    limits: {
      maxQueueLength: limits.maxQueueLength,
      maxMessagesPerConversation: limits.maxMessagesPerConversation,
      ...options.tenant.limits,
    },
  };
  const journal = new Journal(options.db, tenant, options.synchronous ?? 'full');
  try {
    return await assemble(restore(journal, tenant));
  } catch (err) {
    journal.close();
    throw err;
  }

  async function assemble(router: Router): Promise<ServerHandle> {
    const duplicates = new DuplicateFilter(journal, limits.dedupeWindowMs);
    const sequencerRef: { current?: Sequencer } = {};
    const metrics = new ServerMetrics({
      stats: () => router.stats(),
      wsConnections: () => desktop.connections,
      timers: () => timers.size,
      delayMs: () => shedder.delayMs(),
      connections: () => connections,
      bodyBytes: () => bodyBudget.inUse,
    });
    const outbound = new Outbound(
      {
        ...retry,
        graphUrl: options.graphUrl,
        accessToken: options.accessToken,
        random: options.random ?? Math.random,
      },
      journal,
      () => sequencerRef.current?.poke(),
      () => clock.now(),
      metrics,
      log,
    );

    // Replay: the same apply path as live traffic, with sinks that do no I/O. Derived rows
    // (records, agent states, outbound log) are re-inserted where a crash lost them.
    const replaySinks = journalOnlySinks(journal, outbound.initialStatus);
    const restoredFrom = journal.snapshot()?.seq ?? 0;
    const replayed = replayJournal(journal, router, duplicates, replaySinks, log, restoredFrom);
    const CHUNK = 10_000;
    const compaction = {
      name: 'compacting the journal',
      intervalMs: limits.snapshotIntervalMs,
      run: () => journal.compact(CHUNK) === CHUNK,
    };
    // The journal behind a snapshot goes once the snapshot is on disk.
    const snapshots = new Snapshots(journal, router, limits.snapshotEveryCommands, () => {
      journal.sync().then(
        () => housekeeping.runNow(compaction),
        (err: unknown) => log('error', 'syncing a snapshot failed', { error: String(err) }),
      );
    });

    const clock = new ScaledClock(speed, journal.lastNow);
    const timers: Timers = new Timers(clock, (timerId) => {
      sequencer.submit({ type: 'timer.fired', timerId }, (outcome) => {
        if (outcome instanceof ServerError && outcome.code !== ServerErrorCode.shuttingDown) {
          // Not journaled, so not applied: try again shortly while the timer is still pending.
          log('warn', 'timer could not be journaled; retrying', { timerId, code: outcome.code });
          if (router.hasPendingTimer(timerId)) timers.set(timerId, clock.now() + 1000 * speed);
        }
      });
    });

    const sequencer = new Sequencer(
      journal,
      clock,
      {
        apply(seq, now, command) {
          const result = applyCommand(router, seq, now, command, liveSinks);
          snapshots.applied(seq, now);
          metrics.commands.inc({ type: command.type, result: result.ok ? 'ok' : 'refused' });
          if (result.ok && command.type === 'customer.message') metrics.messagesIn.inc();
          return result;
        },
        observeBatch(size, seconds) {
          metrics.journalWrite.observe(seconds);
          metrics.journalBatch.observe(size);
        },
        log,
      },
      limits.maxPendingCommands,
    );
    sequencerRef.current = sequencer;

    const shedder = new LoadShedder(limits, () => sequencer.oldestWaitMs());
    const bodyBudget = new BodyBudget(limits.maxBufferedBodyBytes);

    const desktop: AgentDesktop = new AgentDesktop(
      sequencer,
      shedder,
      router,
      new AgentTokens(options.agentTokens),
      limits,
      metrics,
      log,
    );

    const dashboard = options.dashboard
      ? new DashboardSampler(router, metrics, options.dashboard)
      : null;

    const liveSinks: EffectSinks = {
      desktop(agentId, event) {
        if (event.type === 'offer') metrics.offers.inc({ kind: event.popover.offerKind });
        desktop.deliver(agentId, event);
      },
      customerSend(effect, seq, now) {
        replaySinks.customerSend(effect, seq, now);
        outbound.deliver({
          msgSeq: effect.seq,
          conversationId: effect.conversationId,
          assetId: effect.assetId,
          customerId: effect.customerId,
          agentId: effect.agentId,
          text: effect.text,
        });
      },
      timerSet(timerId, at) {
        timers.set(timerId, at);
      },
      timerCancel(timerId) {
        timers.cancel(timerId);
      },
      record(record, seq) {
        journal.queueRecord(seq, record);
        metrics.records.inc({ outcome: record.outcome });
        dashboard?.record(record);
      },
      agentState(record, seq, idx) {
        journal.queueAgentState(seq, idx, record);
        if (record.status === 'RONA') metrics.rona.inc();
      },
    };

    const webhookDeps: WebhookDeps = {
      appSecret,
      verifyToken,
      bodyLimit: limits.bodyLimitBytes,
      bodyBudget,
      bodyIdleTimeoutMs: limits.bodyIdleTimeoutMs,
      shedder,
      maxTextChars: limits.maxInboundTextChars,
      queueFullRetryAfterSeconds: limits.queueFullRetryAfterSeconds,
      admission: (assetId, customerId) => router.messageAdmission(assetId, customerId),
      sequencer,
      duplicates,
      now: () => clock.now(),
      metrics,
    };
    const adminDeps: AdminDeps = {
      adminToken,
      sequencer,
      router,
      journal,
      socketsOf: (agentId: string) => desktop.socketsOf(agentId),
    };

    let closing = false;
    let inFlight = 0;
    let idle: (() => void) | null = null;

    const route = createRoutes({
      closing: () => closing,
      bodyLimit: limits.bodyLimitBytes,
      bodyReading: { budget: bodyBudget, idleTimeoutMs: limits.bodyIdleTimeoutMs },
      metrics,
      webhook: webhookDeps,
      admin: adminDeps,
      ...(dashboard ? { onWebhook: (ms: number) => dashboard.webhook(ms) } : {}),
    });

    const headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
    // Connections over the cap: answered 503 and closed; their requests are never handled.
    const refusedSockets = new WeakSet<Socket>();
    const server = http.createServer(
      {
        requestTimeout: limits.requestTimeoutMs,
        headersTimeout,
        // Node checks the timeouts above at this interval (30 s by default).
        connectionsCheckingInterval: Math.max(10, Math.min(30_000, headersTimeout / 4)),
      },
      (req, res) => {
        if (refusedSockets.has(req.socket)) {
          req.socket.destroy();
          return;
        }
        inFlight++;
        res.once('close', () => {
          inFlight--;
          if (inFlight === 0 && idle) idle();
        });
        route(req, res).catch((err: unknown) => {
          const error = asServerError(err);
          if (error.code === ServerErrorCode.internal) {
            log('error', 'request failed', {
              url: req.url,
              error: err instanceof Error ? err.stack : String(err),
            });
          }
          metrics.errors.inc({ code: error.code });
          sendServerError(res, error);
        });
      },
    );
    server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
      const code =
        err.code === 'HPE_HEADER_OVERFLOW'
          ? ServerErrorCode.headersTooLarge
          : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? ServerErrorCode.requestTimeout
            : ServerErrorCode.malformedRequest;
      metrics.errors.inc({ code });
      if (socket.writable && !(socket as Socket & { _httpMessage?: unknown })._httpMessage) {
        socket.end(rawErrorResponse(new ServerError(code, 'malformed HTTP request')));
      } else {
        socket.destroy();
      }
    });
    let connections = 0;
    server.prependListener('connection', (socket: Socket) => {
      if (connections >= limits.maxConnections) {
        refusedSockets.add(socket);
        metrics.errors.inc({ code: ServerErrorCode.tooManyConnections });
        socket.on('error', () => socket.destroy());
        socket.end(
          rawErrorResponse(
            new ServerError(
              ServerErrorCode.tooManyConnections,
              `the server has ${connections} connections open, its limit; retry later`,
            ),
          ),
        );
        socket.destroySoon();
        return;
      }
      connections++;
      socket.once('close', () => connections--);
    });
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      if (refusedSockets.has(socket)) {
        socket.destroy();
        return;
      }
      desktop.upgrade(req, socket, head, !closing);
    });

    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 8080, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      desktop.closeAll();
      throw err;
    }
    // Offer deadlines and overflow timers live in the router's state; a restart re-arms them
    // (past ones fire at once).
    for (const timer of router.pendingTimers()) timers.set(timer.timerId, timer.at);
    for (const row of journal.pendingOutbound()) outbound.deliver(row);
    const retention = limits.historyRetentionMs;
    const housekeeping: Housekeeping = new Housekeeping(
      [
        {
          name: 'pruning message ids',
          intervalMs: limits.dedupePruneIntervalMs,
          run: () => duplicates.prune(clock.now(), CHUNK) === CHUNK,
        },
        {
          name: 'snapshotting the router',
          intervalMs: limits.snapshotIntervalMs,
          run: () => {
            snapshots.take();
            return false;
          },
        },
        ...(retention > 0
          ? [
              {
                name: 'pruning history past its retention',
                intervalMs: limits.dedupePruneIntervalMs,
                run: () => {
                  const pruned = journal.pruneHistory(clock.now() - retention, CHUNK);
                  return Math.max(pruned.records, pruned.agentStates, pruned.outbound) === CHUNK;
                },
              },
            ]
          : []),
      ],
      log,
    );
    housekeeping.start();
    // A replay's work is kept (a crash loop must not replay more each time), and what an earlier
    // run left uncompacted goes now.
    if (!snapshots.take()) housekeeping.runNow(compaction);
    server.on('error', (err) => log('error', 'http server error', { error: String(err) }));
    const port = (server.address() as AddressInfo).port;
    const hostPart = host.includes(':') ? `[${host}]` : host;

    let closed: Promise<void> | null = null;
    async function close(): Promise<void> {
      closing = true;
      server.close();
      server.closeIdleConnections();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, limits.shutdownGraceMs);
          idle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      server.closeAllConnections();
      housekeeping.stop();
      shedder.stop();
      timers.stop();
      sequencer.close();
      await sequencer.drain();
      desktop.closeAll();
      outbound.close();
      try {
        // The next start then restores and replays nothing.
        snapshots.take(false);
      } catch (err) {
        log('error', 'the snapshot at shutdown failed', { error: String(err) });
      }
      journal.close();
      metrics.registry.clear();
    }

    return {
      url: `http://${hostPart}:${port}`,
      wsUrl: `ws://${hostPart}:${port}/agent`,
      port,
      appSecret,
      verifyToken,
      adminToken,
      durable: journal.durable,
      replayed,
      restoredFrom,
      router,
      dashboard,
      snapshot: () => router.snapshot(),
      close: () => {
        closed ??= close();
        return closed;
      },
    };
  }
}

/** The router as of the journal's snapshot, or a fresh one when there is none. */
function restore(journal: Journal, tenant: TenantConfig): Router {
  const stored = journal.snapshot();
  if (stored === undefined) return new Router(tenant);
  try {
    return Router.restore(tenant, JSON.parse(stored.state));
  } catch (err) {
    if (!(err instanceof StateRestoreError) && !(err instanceof SyntaxError)) throw err;
    throw new ServerError(
      ServerErrorCode.dbSnapshotInvalid,
      `this database's snapshot (of journal row ${stored.seq}) cannot be restored: ${err.message}; use another --db or the server version that wrote it`,
    );
  }
}
