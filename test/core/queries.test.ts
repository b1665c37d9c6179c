import { describe, expect, it } from 'vitest';
import { snapshot } from '../../src/core/index.js';
import { customer, Harness } from './harness.js';

describe('openConversationOf: the conversation a customer message would join', () => {
  it('follows a conversation from queued to offered to active, through a transfer, until it ends', () => {
    const h = new Harness();
    const { id } = customer(1);
    expect(h.router.openConversationOf('pn-sales', id)).toBeUndefined();
    h.at(1000).message(1);
    expect(h.router.openConversationOf('pn-sales', id)).toEqual({
      conversationId: 'c1',
      status: 'queued',
      queueId: 'sales',
      arrivedAt: 1000,
      answeredAt: null,
    });
    h.login('ann');
    expect(h.router.openConversationOf('pn-sales', id)?.status).toBe('offered');
    h.at(4000).accept('ann', 'c1');
    expect(h.router.openConversationOf('pn-sales', id)).toMatchObject({
      status: 'active',
      answeredAt: 4000,
    });
    // Transferred to a queue nobody serves: waiting again, answered all the same.
    h.at(5000).ok({
      type: 'agent.transfer',
      agentId: 'ann',
      conversationId: 'c1',
      target: { kind: 'queue', queueId: 'billing' },
    });
    expect(h.router.openConversationOf('pn-sales', id)).toMatchObject({
      status: 'queued',
      queueId: 'billing',
      answeredAt: 4000,
    });
    h.ok({ type: 'customer.abandon', conversationId: 'c1' });
    // Ended, waiting for ann's wrap-up: a new message would open a new conversation.
    expect(h.router.state.conversations.has('c1')).toBe(true);
    expect(h.router.openConversationOf('pn-sales', id)).toBeUndefined();
  });

  it('is per asset and per customer', () => {
    const h = new Harness();
    h.message(1, 'hi', 'pn-sales');
    h.message(2, 'hi', 'pn-support');
    expect(h.router.openConversationOf('pn-sales', customer(1).id)?.conversationId).toBe('c1');
    expect(h.router.openConversationOf('pn-support', customer(2).id)?.conversationId).toBe('c2');
    expect(h.router.openConversationOf('pn-support', customer(1).id)).toBeUndefined();
    expect(h.router.openConversationOf('nope', customer(1).id)).toBeUndefined();
  });

  it('answers an abandoned conversation as gone, and changes nothing', () => {
    const h = new Harness();
    h.message(1);
    const before = JSON.stringify(snapshot(h.router.state));
    const open = h.router.openConversationOf('pn-sales', customer(1).id)!;
    expect(JSON.stringify(snapshot(h.router.state))).toBe(before);
    h.ok({ type: 'customer.abandon', conversationId: open.conversationId });
    expect(h.router.openConversationOf('pn-sales', customer(1).id)).toBeUndefined();
  });
});

describe('queries the server asks instead of reading router state (issue 11)', () => {
  it('assetStatus: active, deleted, unknown', () => {
    const h = new Harness();
    expect(h.router.assetStatus('pn-sales')).toBe('active');
    expect(h.router.assetStatus('nope')).toBe('unknown');
    h.ok({ type: 'admin.deleteAsset', assetId: 'pn-sales' });
    expect(h.router.assetStatus('pn-sales')).toBe('deleted');
  });

  it('pendingOffers and hasPendingOffer follow the offer timers; agentIdentity names agents', () => {
    const h = new Harness();
    h.login('ann');
    h.at(1000).message(1);
    expect(h.router.pendingOffers()).toEqual([
      { offerId: 'offer-1', conversationId: 'c1', agentId: 'ann', deadline: 31_000 },
    ]);
    expect(h.router.hasPendingOffer('offer-1')).toBe(true);
    h.at(2000).accept('ann', 'c1');
    expect(h.router.pendingOffers()).toEqual([]);
    expect(h.router.hasPendingOffer('offer-1')).toBe(false);
    expect(h.router.agentIdentity('ann')).toEqual({ id: 'ann', name: 'Ann Smith' });
    expect(h.router.agentIdentity('zed')).toBeUndefined();
  });

  it('agentOverviews and conversationOverviews: what the admin API lists, changing nothing', () => {
    const h = new Harness();
    h.login('ann');
    h.at(1000).message(1);
    const before = JSON.stringify(snapshot(h.router.state));
    expect(h.router.agentOverviews()[0]).toEqual({
      agentId: 'ann',
      name: 'Ann Smith',
      status: 'Available',
      idleCode: null,
      since: 0,
      capacity: 1,
      engaged: 1,
      offers: ['c1'],
      conversations: [],
      wrapUps: [],
    });
    const [c] = h.router.conversationOverviews(true);
    expect(c).toMatchObject({
      conversationId: 'c1',
      assetId: 'pn-sales',
      status: 'offered',
      offeredTo: 'ann',
      customerMessages: 1,
    });
    expect(c!.messages).toEqual([
      expect.objectContaining({ seq: 1, from: 'customer', agentId: null, at: 1000 }),
    ]);
    expect(h.router.conversationOverviews()[0]).not.toHaveProperty('messages');
    expect(JSON.stringify(snapshot(h.router.state))).toBe(before);
  });
});
