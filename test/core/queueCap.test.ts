import { describe, expect, it } from 'vitest';
import { Router, TenantConfigError } from '../../src/core/index.js';
import { customer, Harness, tenant } from './harness.js';

/** Issue 16, item 4: the caps that bound what the router holds (tenant `limits`). */
describe('limits.maxQueueLength: QUEUE_FULL for new entries, never for returns', () => {
  const capped = () => new Harness(tenant({ limits: { maxQueueLength: 2 } }));

  it('refuses a message that would open a third waiting conversation, changing nothing', () => {
    const h = capped();
    h.at(1000).message(1);
    h.message(2);
    h.refuses(
      {
        type: 'customer.message',
        assetId: 'pn-sales',
        customer: customer(3),
        messageId: 'm3',
        text: 'hi',
      },
      'QUEUE_FULL',
    );
    expect(h.router.messageAdmission('pn-sales', customer(3).id)?.code).toBe('QUEUE_FULL');
    // A customer already waiting still writes: the message joins their conversation.
    expect(h.router.messageAdmission('pn-sales', customer(1).id)).toBeUndefined();
    h.message(1, 'still there?');
    // Another queue has room.
    h.message(3, 'hello', 'pn-support');
    // Room again once one is offered: the queue holds one.
    h.login('ann');
    h.message(4);
  });

  it('an offer not accepted goes back to a full queue (RONA); transfers and conferences to it are refused', () => {
    const h = new Harness(
      tenant({
        limits: { maxQueueLength: 1 },
        agents: [
          { id: 'ann', name: 'Ann Smith', capacity: 2 },
          { id: 'bob', name: 'Bob Jones', capacity: 1 },
        ],
      }),
    );
    h.login('ann');
    h.at(1000).message(1);
    h.message(2); // offered to ann as well (capacity 2)
    h.accept('ann', 'c1');
    h.message(3); // waits: the queue is full
    h.refuses(
      {
        type: 'agent.transfer',
        agentId: 'ann',
        conversationId: 'c1',
        target: { kind: 'queue', queueId: 'sales' },
      },
      'QUEUE_FULL',
    );
    h.refuses(
      {
        type: 'agent.conference',
        agentId: 'ann',
        conversationId: 'c1',
        target: { kind: 'queue', queueId: 'sales' },
      },
      'QUEUE_FULL',
    );
    // ann misses c2's offer: RONA puts it back at the head of the full queue.
    h.fireTimers(31_000);
    const sales = h.router.stats().waiting.sales;
    expect(sales).toBe(2);
  });

  it('refuses limits that are not integers >= 1 at construction', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => new Router(tenant({ limits: { maxQueueLength: bad } }))).toThrow(
        TenantConfigError,
      );
      expect(() => new Router(tenant({ limits: { maxMessagesPerConversation: bad } }))).toThrow(
        TenantConfigError,
      );
    }
  });
});

describe('limits.maxMessagesPerConversation: the oldest leave the history, the counts stay', () => {
  it('holds the newest N messages of an open conversation; the record counts all', () => {
    const h = new Harness(tenant({ limits: { maxMessagesPerConversation: 3 } }));
    h.login('ann');
    h.at(1000).message(1, 'one');
    h.accept('ann', 'c1');
    h.message(1, 'two');
    h.send('ann', 'c1', 'reply');
    h.message(1, 'three');
    h.message(1, 'four');
    const pane = h.router.desktop('ann', 2000)!.conversations[0]!;
    expect(pane.messages.map((m) => m.text)).toEqual(['reply', 'three', 'four']);
    h.end('ann', 'c1');
    h.ok({ type: 'agent.wrapUp', agentId: 'ann', conversationId: 'c1', reasonId: 'resolved' });
    expect(h.records[0]).toMatchObject({ customerMessages: 4, agentMessages: 1 });
  });
});
