import * as hdr from 'hdr-histogram-js';
import type { MetricType, MetricValues } from './thresholds.js';

/**
 * The replayer's metrics, in k6's three shapes: trends (latencies in an HDR histogram, recorded
 * in microseconds and reported in milliseconds, with exact min, max and mean kept beside it),
 * counters, and rates (share of true values).
 */

/** Largest latency a trend records: one hour (longer ones are clamped to it and counted). */
const MAX_US = 3_600_000_000;

export const PERCENTILES = [50, 90, 95, 99, 99.9] as const;

export interface TrendSummary {
  readonly type: 'trend';
  readonly unit: 'ms';
  readonly count: number;
  readonly avg: number | null;
  readonly min: number | null;
  readonly med: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly 'p99.9': number | null;
  readonly max: number | null;
  /** The percentile spectrum (percentile, ms) at HdrHistogram's reporting ticks, for charts. */
  readonly spectrum: readonly (readonly [number, number])[];
  /** The whole histogram (microseconds), HdrHistogram's compressed base64 encoding. */
  readonly hdr: string;
}

export interface CounterSummary {
  readonly type: 'counter';
  readonly count: number;
  /** Per second of the run's real duration. */
  readonly rate: number;
}

export interface RateSummary {
  readonly type: 'rate';
  readonly rate: number | null;
  readonly passes: number;
  readonly fails: number;
}

export type MetricSummary = TrendSummary | CounterSummary | RateSummary;

export class Trend {
  readonly type = 'trend' as const;
  private readonly histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: MAX_US,
    numberOfSignificantValueDigits: 3,
  });
  count = 0;
  private sum = 0;
  private minMs = Number.POSITIVE_INFINITY;
  private maxMs = Number.NEGATIVE_INFINITY;
  /** Samples above the histogram's range (recorded at its top). */
  clamped = 0;
  /** Sees every sample as it is added (a live dashboard's step percentiles); null: nobody. */
  observer: ((ms: number) => void) | null = null;

  constructor(readonly description: string) {}

  /** Adds a sample in milliseconds (negative ones, from clock jitter, count as 0). */
  add(ms: number): void {
    const value = Math.max(ms, 0);
    this.count++;
    this.sum += value;
    if (value < this.minMs) this.minMs = value;
    if (value > this.maxMs) this.maxMs = value;
    let us = Math.round(value * 1000);
    if (us > MAX_US) {
      us = MAX_US;
      this.clamped++;
    }
    this.histogram.recordValue(us);
    this.observer?.(value);
  }

  /** The value at a percentile in milliseconds (0 to 100); the exact max at 100. */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    if (p >= 100) return this.maxMs;
    if (p <= 0) return this.minMs;
    return Math.min(this.maxMs, this.histogram.getValueAtPercentile(p) / 1000);
  }

  values(): MetricValues {
    const empty = this.count === 0;
    return {
      type: 'trend',
      count: this.count,
      ...(empty
        ? {}
        : {
            avg: this.sum / this.count,
            min: this.minMs,
            max: this.maxMs,
            med: this.percentile(50),
            percentile: (p: number) => this.percentile(p),
          }),
    };
  }

  summary(): TrendSummary {
    const empty = this.count === 0;
    const p = (q: number) => (empty ? null : round3(this.percentile(q)));
    return {
      type: 'trend',
      unit: 'ms',
      count: this.count,
      avg: empty ? null : round3(this.sum / this.count),
      min: empty ? null : round3(this.minMs),
      med: p(50),
      p90: p(90),
      p95: p(95),
      p99: p(99),
      'p99.9': p(99.9),
      max: empty ? null : round3(this.maxMs),
      spectrum: empty ? [] : this.spectrum(),
      hdr: hdr.encodeIntoCompressedBase64(this.histogram),
    };
  }

  /** Percentiles 0, 50, 75, 87.5, ... (halving the distance to 100) up to the max. */
  private spectrum(): [number, number][] {
    const out: [number, number][] = [];
    let rest = 100;
    let p = 0;
    for (let i = 0; i < 24; i++) {
      out.push([round3(p), round3(this.percentile(p))]);
      rest /= 2;
      p = 100 - rest;
      if (rest * this.count < 100) break;
    }
    out.push([100, round3(this.maxMs)]);
    return out;
  }
}

export class Counter {
  readonly type = 'counter' as const;
  count = 0;

  constructor(readonly description: string) {}

