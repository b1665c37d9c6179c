import { describe, expect, it } from 'vitest';
import { characterCount } from '../../src/core/index.js';
import { eventsOfType, Harness, tenant } from './harness.js';

function active(h: Harness, agentId = 'ann', n = 1): string {
  h.login(agentId);
  h.message(n);
  const id = `c${h.router.state.conversationSeq}`;
  h.accept(agentId, id);
  return id;
}

describe('conversation (SPEC R6-R8)', () => {
  it('R6: a reply of exactly 4096 characters is sent', () => {
    const h = new Harness();
    const c = active(h);
    const effects = h.send('ann', c, 'x'.repeat(4096));
    const sent = effects.find((e) => e.type === 'customer.send');
    expect(sent && sent.type === 'customer.send' && sent.text.length).toBe(4096);
  });

  it('R6: a 4097-character reply is refused with MESSAGE_TOO_LONG and nothing is sent or truncated', () => {
    const h = new Harness();
    const c = active(h);
    h.refuses(
      { type: 'agent.send', agentId: 'ann', conversationId: c, text: 'x'.repeat(4097) },
      'MESSAGE_TOO_LONG',
    );
    const result = h.router.handle(h.now, {
      type: 'agent.send',
      agentId: 'ann',
      conversationId: c,
      text: 'y'.repeat(5000),
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'MESSAGE_TOO_LONG',
        message: 'message has 5000 characters; the limit is 4096',
      },
    });
  });

  it('R6: the limit counts characters, so 4096 emoji (8192 UTF-16 units) are allowed', () => {
    const h = new Harness();
    const c = active(h);
    const emoji = '😀'.repeat(4096);
    expect(emoji.length).toBe(8192);
    expect(characterCount(emoji)).toBe(4096);
    h.send('ann', c, emoji);
    h.refuses(
      { type: 'agent.send', agentId: 'ann', conversationId: c, text: `${emoji}!` },
      'MESSAGE_TOO_LONG',
    );
  });

  it('R6: an empty reply is refused', () => {
    const h = new Harness();
    const c = active(h);
    h.refuses(
      { type: 'agent.send', agentId: 'ann', conversationId: c, text: '  \n ' },
      'MESSAGE_EMPTY',
    );
  });

  it('R7: Send delivers the reply to the customer on the asset the customer wrote to, unchanged', () => {
    const h = new Harness(tenant({ masking: { enabled: true } }));
    const c = active(h);
    const text = 'Your card 4111 1111 1111 1111 is blocked';
    const effects = h.at(5).send('ann', c, text);
    expect(effects.filter((e) => e.type === 'customer.send')).toEqual([
      {
        type: 'customer.send',
        conversationId: c,
        assetId: 'pn-sales',
        customerId: '447966197501',
        agentId: 'ann',
        text,
        seq: 2,
      },
    ]);
  });

  it('R8: deleting an asset interrupts its conversations: warning, no more sending, the agent must end and wrap up', () => {
    const h = new Harness();
    const c = active(h);
    h.login('bob');
    h.message(2, 'on support', 'pn-support');
    h.accept('bob', 'c2');
    const effects = h.at(10).ok({ type: 'admin.deleteAsset', assetId: 'pn-sales' });
    const [warning] = eventsOfType(effects, 'conversation.interrupted', 'ann');
    expect(warning!.warning).toMatch(/deleted/);
    expect(eventsOfType(effects, 'conversation.state', 'ann')[0]!.state).toBe('interrupted');
    // Other assets are untouched.
    expect(eventsOfType(effects, 'conversation.interrupted', 'bob')).toEqual([]);
    h.refuses(
      { type: 'agent.send', agentId: 'ann', conversationId: c, text: 'still there?' },
      'CONVERSATION_INTERRUPTED',
    );
    h.refuses(
      {
        type: 'agent.transfer',
        agentId: 'ann',
        conversationId: c,
        target: { kind: 'queue', queueId: 'support' },
      },
      'CONVERSATION_INTERRUPTED',
    );
    expect(h.router.desktop('ann', 10)!.conversations[0]!.canSend).toBe(false);
    h.at(20).end('ann', c);
    expect(h.records).toEqual([]); // wrap-up still applies: not final yet
    h.at(30).wrapUp('ann', c);
    expect(h.records[0]).toMatchObject({
      conversationId: c,
      outcome: 'interrupted',
      interrupted: true,
      endedAt: 20,
      finalizedAt: 30,
    });
  });

  it('R8: queued and offered conversations on a deleted asset end as interrupted at once, and new messages on it are refused', () => {
    const h = new Harness();
    h.login('ann');
    h.message(1); // offered to ann
    h.message(2); // queued
    const effects = h.at(50).ok({ type: 'admin.deleteAsset', assetId: 'pn-sales' });
    expect(eventsOfType(effects, 'offer.revoked', 'ann')[0]!.reason).toBe('interrupted');
    expect(h.records.map((r) => [r.conversationId, r.outcome, r.acceptedAt])).toEqual([
      ['c1', 'interrupted', null],
      ['c2', 'interrupted', null],
    ]);
    expect(h.timers.size).toBe(0);
    h.refuses(
      {
        type: 'customer.message',
        assetId: 'pn-sales',
        customer: { id: '1', name: 'x', phone: '1' },
        messageId: 'm',
        text: 'x',
      },
      'ASSET_DELETED',
    );
    h.refuses({ type: 'admin.deleteAsset', assetId: 'pn-sales' }, 'ASSET_DELETED');
    h.refuses({ type: 'admin.deleteAsset', assetId: 'nope' }, 'UNKNOWN_ASSET');
  });

  it('customers abandon while queued or offered, not once answered', () => {
    const h = new Harness();
    h.at(0).message(1);
    h.at(5000).ok({ type: 'customer.abandon', conversationId: 'c1' });
    expect(h.records[0]).toMatchObject({
      outcome: 'abandoned',
      endedAt: 5000,
      queueWaitMs: 5000,
      acceptedAt: null,
    });
    h.login('ann');
    h.at(6000).message(2);
    const effects = h.at(7000).ok({ type: 'customer.abandon', conversationId: 'c2' });
    expect(eventsOfType(effects, 'offer.revoked', 'ann')[0]!.reason).toBe('abandoned');
    expect(h.router.state.agents.get('ann')!.engaged).toBe(0);
    h.message(3);
    h.accept('ann', 'c3');
    h.refuses({ type: 'customer.abandon', conversationId: 'c3' }, 'CONVERSATION_NOT_WAITING');
  });
});
