import { describe, expect, it } from 'vitest';
import {
  type AgentStateRecord,
  type ConversationRecord,
  type DesktopEvent,
  EFFECT_AGENT_STATE,
  EFFECT_DESKTOP,
  EFFECT_OTHER,
  EFFECT_RECORD,
  EFFECT_TIMER_CANCEL,
  EFFECT_TIMER_SET,
  type Effect,
  EffectBuffer,
  Router,
} from '../../src/core/index.js';
import { customer, tenant } from './harness.js';

const timer = (n: number): Effect => ({ type: 'timer.cancel', timerId: `t${n}` });

describe('EffectBuffer (issue 13: no effects array per command)', () => {
  it('reads back what was pushed, in order, and starts again after truncate(0)', () => {
    const buffer = new EffectBuffer();
    for (let round = 0; round < 3; round++) {
      const n = 5 + round * 20;
      for (let i = 0; i < n; i++) buffer.push(timer(round * 100 + i));
      expect(buffer.length).toBe(n);
      for (let i = 0; i < n; i++) expect(buffer.at(i)).toEqual(timer(round * 100 + i));
      buffer.truncate(0);
      expect(buffer.length).toBe(0);
    }
  });

  it('truncate keeps the effects before the mark; take copies them out and empties the buffer', () => {
    const buffer = new EffectBuffer();
    for (let i = 0; i < 6; i++) buffer.push(timer(i));
    buffer.truncate(2);
    buffer.push(timer(9));
    const taken = buffer.take();
    expect(taken).toEqual([timer(0), timer(1), timer(9)]);
    expect(buffer.length).toBe(0);
    // The copy is the caller's: the next command's effects do not overwrite it.
    buffer.push(timer(7));
    expect(taken).toEqual([timer(0), timer(1), timer(9)]);
    expect(buffer.take()).toEqual([timer(7)]);
  });
});

describe('EffectBuffer desktop events (issue 13: no wrapper per desktop event)', () => {
  it('keeps a desktop event and its agent side by side, and makes the effect only when asked', () => {
    const buffer = new EffectBuffer();
    const shown: DesktopEvent = {
      type: 'agent.state',
      status: 'Available',
      idleCode: null,
      since: 5,
    };
    const revoked: DesktopEvent = { type: 'offer.revoked', conversationId: 'c1', reason: 'rona' };
    buffer.push(timer(1));
    buffer.pushDesktop('ann', shown);
    // A desktop effect pushed whole is kept the same way.
    buffer.push({ type: 'desktop', agentId: 'bob', event: revoked });
    expect([0, 1, 2].map((i) => buffer.desktopAgent(i))).toEqual([null, 'ann', 'bob']);
    expect(buffer.desktopEvent(1)).toBe(shown);
    expect(buffer.desktopEvent(2)).toBe(revoked);
    expect(buffer.take()).toEqual([
      timer(1),
      { type: 'desktop', agentId: 'ann', event: shown },
      { type: 'desktop', agentId: 'bob', event: revoked },
    ]);
    // Written again from the start: an entry that was a desktop event is another effect now.
    buffer.push(timer(2));
    buffer.pushDesktop('cat', revoked);
    expect([0, 1].map((i) => buffer.desktopAgent(i))).toEqual([null, 'cat']);
    expect(buffer.at(0)).toEqual(timer(2));
  });
});

describe('EffectBuffer typed entries (issue 13: typed effect delivery)', () => {
  it('keeps timers and records in columns, and makes the same effect objects back', () => {
    const agentState: AgentStateRecord = {
      agentId: 'ann',
      status: 'Idle',
      idleCode: 'break',
      at: 7,
    };
    const record = { conversationId: 'c9' } as unknown as ConversationRecord;
    const send: Effect = {
      type: 'customer.send',
      conversationId: 'c9',
      assetId: 'pn-sales',
      customerId: '31600000000',
      agentId: 'ann',
      text: 'hello',
      seq: 3,
    };
    const effects: Effect[] = [
      { type: 'timer.set', timerId: 'o1', at: 12.5 },
      { type: 'timer.cancel', timerId: 'o1' },
      { type: 'agent.state', record: agentState },
      { type: 'record', record },
      send,
      {
        type: 'desktop',
        agentId: 'bob',
        event: { type: 'offer.revoked', conversationId: 'c9', reason: 'rona' },
      },
    ];
    const buffer = new EffectBuffer();
    for (const e of effects) buffer.push(e);
    expect(effects.map((_, i) => buffer.kind(i))).toEqual([
      EFFECT_TIMER_SET,
      EFFECT_TIMER_CANCEL,
      EFFECT_AGENT_STATE,
      EFFECT_RECORD,
      EFFECT_OTHER,
      EFFECT_DESKTOP,
    ]);
    expect([buffer.timerId(0), buffer.timerAt(0), buffer.timerId(1)]).toEqual(['o1', 12.5, 'o1']);
    expect(buffer.agentStateRecord(2)).toBe(agentState);
    expect(buffer.conversationRecord(3)).toBe(record);
    expect(buffer.at(4)).toBe(send);
    expect(buffer.take()).toEqual(effects);
    // The typed pushes make the same entries as push of the whole effect.
    buffer.pushTimerSet('o2', 3);
    buffer.pushTimerCancel('o2');
    buffer.pushAgentState(agentState);
    buffer.pushRecord(record);
    expect(buffer.take()).toEqual([
      { type: 'timer.set', timerId: 'o2', at: 3 },
      { type: 'timer.cancel', timerId: 'o2' },
      { type: 'agent.state', record: agentState },
      { type: 'record', record },
    ]);
  });
});

describe('Router.handle after a handler threw', () => {
  it('returns only the next command its own effects, none the thrown one had made', () => {
    let broken = true;
    const router = new Router(tenant(), {
      masker: (text) => {
        if (broken) throw new Error('masker down');
        return text;
      },
    });
    expect(
      router.handle(0, { type: 'agent.setState', agentId: 'ann', status: 'Available' }).ok,
    ).toBe(true);
    // The message opens a conversation (an effect) and the offer's views throw in the masker.
    expect(() =>
      router.handle(1, {
        type: 'customer.message',
        assetId: 'pn-sales',
        customer: customer(1),
        messageId: 'm1',
        text: 'hello',
      }),
    ).toThrow('masker down');
    broken = false;
    const next = router.handle(2, { type: 'agent.setState', agentId: 'bob', status: 'Available' });
    expect(next.ok && next.effects.map((e) => e.type)).toEqual(['agent.state', 'desktop']);
  });
});
