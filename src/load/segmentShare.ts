import type { Secret } from './leakDetector.js';
import { inSegment, type Segment } from './segment.js';
import type { Trace, TraceAbandon, TraceMessage } from './trace.js';

/** One customer (arrival) of this segment's share. */
export interface ArrivalInfo {
  /** Seqs of the trace's messages for the arrival. */
  readonly seqs: number[];
  readonly assetId: string;
  readonly customerId: string;
  /** Messages the deployment did not acknowledge (counted as the run goes). */
  failed: number;
}

/**
 * What of a trace this replayer sends: its segment's customers, cut at the run's planned time,
 * and what it must know about everyone else's (agents serve every segment's customers, and the
 * leak check looks for every planted secret).
 */
export interface SegmentShare {
  /** This segment's customers, by arrival. */
  readonly arrivals: Map<number, ArrivalInfo>;
  /** This segment's messages within the planned time, in trace order. */
  readonly messages: readonly TraceMessage[];
  /** This segment's abandons within the planned time. */
  readonly abandons: readonly TraceAbandon[];
  /** This segment's abandons in the whole trace (sent or not). */
  readonly abandonsInTrace: number;
  /** Messages of this segment left out because they fall after the planned time. */
  readonly cutByDuration: number;
  /** Customers of the whole trace. */
  readonly customersTotal: number;
  /**
   * The leak check's ground truth: every planted secret of the trace, then every customer's
   * number, which is a leak in any encoding, in an id as anywhere (docs/load.md).
   */
  readonly secrets: readonly Secret[];
  /** How many of `secrets` the trace planted in texts. */
  readonly planted: number;
  /** Every customer of the trace: message seqs and wa_id, by arrival. */
  readonly everyone: ReadonlyMap<number, { readonly seqs: number[]; readonly customerId: string }>;
}

export function segmentShare(
  trace: Trace,
  segment: Segment,
  plannedScenarioMs: number,
): SegmentShare {
  const arrivals = new Map<number, ArrivalInfo>();
  const messages: TraceMessage[] = [];
  const abandons: TraceAbandon[] = [];
  let abandonsInTrace = 0;
  let cutByDuration = 0;
  const secrets: Secret[] = [];
  const allCustomers = new Set<number>();
  const everyone = new Map<number, { seqs: number[]; customerId: string }>();
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
      const known = everyone.get(event.arrival);
      if (known) known.seqs.push(event.seq);
      else everyone.set(event.arrival, { seqs: [event.seq], customerId: event.customer.id });
    }
    if (!inSegment(event.arrival, segment)) continue;
    if (event.type === 'abandon') {
      abandonsInTrace++;
      // A customer's abandon comes after their messages: within the cap when they are.
      if (event.at < plannedScenarioMs) abandons.push(event);
      continue;
    }
    if (event.at >= plannedScenarioMs) {
      cutByDuration++;
      continue;
    }
    messages.push(event);
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
  const planted = secrets.length;
  const numbered = new Set<string>();
  for (const event of trace.events) {
    if (event.type !== 'message' || numbered.has(event.customer.id)) continue;
    numbered.add(event.customer.id);
    secrets.push({
      text: event.customer.id,
      kind: 'phone',
      messageId: event.messageId,
      encodings: true,
    });
  }
  return {
    arrivals,
    messages,
    abandons,
    abandonsInTrace,
    cutByDuration,
    customersTotal: allCustomers.size,
    secrets,
    planted,
    everyone,
  };
}
