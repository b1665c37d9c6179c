import { describe, expect, it } from 'vitest';
import { AbandonGate } from '../../src/load/abandonGate.js';
import { MessageLedger } from '../../src/load/messageLedger.js';
import { opaqueMessageId } from '../../src/load/opaqueMessageId.js';
import { ReplayMessageIds, whatsappStyleMessageId } from '../../src/load/replayMessageIds.js';
import { segmentShare } from '../../src/load/segmentShare.js';
import type { Trace, TraceAbandon, TraceMessage } from '../../src/load/trace.js';
import { webhookSchedule } from '../../src/load/webhookSchedule.js';

/** The named parts of a load run (src/load/loadRun.ts), each on a small hand-made trace. */

function message(arrival: number, seq: number, at: number, text = 'hi'): TraceMessage {
  return {
    type: 'message',
    at,
    arrival,
    assetId: 'a1',
    customer: { id: `3161234567${arrival}`, name: `C${arrival}`, phone: `+3161234567${arrival}` },
    messageId: `wamid.${arrival}.${seq}`,
    seq,
    text,
    secrets: text.includes('4111') ? [{ kind: 'card', start: 0, end: 19 }] : [],
  };
}

function abandon(arrival: number, at: number): TraceAbandon {
  return { type: 'abandon', at, arrival, assetId: 'a1', customerId: `3161234567${arrival}` };
}

function trace(events: Trace['events']): Trace {
  return { header: {} as Trace['header'], events };
}

describe('segmentShare', () => {
  const events = [
    message(0, 1, 100, '4111 1111 1111 1111 is my card'),
    message(1, 1, 200),
    message(0, 2, 300),
    abandon(1, 400),
    message(2, 1, 500),
    message(1, 2, 900),
  ];

  it("keeps this segment's customers, cut at the planned time, and every secret of the trace", () => {
    const share = segmentShare(trace(events), { index: 2, count: 2 }, 800);
    // Segment 2 of 2 is the odd arrivals.
    expect(share.messages.map((m) => m.messageId)).toEqual(['wamid.1.1']);
    expect(share.cutByDuration).toBe(1);
    expect(share.abandons).toEqual([abandon(1, 400)]);
    expect(share.abandonsInTrace).toBe(1);
    expect([...share.arrivals.keys()]).toEqual([1]);
    expect(share.arrivals.get(1)).toMatchObject({ seqs: [1], failed: 0 });
    expect(share.customersTotal).toBe(3);
    // The planted secrets, then every customer's number (a leak in any encoding).
    expect(share.secrets).toEqual([
      { text: '4111 1111 1111 1111', kind: 'card', messageId: 'wamid.0.1' },
      { text: '31612345670', kind: 'phone', messageId: 'wamid.0.1', encodings: true },
      { text: '31612345671', kind: 'phone', messageId: 'wamid.1.1', encodings: true },
      { text: '31612345672', kind: 'phone', messageId: 'wamid.2.1', encodings: true },
    ]);
    expect(share.planted).toBe(1);
    // Agents serve everyone: the other segment's customers are known too, with all their seqs.
    expect(share.everyone.get(0)).toEqual({ seqs: [1, 2], customerId: '31612345670' });
    expect(share.everyone.get(1)?.seqs).toEqual([1, 2]);
  });

  it('an abandon after the planned time is not sent but still counted', () => {
    const share = segmentShare(trace(events), { index: 1, count: 1 }, 350);
    expect(share.abandons).toEqual([]);
    expect(share.abandonsInTrace).toBe(1);
    expect(share.messages).toHaveLength(3);
  });
});

describe('webhookSchedule', () => {
  it("puts each message at start + at/speed under the run's WhatsApp id, timestamps in epoch seconds", () => {
    const ledger = new MessageLedger();
    const messages = [message(0, 1, 6_000), message(3, 2, 120_000)];
    const ids = new ReplayMessageIds(
      'secret',
      'r1',
      messages.map((m) => ({ arrival: m.arrival, seq: m.seq, customerId: m.customer.id })),
    );
    const wamid = whatsappStyleMessageId('31612345673', 'r1', 3, 2);
    const schedule = webhookSchedule(
      messages,
      {
        ids,
        speed: 60,
        replayStart: 1_000,
        epochStart: 1_700_000_000_000,
        displayNumbers: new Map([['a1', '31205550101']]),
      },
      ledger,
    );
    expect(schedule.map((w) => w.due)).toEqual([1_100, 3_000]);
    expect(schedule[1]!.message).toEqual({
      assetId: 'a1',
      displayNumber: '31205550101',
      customerId: '31612345673',
      customerName: 'C3',
      messageId: wamid,
      text: 'hi',
      timestamp: 1_700_000_002,
    });
    expect(ids.resolve(opaqueMessageId('secret', wamid))).toEqual({ arrival: 3, seq: 2, wamid });
    expect(ledger.get(wamid)).toMatchObject({ arrival: 3, seq: 2, due: 3_000 });
  });
});

describe('AbandonGate', () => {
  it("holds an abandon until each of its customer's messages has an answer", async () => {
    const gate = new AbandonGate(
      [abandon(1, 400)],
      [message(1, 1, 100), message(1, 2, 200), message(2, 1, 300)],
    );
    expect(gate.ready(2)).toBeNull();
    const waiting = gate.ready(1);
    expect(waiting).not.toBeNull();
    let released = false;
    void waiting!.then(() => {
      released = true;
    });
    gate.answered(1);
    await Promise.resolve();
    expect(released).toBe(false);
    gate.answered(1);
    await waiting;
    expect(released).toBe(true);
    expect(gate.ready(1)).toBeNull();
  });
});
