import { describe, expect, it } from 'vitest';
import { eventsOfType, Harness } from './harness.js';

describe('end and wrap-up (SPEC R20)', () => {
  it('R20: End opens wrap-up; until a reason is submitted the agent is in wrap-up and the record is not final', () => {
    const h = new Harness();
    h.at(0).login('ann');
    h.at(0).message(1, 'hi');
    h.at(2000).accept('ann', 'c1');
    h.at(3000).send('ann', 'c1', 'hello');
    h.at(4000).message(1, 'bye');
    const ended = h.at(60_000).end('ann', 'c1');
    expect(eventsOfType(ended, 'wrapup.required', 'ann')).toEqual([
      { type: 'wrapup.required', conversationId: 'c1', cause: 'ended' },
    ]);
    expect(h.records).toEqual([]);
    expect(h.router.desktop('ann', 60_000)!.wrapUps).toEqual(['c1']);
    // Wrap-up holds the slot: a capacity-1 agent gets no new offer meanwhile.
    h.at(61_000).message(2);
    expect(h.router.stats().waiting.sales).toBe(1);
    const done = h.at(75_000).wrapUp('ann', 'c1', 'resolved');
    expect(eventsOfType(done, 'wrapup.done', 'ann')[0]).toMatchObject({
      conversationId: 'c1',
      reasonId: 'resolved',
      history: { conversationId: 'c1', title: '+447966197501' },
    });
    expect(h.records).toEqual([
      {
        conversationId: 'c1',
        assetId: 'pn-sales',
        queueId: 'sales',
        lastQueueId: 'sales',
        customerId: '447966197501',
        arrivedAt: 0,
        firstOfferedAt: 0,
        acceptedAt: 2000,
        endedAt: 60_000,
        finalizedAt: 75_000,
        queueWaitMs: 0,
        agentId: 'ann',
        lastAgentId: 'ann',
        outcome: 'handled',
        interrupted: false,
        wrapUpReason: 'resolved',
        offerCount: 1,
        ronaCount: 0,
        transferCount: 0,
        conferenceCount: 0,
        customerMessages: 2,
        agentMessages: 1,
        legs: [
          {
            agentId: 'ann',
            role: 'answer',
            offeredAt: 0,
            acceptedAt: 2000,
            endedAt: 60_000,
            wrapUpAt: 75_000,
            wrapUpReason: 'resolved',
          },
        ],
      },
    ]);
    // The freed slot takes the waiting conversation.
    expect(h.router.state.agents.get('ann')!.offers.has('c2')).toBe(true);
  });

  it('R20: the wrap-up reason list filters by a search term; unknown reasons are refused', () => {
    const h = new Harness();
    expect(h.router.wrapUpReasons('').map((r) => r.id)).toEqual(['resolved', 'follow-up', 'spam']);
    expect(h.router.wrapUpReasons('FOLLOW').map((r) => r.id)).toEqual(['follow-up']);
    expect(h.router.wrapUpReasons('zzz')).toEqual([]);
    h.login('ann');
    h.message(1);
    h.accept('ann', 'c1');
    h.end('ann', 'c1');
    h.refuses(
      { type: 'agent.wrapUp', agentId: 'ann', conversationId: 'c1', reasonId: 'nope' },
      'UNKNOWN_WRAPUP_REASON',
    );
    h.refuses(
      { type: 'agent.wrapUp', agentId: 'bob', conversationId: 'c1', reasonId: 'resolved' },
      'NOT_IN_WRAPUP',
    );
    h.wrapUp('ann', 'c1', 'spam');
    h.refuses(
      { type: 'agent.wrapUp', agentId: 'ann', conversationId: 'c1', reasonId: 'resolved' },
      'NOT_IN_WRAPUP',
    );
  });

  it('a customer writing again after End starts a new conversation', () => {
    const h = new Harness();
    h.login('ann');
    h.message(1, 'first');
    h.accept('ann', 'c1');
    h.end('ann', 'c1');
    h.message(1, 'one more thing');
    expect(h.router.stats().waiting.sales).toBe(1);
    expect(h.router.state.conversations.get('c2')!.messages.map((m) => m.text)).toEqual([
      'one more thing',
    ]);
  });

  it('an agent cannot log out while holding conversations or wrap-ups', () => {
    const h = new Harness();
    h.login('ann');
    h.message(1);
    h.accept('ann', 'c1');
    h.refuses(
      { type: 'agent.setState', agentId: 'ann', status: 'LoggedOut' },
      'AGENT_HAS_CONVERSATIONS',
    );
    h.end('ann', 'c1');
    h.refuses(
      { type: 'agent.setState', agentId: 'ann', status: 'LoggedOut' },
      'AGENT_HAS_CONVERSATIONS',
    );
    h.wrapUp('ann', 'c1');
    h.ok({ type: 'agent.setState', agentId: 'ann', status: 'LoggedOut' });
  });

  it('an agent in Idle keeps working its open conversations but gets no new ones', () => {
    const h = new Harness();
    h.login('ann');
    h.message(1);
    h.accept('ann', 'c1');
    h.ok({ type: 'agent.setState', agentId: 'ann', status: 'Idle', idleCode: 'lunch' });
    h.send('ann', 'c1', 'one moment');
    h.end('ann', 'c1');
    h.wrapUp('ann', 'c1');
    h.message(2);
    expect(h.router.stats().waiting.sales).toBe(1);
  });
});
