import { describe, expect, it } from 'vitest';
import { offerElapsedSeconds } from '../../src/core/index.js';
import { customer, eventsOfType, Harness, offeredTo, tenant } from './harness.js';

describe('offer and accept (SPEC R1-R5)', () => {
  it('R1: the offer popover holds customer name, customer number, source number and queue name', () => {
    const h = new Harness();
    h.at(1000).login('ann');
    const effects = h.at(2000).message(1, 'Hi, my order is late');
    const [offer] = eventsOfType(effects, 'offer', 'ann');
    expect(offer).toBeDefined();
    expect(offer!.conversationId).toBe('c1');
    expect(offer!.popover).toEqual({
      customerName: 'Customer 1',
      customerNumber: customer(1).phone,
      sourceNumber: '+31 20 555 0100',
      queueName: 'Sales',
      offeredAt: 2000,
      offerKind: 'route',
      fromAgentName: null,
    });
    expect(offer!.task).toMatchObject({
      conversationId: 'c1',
      title: customer(1).phone,
      preview: 'Hi, my order is late',
    });
  });

  it('R1: Accept is the action on the offer: it opens the conversation for that agent', () => {
    const h = new Harness();
    h.login('ann');
    h.message(1);
    const effects = h.at(5000).accept('ann', 'c1');
    expect(eventsOfType(effects, 'conversation.accepted', 'ann')).toHaveLength(1);
  });

  it('R2: the popover timer counts from when the agent received the offer', () => {
    const h = new Harness();
    h.at(0).login('ann');
    h.at(10_000).message(1);
    const snap = h.router.desktop('ann', 17_500)!;
    expect(snap.offers[0]!.popover.offeredAt).toBe(10_000);
    expect(snap.offers[0]!.elapsedSeconds).toBe(7);
    expect(offerElapsedSeconds(10_000, 10_999)).toBe(0);
    expect(offerElapsedSeconds(10_000, 71_000)).toBe(61);
  });

  it('R3: only Available agents receive offers; Idle and logged-out agents never do', () => {
    const h = new Harness();
    h.ok({ type: 'agent.setState', agentId: 'ann', status: 'Idle', idleCode: 'break' });
    const effects = h.at(1).message(1);
    expect(offeredTo(effects)).toBeUndefined();
    expect(h.router.stats().waiting.sales).toBe(1);
    // Becoming Available is what brings the waiting conversation.
    const later = h.at(2).ok({ type: 'agent.setState', agentId: 'bob', status: 'Available' });
    expect(offeredTo(later)).toBe('bob');
  });

  it('R4: an offer not accepted in time puts the agent in RONA and the conversation back at the head of its queue', () => {
    const h = new Harness();
    h.at(0).login('ann');
    h.at(100).message(1);
    h.at(200).message(2);
    expect(h.router.stats().waiting.sales).toBe(1);
    const timeout = h.fireTimers(100 + 30_000);
    expect(h.status('ann')).toBe('RONA');
    expect(eventsOfType(timeout, 'offer.revoked', 'ann')).toEqual([
      { type: 'offer.revoked', conversationId: 'c1', reason: 'rona' },
    ]);
    expect(eventsOfType(timeout, 'agent.state', 'ann')[0]!.status).toBe('RONA');
    // c1 is ahead of c2, which arrived later: the next agent gets c1.
    const next = h.at(30_200).ok({ type: 'agent.setState', agentId: 'bob', status: 'Available' });
    expect(offeredTo(next, 'c1')).toBe('bob');
  });

  it('R4: an agent leaves RONA only by a manual change to Available, never by itself', () => {
    const h = new Harness();
    h.at(0).login('ann');
    h.at(0).message(1);
    h.fireTimers(30_000);
    expect(h.status('ann')).toBe('RONA');
    // Time passes and more work arrives: still RONA, no offers.
    const effects = h.at(3_600_000).message(2);
    expect(offeredTo(effects, 'c2')).toBeUndefined();
    expect(h.status('ann')).toBe('RONA');
    const back = h
      .at(3_600_001)
      .ok({ type: 'agent.setState', agentId: 'ann', status: 'Available' });
    expect(h.status('ann')).toBe('Available');
    expect(offeredTo(back, 'c1')).toBe('ann');
  });

  it('R4: RONA can also be left to Idle by hand, and a stale RONA timer does nothing', () => {
    const h = new Harness();
    h.login('ann');
    h.message(1);
    const [timerId] = [...h.timers.keys()];
    h.at(1000).accept('ann', 'c1');
    // The accepted offer's timer firing late (a racing shell) changes nothing.
    const stale = h.at(31_000).ok({ type: 'timer.fired', timerId: timerId! });
    expect(stale).toEqual([]);
    expect(h.status('ann')).toBe('Available');
  });

  it('R4: RONA counts on the conversation record', () => {
    const h = new Harness();
    h.at(0).login('ann', 'bob');
    h.message(1);
    h.fireTimers(30_000); // ann misses: RONA, offered to bob
    h.at(31_000).accept('bob', 'c1');
    h.end('bob', 'c1');
    h.wrapUp('bob', 'c1');
    expect(h.records[0]).toMatchObject({
      ronaCount: 1,
      offerCount: 2,
      agentId: 'bob',
      firstOfferedAt: 0,
    });
  });

  it("R5: accept opens the interaction pane with the compose box; customer messages carry initials, agent messages are marked as the agent's", () => {
    const h = new Harness();
    h.login('ann');
    h.message(1, 'first');
    const accepted = eventsOfType(
      h.at(1000).accept('ann', 'c1'),
      'conversation.accepted',
      'ann',
    )[0]!;
    expect(accepted.pane.composerPlaceholder).toBe(`Reply to ${customer(1).phone}`);
    expect(accepted.pane.canSend).toBe(true);
    expect(accepted.pane.messages[0]).toMatchObject({
      from: 'customer',
      initials: 'C',
      text: 'first',
    });
    const sent = eventsOfType(h.send('ann', 'c1', 'Hello, I am Ann'), 'message', 'ann')[0]!;
    expect(sent.message).toMatchObject({
      from: 'agent',
      own: true,
      signature: 'Ann Smith',
      initials: null,
    });
    const incoming = eventsOfType(h.message(1, 'thanks'), 'message', 'ann')[0]!;
    expect(incoming.message).toMatchObject({ from: 'customer', own: false, text: 'thanks' });
    expect(incoming.notification).toMatchObject({ method: 'whatsapp', preview: 'thanks' });
  });

  it('R5: initials come from the first and last word of the customer name', () => {
    const h = new Harness();
    h.login('ann');
    h.ok({
      type: 'customer.message',
      assetId: 'pn-sales',
      customer: { id: '31611111111', name: 'melissa van der berg', phone: '+31611111111' },
      messageId: 'm1',
      text: 'hoi',
    });
    const pane = eventsOfType(h.accept('ann', 'c1'), 'conversation.accepted')[0]!.pane;
    expect(pane.messages[0]!.initials).toBe('MB');
  });

  it('offers and customer messages carry WhatsApp message ids so that clients can correlate them', () => {
    const h = new Harness();
    h.login('ann');
    const offer = eventsOfType(h.message(1, 'first'), 'offer', 'ann')[0]!;
    expect(offer.firstMessageId).toBe('wamid.1');
    const pane = eventsOfType(h.accept('ann', 'c1'), 'conversation.accepted')[0]!.pane;
    expect(pane.messages[0]!.messageId).toBe('wamid.1');
    expect(eventsOfType(h.message(1, 'second'), 'message')[0]!.message.messageId).toBe('wamid.2');
    expect(eventsOfType(h.send('ann', 'c1', 'reply'), 'message')[0]!.message.messageId).toBeNull();
  });

  it('a second message from the same customer joins the open conversation', () => {
    const h = new Harness();
    expect(h.message(1, 'one')[0]).toEqual({
      type: 'conversation.opened',
      conversationId: 'c1',
      assetId: 'pn-sales',
      queueId: 'sales',
      customerId: customer(1).id,
      messageId: 'wamid.1',
    });
    expect(h.message(1, 'two').filter((e) => e.type === 'conversation.opened')).toEqual([]);
    h.message(2, 'other');
    expect(h.router.stats().waiting.sales).toBe(2);
    h.login('ann');
    const pane = eventsOfType(h.accept('ann', 'c1'), 'conversation.accepted')[0]!.pane;
    expect(pane.messages.map((m) => m.text)).toEqual(['one', 'two']);
  });

  it('the same customer on another asset is another conversation', () => {
    const h = new Harness(tenant());
    h.message(1, 'a', 'pn-sales');
    h.message(1, 'b', 'pn-support');
    expect(h.router.stats().waiting).toMatchObject({ sales: 1, support: 1 });
  });

  it('going Idle with an offer pending gives the offer back without RONA', () => {
    const h = new Harness();
    h.login('ann');
    h.message(1);
    const effects = h.ok({ type: 'agent.setState', agentId: 'ann', status: 'Idle' });
    expect(eventsOfType(effects, 'offer.revoked')[0]!.reason).toBe('agent-state');
    expect(h.router.state.agents.get('ann')!.idleCode).toBe('break');
    expect(h.router.stats().waiting.sales).toBe(1);
    expect(h.timers.size).toBe(0);
  });
});
