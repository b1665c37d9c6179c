import { LoadError, LoadErrorCode } from './loadError.js';
import {
  TRACE_FORMAT,
  TRACE_VERSION,
  type Trace,
  type TraceEvent,
  type TraceHeader,
  type TraceMessage,
} from './trace.js';

/**
 * The trace on disk. NDJSON: the header on the first line, then one event per line, each a JSON
 * object with a `type` (`message` or `abandon`), keys in a fixed order so that the same trace is
 * the same bytes. Times are integers of microseconds' precision in milliseconds (three decimals).
 */

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function eventLine(e: TraceEvent): string {
  if (e.type === 'abandon') {
    return JSON.stringify({
      type: 'abandon',
      at: round3(e.at),
      arrival: e.arrival,
      assetId: e.assetId,
      customerId: e.customerId,
    });
  }
  return JSON.stringify({
    type: 'message',
    at: round3(e.at),
    arrival: e.arrival,
    seq: e.seq,
    assetId: e.assetId,
    customer: { id: e.customer.id, name: e.customer.name, phone: e.customer.phone },
    messageId: e.messageId,
    text: e.text,
    secrets: e.secrets.map((s) => ({ kind: s.kind, start: s.start, end: s.end })),
  });
}

function headerLine(h: TraceHeader): string {
  return JSON.stringify({
    type: 'header',
    format: h.format,
    version: h.version,
    scenario: h.scenario,
    seed: h.seed,
    replication: h.replication,
    start: h.start,
    intervalMs: h.intervalMs,
    intervals: h.intervals,
    warmupMs: h.warmupMs,
    horizonMs: h.horizonMs,
    endMs: h.endMs,
    secretRate: h.secretRate,
    customers: h.customers,
    messages: h.messages,
    abandons: h.abandons,
    secrets: h.secrets,
    agentTexts: h.agentTexts,
  });
}

export function formatTraceNdjson(trace: Trace): string {
  const lines = [headerLine(trace.header)];
  for (const e of trace.events) lines.push(eventLine(e));
  return `${lines.join('\n')}\n`;
}

function invalid(line: number, message: string): never {
  throw new LoadError(LoadErrorCode.traceInvalid, `trace line ${line}: ${message}`);
}

/** Reads an NDJSON trace; throws LOAD_TRACE_INVALID naming the first bad line. */
export function parseTraceNdjson(text: string): Trace {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) invalid(1, 'empty file');
  let header: TraceHeader;
  try {
    header = JSON.parse(lines[0]!) as TraceHeader;
  } catch {
    invalid(1, 'not JSON');
  }
  if (header.type !== 'header' || header.format !== TRACE_FORMAT) {
    invalid(1, `not a ${TRACE_FORMAT} header`);
  }
  if (header.version !== TRACE_VERSION) {
    invalid(1, `version ${header.version}; this ccsim reads version ${TRACE_VERSION}`);
  }
  const events: TraceEvent[] = [];
  for (let i = 1; i < lines.length; i++) {
    let e: TraceEvent;
    try {
      e = JSON.parse(lines[i]!) as TraceEvent;
    } catch {
      invalid(i + 1, 'not JSON');
    }
    if ((e.type !== 'message' && e.type !== 'abandon') || typeof e.at !== 'number') {
      invalid(i + 1, 'an event is {"type": "message"|"abandon", "at": ms, ...}');
    }
    events.push(e);
  }
  return { header, events };
}

/** The k6 scripts' view of a trace: see `toK6Trace`. */
export interface K6Message {
  readonly at: number;
  readonly arrival: number;
  readonly seq: number;
  readonly assetId: string;
  readonly displayNumber: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly messageId: string;
  readonly text: string;
}

export function k6Message(m: TraceMessage, displayNumber: string): K6Message {
  return {
    at: round3(m.at),
    arrival: m.arrival,
    seq: m.seq,
    assetId: m.assetId,
    displayNumber,
    customerId: m.customer.id,
    customerName: m.customer.name,
    messageId: m.messageId,
    text: m.text,
  };
}
