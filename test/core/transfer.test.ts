import { describe, expect, it } from 'vitest';
import { eventsOfType, Harness, offeredTo, tenant } from './harness.js';

function started(h: Harness): void {
  h.at(0).login('ann');
  h.at(0).message(1, 'I need billing');
  h.at(1000).accept('ann', 'c1');
}

describe('transfer (SPEC R14-R16)', () => {
  it('R14: the lists of available queues and agents filter by a search term and refresh on demand', () => {
    const h = new Harness();
    h.login('ann', 'bob');
    expect(h.router.availableQueues().map((q) => q.name)).toEqual(['Sales', 'Support', 'Billing']);
    expect(h.router.availableQueues('bil').map((q) => q.id)).toEqual(['billing']);
    expect(h.router.availableQueues('  SUP ').map((q) => q.id)).toEqual(['support']);
    expect(h.router.availableAgents('', 'ann').map((a) => a.name)).toEqual(['Bob Jones']);
    expect(h.router.availableAgents('jon').map((a) => a.id)).toEqual(['bob']);
    // Refresh: asking again reflects the change.
    h.ok({ type: 'agent.setState', agentId: 'bob', status: 'Idle' });
    expect(h.router.availableAgents('', 'ann')).toEqual([]);
    h.login('cat');
    expect(h.router.availableAgents('', 'ann').map((a) => a.id)).toEqual(['cat']);
  });

  it('R14 + R16: transfer to a queue: the conversation waits in that queue; the transferring agent gets wrap-up at once', () => {
    const h = new Harness();
    started(h);
    const effects = h.at(2000).ok({
      type: 'agent.transfer',
      agentId: 'ann',
      conversationId: 'c1',
      target: { kind: 'queue', queueId: 'billing' },
    });
    expect(eventsOfType(effects, 'wrapup.required', 'ann')).toEqual([
      { type: 'wrapup.required', conversationId: 'c1', cause: 'transferred' },
    ]);
    expect(h.router.stats().waiting.billing).toBe(1);
    const offer = h.at(2500).ok({ type: 'agent.setState', agentId: 'bob', status: 'Available' });
    expect(offeredTo(offer)).toBe('bob');
    expect(eventsOfType(offer, 'offer')[0]!.popover.queueName).toBe('Billing');
    // Ann still owes its wrap-up, so it is not offered the same conversation again meanwhile.
    h.at(3000).wrapUp('ann', 'c1', 'follow-up');
    h.at(4000).accept('bob', 'c1');
    h.at(9000).end('bob', 'c1');
    h.at(9500).wrapUp('bob', 'c1');
    expect(h.records[0]).toMatchObject({
      outcome: 'handled',
      queueId: 'sales',
      lastQueueId: 'billing',
      transferCount: 1,
      agentId: 'ann',
      lastAgentId: 'bob',
      acceptedAt: 1000,
      // Offered at once on arrival (ringing is not queue time), then 500 ms in billing.
      queueWaitMs: 500,
      wrapUpReason: 'resolved',
    });
    expect(h.records[0]!.legs.map((l) => [l.agentId, l.role, l.endedAt, l.wrapUpReason])).toEqual([
      ['ann', 'answer', 2000, 'follow-up'],
      ['bob', 'transfer', 9000, 'resolved'],
    ]);
  });

  it('R14: transfer to an available agent offers it to that agent, who accepts', () => {
    const h = new Harness();
    started(h);
    h.login('bob');
    const effects = h.at(2000).ok({
      type: 'agent.transfer',
      agentId: 'ann',
      conversationId: 'c1',
      target: { kind: 'agent', agentId: 'bob' },
    });
    const offer = eventsOfType(effects, 'offer', 'bob')[0]!;
    expect(offer.popover).toMatchObject({ offerKind: 'transfer', fromAgentName: 'Ann Smith' });
    const accepted = eventsOfType(
      h.at(3000).accept('bob', 'c1'),
      'conversation.accepted',
      'bob',
    )[0]!;
    expect(accepted.pane.messages.map((m) => m.text)).toEqual(['I need billing']);
  });

  it('R15: a transfer the target agent does not accept is disconnected (seed policy); the target goes to RONA', () => {
    const h = new Harness(tenant({ transferPolicy: 'disconnect' }));
    started(h);
    h.login('bob');
    h.at(2000).ok({
      type: 'agent.transfer',
      agentId: 'ann',
      conversationId: 'c1',
      target: { kind: 'agent', agentId: 'bob' },
    });
    h.fireTimers(32_000);
    expect(h.status('bob')).toBe('RONA');
    expect(h.router.stats().waiting.sales).toBe(0);
    // The transferring agent still owes its wrap-up; then the record is final.
    expect(h.records).toEqual([]);
    h.at(33_000).wrapUp('ann', 'c1');
    expect(h.records[0]).toMatchObject({
      outcome: 'transfer-disconnected',
      endedAt: 32_000,
      ronaCount: 1,
      transferCount: 1,
    });
  });

  it('R15: under the requeue policy a transfer that is not accepted goes back to the head of its queue', () => {
    const h = new Harness(tenant({ transferPolicy: 'requeue' }));
    started(h);
    h.login('bob');
    h.at(2000).ok({
      type: 'agent.transfer',
      agentId: 'ann',
      conversationId: 'c1',
      target: { kind: 'agent', agentId: 'bob' },
    });
    h.at(2001).message(2); // waits: ann is in wrap-up, bob holds the transfer offer
    h.fireTimers(32_000);
    expect(h.status('bob')).toBe('RONA');
    // Ann is free again and gets c1 first, before c2 that arrived later.
    const next = h.at(33_000).wrapUp('ann', 'c1');
    expect(offeredTo(next, 'c1')).toBe('ann');
    expect(offeredTo(next, 'c2')).toBeUndefined();
  });

  it('R14: transfer targets must be available; invalid transfers are refused with their codes', () => {
    const h = new Harness();
    started(h);
    const transfer = (
      target: { kind: 'queue'; queueId: string } | { kind: 'agent'; agentId: string },
      agentId = 'ann',
    ) => ({ type: 'agent.transfer', agentId, conversationId: 'c1', target }) as const;
    h.refuses(transfer({ kind: 'agent', agentId: 'bob' }), 'TARGET_AGENT_UNAVAILABLE');
    h.refuses(transfer({ kind: 'agent', agentId: 'ann' }), 'TARGET_IS_SELF');
    h.refuses(transfer({ kind: 'agent', agentId: 'zed' }), 'UNKNOWN_AGENT');
    h.refuses(transfer({ kind: 'queue', queueId: 'nope' }), 'UNKNOWN_QUEUE');
    h.login('bob');
    h.refuses(transfer({ kind: 'queue', queueId: 'billing' }, 'bob'), 'NOT_A_PARTICIPANT');
  });
});