  add(n = 1): void {
    this.count += n;
  }

  values(seconds: number): MetricValues {
    return { type: 'counter', count: this.count, rate: seconds > 0 ? this.count / seconds : 0 };
  }

  summary(seconds: number): CounterSummary {
    return {
      type: 'counter',
      count: this.count,
      rate: round3(seconds > 0 ? this.count / seconds : 0),
    };
  }
}

export class Rate {
  readonly type = 'rate' as const;
  passes = 0;
  fails = 0;

  constructor(readonly description: string) {}

  /** A true value (the thing the rate is about happened) or a false one. */
  add(value: boolean): void {
    if (value) this.passes++;
    else this.fails++;
  }

  get total(): number {
    return this.passes + this.fails;
  }

  values(): MetricValues {
    const total = this.total;
    return { type: 'rate', count: total, ...(total > 0 ? { rate: this.passes / total } : {}) };
  }

  summary(): RateSummary {
    const total = this.total;
    return {
      type: 'rate',
      rate: total > 0 ? round6(this.passes / total) : null,
      passes: this.passes,
      fails: this.fails,
    };
  }
}

export type Metric = Trend | Counter | Rate;

/**
 * Every metric of a load test, by the name thresholds and the k6 scripts use. One instance per
 * run; the replayer's parts add to it.
 */
export class LoadMetrics {
  readonly webhook_ack = new Trend(
    'customer webhook: intended send time -> HTTP response (coordinated omission corrected)',
  );
  readonly webhook_ack_from_send = new Trend(
    'customer webhook: actual write -> HTTP response (what a closed-loop tool reports)',
  );
  readonly send_lag = new Trend('customer webhook: intended send time -> actual write');
  readonly message_to_desktop = new Trend(
    'customer message: intended send time -> first agent frame carrying its message id',
  );
  readonly arrival_to_offer = new Trend(
    'new conversation: intended send time of its first message -> the offer frame',
  );
  readonly agent_send_to_customer = new Trend(
    'agent reply: send frame written -> the Cloud API request at the sink',
  );
  readonly agent_request = new Trend('agent request frame -> its ok/error reply');
  readonly webhooks = new Counter('webhooks sent');
  readonly webhook_acks = new Counter('webhooks answered 200');
  readonly webhook_failed = new Rate('webhooks not answered 200 (errors, refusals, no answer)');
  readonly behind_schedule = new Counter('webhooks written later than the lag tolerance');
  readonly abandon_ack = new Trend(
    'customer abandon (load-test extension): intended send time -> HTTP response',
  );
  readonly abandons_sent = new Counter(
    "the trace's abandons sent (load-test extension POST /admin/customers/abandon)",
  );
  readonly abandons_refused = new Counter(
    'abandons refused: the customer was no longer waiting (answered live first, or nothing open)',
  );
  readonly offers = new Counter('offer frames received');
  readonly messages_delivered = new Counter('customer messages seen in an agent frame');
  readonly agent_replies = new Counter('agent replies sent (send frames answered ok)');
  readonly customer_replies = new Counter('Cloud API messages received by the sink');
  readonly agent_request_failed = new Rate('agent requests answered with an error frame');
  readonly frames = new Counter('frames received by agent clients');
  readonly leaks = new Counter('ground-truth secrets found in frames agents received');
  readonly lost = new Counter(
    'acknowledged customer messages found neither on a desktop nor in a record',
  );
  readonly duplicates = new Counter(
    'customer messages delivered twice to one agent, or answered as duplicates',
  );

  /** Every metric by name, in report order. */
  all(): [string, Metric][] {
    return Object.entries(this).filter(
      (entry): entry is [string, Metric] =>
        entry[1] instanceof Trend || entry[1] instanceof Counter || entry[1] instanceof Rate,
    );
  }

  types(): Record<string, MetricType> {
    return Object.fromEntries(this.all().map(([name, m]) => [name, m.type]));
  }

  values(name: string, seconds: number): MetricValues {
    const metric = this.all().find(([n]) => n === name)?.[1];
    if (metric === undefined) throw new Error(`no metric ${name}`);
    return metric instanceof Counter ? metric.values(seconds) : metric.values();
  }

  summary(seconds: number): Record<string, MetricSummary> {
    const out: Record<string, MetricSummary> = {};
    for (const [name, metric] of this.all()) {
      out[name] = metric instanceof Counter ? metric.summary(seconds) : metric.summary();
    }
    return out;
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
