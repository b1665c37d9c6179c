import { describe, expect, it } from 'vitest';
import { eventsOfType, Harness, offeredTo } from './harness.js';

function started(h: Harness): void {
  h.at(0).login('ann');
  h.at(0).message(1, 'question');
  h.at(1000).accept('ann', 'c1');
}

describe('conference (SPEC R17-R19)', () => {
  it('R17 + R18: the owner adds an agent; on accept the state becomes Conference and a joined message is shown', () => {
    const h = new Harness();
    started(h);
    h.login('bob');
    const request = h.at(2000).ok({
      type: 'agent.conference',
      agentId: 'ann',
      conversationId: 'c1',
      target: { kind: 'agent', agentId: 'bob' },
    });
    expect(eventsOfType(request, 'conference.requested', 'ann')[0]!.target).toEqual({
      kind: 'agent',
      id: 'bob',
    });
    expect(eventsOfType(request, 'offer', 'bob')[0]!.popover).toMatchObject({
      offerKind: 'conference',
      fromAgentName: 'Ann Smith',
    });
    const joined = h.at(3000).accept('bob', 'c1');
    expect(eventsOfType(joined, 'conversation.state', 'ann')).toEqual([
      { type: 'conversation.state', conversationId: 'c1', state: 'conference' },
    ]);
    expect(eventsOfType(joined, 'conversation.state', 'bob')[0]!.state).toBe('conference');
    const note = eventsOfType(joined, 'message', 'ann')[0]!.message;
    expect(note).toMatchObject({ from: 'system', text: 'Bob Jones joined the conversation' });
    const pane = eventsOfType(joined, 'conversation.accepted', 'bob')[0]!.pane;
    expect(pane.state).toBe('conference');
    expect(pane.messages.map((m) => m.text)).toEqual([
      'question',
      'Bob Jones joined the conversation',
    ]);
  });

  it('R17: in a conference both agents see customer messages and both can reply', () => {
    const h = new Harness();
    started(h);
    h.login('bob');
    h.ok({
      type: 'agent.conference',
      agentId: 'ann',
      conversationId: 'c1',
      target: { kind: 'agent', agentId: 'bob' },
    });
    h.accept('bob', 'c1');
    const incoming = h.message(1, 'are you both there?');
    expect(eventsOfType(incoming, 'message', 'ann')).toHaveLength(1);
    expect(eventsOfType(incoming, 'message', 'bob')).toHaveLength(1);
    const reply = h.send('bob', 'c1', 'yes');
    expect(reply.filter((e) => e.type === 'customer.send')).toHaveLength(1);
    expect(eventsOfType(reply, 'message', 'ann')[0]!.message).toMatchObject({
      own: false,
      signature: 'Bob Jones',
    });
    expect(eventsOfType(reply, 'message', 'bob')[0]!.message.own).toBe(true);
  });

  it('R17: conference to a queue waits there for the next eligible agent', () => {
    const h = new Harness();
    started(h);
    h.at(2000).ok({
      type: 'agent.conference',
      agentId: 'ann',
      conversationId: 'c1',
      target: { kind: 'queue', queueId: 'billing' },
    });
    const effects = h.at(2500).ok({ type: 'agent.setState', agentId: 'cat', status: 'Available' });
    expect(offeredTo(effects)).toBe('cat');
    expect(eventsOfType(effects, 'offer', 'cat')[0]!.popover.offerKind).toBe('conference');
  });

  it('R19: the consulted agent leaves; the conversation goes on between owner and customer; wrap-up for the leaver', () => {
    const h = new Harness();
    started(h);
    h.login('bob');
    h.ok({
      type: 'agent.conference',
      agentId: 'ann',
      conversationId: 'c1',
      target: { kind: 'agent', agentId: 'bob' },
    });
    h.at(3000).accept('bob', 'c1');
    const left = h
      .at(4000)
      .ok({ type: 'agent.leaveConference', agentId: 'bob', conversationId: 'c1' });
    expect(eventsOfType(left, 'wrapup.required', 'bob')).toEqual([
      { type: 'wrapup.required', conversationId: 'c1', cause: 'left-conference' },
    ]);
    expect(eventsOfType(left, 'conversation.state', 'ann')[0]!.state).toBe('active');
    expect(eventsOfType(left, 'message', 'ann')[0]!.message.text).toBe(
      'Bob Jones left the conversation',
    );
    expect(eventsOfType(left, 'wrapup.required', 'ann')).toEqual([]);
    h.send('ann', 'c1', 'still here');
    h.refuses(
      { type: 'agent.send', agentId: 'bob', conversationId: 'c1', text: 'hi' },
      'NOT_A_PARTICIPANT',
    );
    h.at(5000).wrapUp('bob', 'c1', 'follow-up');
    h.at(6000).end('ann', 'c1');
    h.at(7000).wrapUp('ann', 'c1');
    expect(h.records[0]).toMatchObject({
      conferenceCount: 1,
      outcome: 'handled',
      wrapUpReason: 'resolved',
    });
    expect(h.records[0]!.legs.map((l) => [l.agentId, l.role, l.endedAt])).toEqual([
      ['ann', 'answer', 6000],
      ['bob', 'conference', 4000],
    ]);
  });

  it('R19: the owner ends the conference: the consulted agent is released to wrap-up, the owner keeps the customer', () => {
    const h = new Harness();
    started(h);
    h.login('bob');
    h.ok({
      type: 'agent.conference',
      agentId: 'ann',
      conversationId: 'c1',
      target: { kind: 'agent', agentId: 'bob' },
    });
    h.at(3000).accept('bob', 'c1');
    h.refuses(
      { type: 'agent.endConference', agentId: 'bob', conversationId: 'c1' },
      'NOT_CONVERSATION_OWNER',
    );
    h.refuses(
      { type: 'agent.leaveConference', agentId: 'ann', conversationId: 'c1' },
      'NO_CONFERENCE',
    );
    const ended = h
      .at(4000)
      .ok({ type: 'agent.endConference', agentId: 'ann', conversationId: 'c1' });
    expect(eventsOfType(ended, 'wrapup.required', 'bob')[0]!.cause).toBe('released');
    expect(eventsOfType(ended, 'conversation.state', 'ann')[0]!.state).toBe('active');
    h.refuses(
      { type: 'agent.endConference', agentId: 'ann', conversationId: 'c1' },
      'NO_CONFERENCE',
    );
  });

  it('R19: when the owner ends the whole conversation during a conference, everyone wraps up', () => {
    const h = new Harness();
    started(h);
    h.login('bob');
    h.ok({
      type: 'agent.conference',
      agentId: 'ann',
      conversationId: 'c1',
      target: { kind: 'agent', agentId: 'bob' },
    });
    h.at(3000).accept('bob', 'c1');
    h.refuses(
      { type: 'agent.end', agentId: 'bob', conversationId: 'c1' },
      'NOT_CONVERSATION_OWNER',
    );
    const ended = h.at(4000).end('ann', 'c1');
    expect(eventsOfType(ended, 'wrapup.required').map((e) => e.cause)).toEqual(['ended', 'ended']);
    h.wrapUp('ann', 'c1');
    expect(h.records).toEqual([]);
    h.wrapUp('bob', 'c1');
    expect(h.records).toHaveLength(1);
  });

  it("R17: one conversation's consulted agents are its own (conversations start with one shared empty list)", () => {
    const consulted = (h: Harness) =>
      Object.fromEntries(
        h.router.conversationOverviews().map((c) => [c.conversationId, c.consulted]),
      );
    const h = new Harness();
    started(h);
    h.login('bob', 'cat');
    h.at(1500).message(2, 'me too');
    h.at(1600).accept('bob', 'c2');
    h.at(2000).ok({
      type: 'agent.conference',
      agentId: 'ann',
      conversationId: 'c1',
      target: { kind: 'agent', agentId: 'cat' },
    });
    h.at(3000).accept('cat', 'c1');
    expect(consulted(h)).toEqual({ c1: ['cat'], c2: [] });
    h.at(4000).end('ann', 'c1');
    h.wrapUp('ann', 'c1');
    h.wrapUp('cat', 'c1');
    h.at(5000).message(3, 'and me');
    expect(consulted(h)).toEqual({ c2: [], c3: [] });
  });

  it('R17: a conference invitation not accepted in time puts the invitee in RONA and tells the owner', () => {
    const h = new Harness();
    started(h);
    h.login('bob');
    h.at(2000).ok({
      type: 'agent.conference',
      agentId: 'ann',
      conversationId: 'c1',
      target: { kind: 'agent', agentId: 'bob' },
    });
    const timeout = h.fireTimers(32_000);
    expect(h.status('bob')).toBe('RONA');
    expect(eventsOfType(timeout, 'conference.failed', 'ann')[0]!.reason).toBe('rona');
    // The owner can try again (no conference in progress any more).
    h.login('cat');
    h.ok({
      type: 'agent.conference',
      agentId: 'ann',
      conversationId: 'c1',
      target: { kind: 'agent', agentId: 'cat' },
    });
  });

  it('R17: one conference at a time; no transfer during a conference; the owner can cancel a pending invitation', () => {
    const h = new Harness();
    started(h);
    h.login('bob', 'cat');
    h.ok({
      type: 'agent.conference',
      agentId: 'ann',
      conversationId: 'c1',
      target: { kind: 'agent', agentId: 'bob' },
    });
    h.refuses(
      {
        type: 'agent.conference',
        agentId: 'ann',
        conversationId: 'c1',
        target: { kind: 'agent', agentId: 'cat' },
      },
      'CONFERENCE_IN_PROGRESS',
    );
    h.refuses(
      {
        type: 'agent.transfer',
        agentId: 'ann',
        conversationId: 'c1',
        target: { kind: 'queue', queueId: 'billing' },
      },
      'CONFERENCE_IN_PROGRESS',
    );
    const cancelled = h.ok({ type: 'agent.endConference', agentId: 'ann', conversationId: 'c1' });
    expect(eventsOfType(cancelled, 'offer.revoked', 'bob')[0]!.reason).toBe('conference-cancelled');
    expect(h.timers.size).toBe(0);
  });
});
