import { describe, expect, it } from 'vitest';
import { type CustomerAccount, MessageLedger } from '../../src/load/index.js';

function ledgerOf(ids: [string, string, 'acked' | 'failed'][]): MessageLedger {
  const ledger = new MessageLedger();
  ids.forEach(([messageId, customerId, state], i) => {
    const entry = ledger.register({
      messageId,
      arrival: i,
      seq: 1,
      assetId: 'a',
      customerId,
      due: i,
    });
    entry.state = state;
  });
  return ledger;
}

const account = (recorded: number, open: string[] = []): CustomerAccount => ({
  recorded,
  openIds: new Set(open),
});

describe('MessageLedger', () => {
  it('records the first sighting only, and duplicate deliveries per agent', () => {
    const ledger = ledgerOf([['m1', 'c1', 'acked']]);
    expect(ledger.seen('m1', 5)).toMatchObject({ messageId: 'm1', seenAt: 5 });
    expect(ledger.seen('m1', 6)).toBeNull();
    expect(ledger.seen('other', 6)).toBeNull();
    expect(ledger.delivered('m1', 'ann')).toBe(false);
    expect(ledger.delivered('m1', 'bob')).toBe(false);
    expect(ledger.delivered('m1', 'ann')).toBe(true);
    expect(ledger.duplicateDeliveries).toBe(1);
  });

  it('loss: a message seen on a desktop is delivered', () => {
    const ledger = ledgerOf([
      ['m1', 'c1', 'acked'],
      ['m2', 'c1', 'acked'],
      ['m3', 'c2', 'failed'],
    ]);
    ledger.seen('m1', 1);
    ledger.seen('m2', 1);
    expect(ledger.loss(new Map())).toMatchObject({
      acknowledged: 2,
      delivered: 2,
      recordedOnly: 0,
      lost: 0,
    });
  });

  it('loss: unseen messages are accounted for by an open conversation or the records count', () => {
    const ledger = ledgerOf([
      ['m1', 'c1', 'acked'],
      ['m2', 'c1', 'acked'],
      ['m3', 'c2', 'acked'],
      ['m4', 'c3', 'acked'],
    ]);
    ledger.seen('m1', 1);
    const accounts = new Map([
      ['a\u0000c1', account(2)], // both of c1's messages are in its records
      ['a\u0000c2', account(0, ['m3'])], // m3 sits in an open conversation
      ['a\u0000c3', account(0)], // m4: nowhere
    ]);
    const report = ledger.loss(accounts);
    expect(report).toMatchObject({
      acknowledged: 4,
      delivered: 1,
      recordedOnly: 2,
      lost: 1,
      lostIds: ['m4'],
      verifiedBy: 'frames+records',
    });
  });

  it('loss: records that count fewer messages than were acknowledged lose the unseen ones', () => {
    const ledger = ledgerOf([
      ['m1', 'c1', 'acked'],
      ['m2', 'c1', 'acked'],
      ['m3', 'c1', 'acked'],
    ]);
    ledger.seen('m1', 1);
    const report = ledger.loss(new Map([['a\u0000c1', account(2)]]));
    expect(report.lost).toBe(1);
    expect(report.recordedOnly).toBe(1);
  });

  it('loss without the admin API: every unseen acknowledged message is lost', () => {
    const ledger = ledgerOf([
      ['m1', 'c1', 'acked'],
      ['m2', 'c1', 'acked'],
    ]);
    ledger.seen('m2', 1);
    expect(ledger.loss(null)).toMatchObject({
      lost: 1,
      lostIds: ['m1'],
      verifiedBy: 'frames-only',
    });
  });
});
