import { describe, expect, it } from 'vitest';
import { simulateReplication } from '../../sim/replication.js';
import type { TraceEvent } from '../../src/behaviour/index.js';
import { stress } from './fixtures.js';

describe('the customer trace of a replication', () => {
  it('holds every customer command, in time order, matching the records', () => {
    const events: TraceEvent[] = [];
    const r = simulateReplication(stress(), 0, {
      keepRecords: true,
      onCustomerEvent: (e) => events.push(e),
    });
    for (let i = 1; i < events.length; i++)
      expect(events[i]!.at).toBeGreaterThanOrEqual(events[i - 1]!.at);
    const messages = events.filter((e) => e.type === 'message');
    expect(messages.length).toBe(r.counts.customerMessages);
    const first = messages.filter((e) => e.seq === 1);
    expect(first.length).toBe(r.counts.arrivals);
    expect(new Set(first.map((e) => e.customer.id)).size).toBe(first.length);
    // Each record's customer opened it with the trace's first message at its arrival time, and
    // wrote as many messages as the trace says.
    const byCustomer = new Map(first.map((e) => [e.customer.id, e]));
    const sent = new Map<number, number>();
    for (const m of messages) sent.set(m.arrival, (sent.get(m.arrival) ?? 0) + 1);
    for (const record of r.records!) {
      const opening = byCustomer.get(record.customerId)!;
      expect(opening.at).toBe(record.arrivedAt);
      expect(opening.assetId).toBe(record.assetId);
      expect(record.customerMessages).toBe(sent.get(opening.arrival));
    }
    const abandons = events.filter((e) => e.type === 'abandon');
    expect(abandons.length).toBe(r.counts.abandoned);
    expect(new Set(messages.map((m) => m.messageId)).size).toBe(messages.length);
  });
});
