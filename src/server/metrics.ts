import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { RouterStats } from '../core/index.js';

/**
 * Prometheus metrics of one server (its own registry, so that several servers can run in one
 * process). Gauges of router state are read from `stats()` at scrape time; event-loop lag and
 * the other process metrics come from prom-client's default metrics.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly webhookRequests: Counter<'status'>;
  readonly shed: Counter<'kind'>;
  readonly messagesIn: Counter;
  readonly messagesDuplicate: Counter;
  readonly messagesTruncated: Counter;
  readonly messagesOut: Counter<'result'>;
  readonly outboundAttempts: Counter;
  readonly offers: Counter<'kind'>;
  readonly rona: Counter;
  readonly records: Counter<'outcome'>;
  readonly commands: Counter<'type' | 'result'>;
  readonly errors: Counter<'code'>;
  readonly journalWrite: Histogram;
  readonly journalBatch: Histogram;

  constructor(gauges: GaugeSources) {
    const { stats, wsConnections, timers } = gauges;
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.webhookRequests = new Counter({
      name: 'ccsim_webhook_requests_total',
      help: 'POST /webhook requests by HTTP status',
      labelNames: ['status'],
      registers,
    });
    this.shed = new Counter({
      name: 'ccsim_shed_total',
      help: 'Requests turned down by load shedding (503 OVERLOADED), by kind: webhook, agent',
      labelNames: ['kind'],
      registers,
    });
    this.messagesIn = new Counter({
      name: 'ccsim_messages_in_total',
      help: 'Inbound customer messages journaled and applied',
      registers,
    });
    this.messagesDuplicate = new Counter({
      name: 'ccsim_messages_duplicate_total',
      help: 'Inbound messages dropped as duplicates of an earlier message id (webhook retries)',
      registers,
    });
    this.messagesTruncated = new Counter({
      name: 'ccsim_messages_truncated_total',
      help: 'Inbound texts over the character limit (4096), cut to it',
      registers,
    });
    this.messagesOut = new Counter({
      name: 'ccsim_messages_out_total',
      help: 'Agent replies to customers by result: sent, failed (gave up), held (no --graph-url)',
      labelNames: ['result'],
      registers,
    });
    this.outboundAttempts = new Counter({
      name: 'ccsim_outbound_attempts_total',
      help: 'HTTP attempts to deliver agent replies to the Graph API, retries included',
      registers,
    });
    this.offers = new Counter({
      name: 'ccsim_offers_total',
      help: 'Offers made to agents, by kind (route, transfer, conference)',
      labelNames: ['kind'],
      registers,
    });
    this.rona = new Counter({
      name: 'ccsim_rona_total',
      help: 'Offers not accepted in time: the agent went to RONA',
      registers,
    });
    this.records = new Counter({
      name: 'ccsim_records_total',
      help: 'Finished conversation records by outcome',
      labelNames: ['outcome'],
      registers,
    });
    this.commands = new Counter({
      name: 'ccsim_commands_total',
      help: 'Router commands applied, by type and result (ok, refused)',
      labelNames: ['type', 'result'],
      registers,
    });
    this.errors = new Counter({
      name: 'ccsim_errors_total',
      help: 'Errors answered to clients (HTTP and WebSocket), by code',
      labelNames: ['code'],
      registers,
    });
    this.journalWrite = new Histogram({
      name: 'ccsim_journal_write_seconds',
      help: 'From the write of one batch of commands to the journal until it is durable (fsync included)',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    this.journalBatch = new Histogram({
      name: 'ccsim_journal_batch_size',
      help: 'Commands per journal transaction',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000],
      registers,
    });
    new Gauge({
      name: 'ccsim_active_conversations',
      help: 'Open conversations (queued, offered, active, or waiting for wrap-up)',
      registers,
      collect() {
        this.set(stats().openConversations);
      },
    });
    new Gauge({
      name: 'ccsim_queue_length',
      help: 'Conversations waiting in each queue',
      labelNames: ['queue'],
      registers,
      collect() {
        for (const [queue, n] of Object.entries(stats().waiting)) this.set({ queue }, n);
      },
    });
    new Gauge({
      name: 'ccsim_agents',
      help: 'Agents by status',
      labelNames: ['status'],
      registers,
      collect() {
        for (const [status, n] of Object.entries(stats().agents)) this.set({ status }, n);
      },
    });
    new Gauge({
      name: 'ccsim_ws_connections',
      help: 'Open agent WebSocket connections (authenticated or not)',
      registers,
      collect() {
        this.set(wsConnections());
      },
    });
    new Gauge({
      name: 'ccsim_timers',
      help: 'Armed offer deadlines (RONA timers)',
      registers,
      collect() {
        this.set(timers());
      },
    });
    new Gauge({
      name: 'ccsim_delay_seconds',
      help: 'What load shedding looks at: the older of the oldest command waiting and event-loop lag',
      registers,
      collect() {
        this.set(gauges.delayMs() / 1000);
      },
    });
    new Gauge({
      name: 'ccsim_connections',
      help: 'Open TCP connections (HTTP and WebSocket)',
      registers,
      collect() {
        this.set(gauges.connections());
      },
    });
    new Gauge({
      name: 'ccsim_body_bytes_buffered',
      help: 'Bytes of request bodies being read, all requests together',
      registers,
      collect() {
        this.set(gauges.bodyBytes());
      },
    });
  }
}

/** Where the gauges read their values at scrape time. */
export interface GaugeSources {
  readonly stats: () => RouterStats;
  readonly wsConnections: () => number;
  readonly timers: () => number;
  readonly delayMs: () => number;
  readonly connections: () => number;
  readonly bodyBytes: () => number;
}
