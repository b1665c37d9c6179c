import { describe, expect, it } from 'vitest';
import type { DesktopEvent, InteractionPaneView, PopoverView } from '../../src/core/index.js';
import { COMPOSER_LIMIT, composerEdit } from '../../src/desktop/composer.js';
import {
  applyEvent,
  applyHistory,
  applySnapshot,
  emptyModel,
  INTERRUPTED_WARNING,
  offerTimes,
} from '../../src/desktop/model.js';

/** The page's state, folded from protocol frames without a browser (src/desktop/model.ts). */

const popover: PopoverView = {
  customerName: 'Melissa Jones',
  customerNumber: '*********7542',
  sourceNumber: '********0100',
  queueName: 'Sales',
  offeredAt: 1_000,
  offerKind: 'route',
  fromAgentName: null,
};
const task = {
  conversationId: 'c1',
  channel: 'whatsapp' as const,
  title: '*********7542',
  preview: 'hi',
};
const pane: InteractionPaneView = {
  conversationId: 'c1',
  title: '*********7542',
  state: 'active',
  composerPlaceholder: 'Reply to *********7542',
  canSend: true,
  messages: [
    {
      seq: 1,
      messageId: 'm_x',
      from: 'customer',
      at: 1_000,
      text: 'hi',
      signature: 'Melissa Jones',
      initials: 'MJ',
      own: false,
    },
  ],
  cad: { contactOrigin: '*********7542' },
};

describe('composer limit (R6)', () => {
  it('takes 4096 characters and refuses the edit that makes 4097, whole', () => {
    const full = 'x'.repeat(COMPOSER_LIMIT);
    expect(composerEdit('', full)).toEqual({ text: full, refused: false, count: 4096 });
    expect(composerEdit(full, `${full}y`)).toEqual({ text: full, refused: true, count: 4096 });
    // A paste that would overflow is refused, not cut (nothing truncated silently).
    expect(composerEdit('ab', `ab${'z'.repeat(4095)}`)).toEqual({
      text: 'ab',
      refused: true,
      count: 2,
    });
  });

  it('counts characters as the server does: an emoji is one', () => {
    const emoji = '😀'.repeat(COMPOSER_LIMIT);
    expect(emoji.length).toBe(8192);
    expect(composerEdit('', emoji).refused).toBe(false);
    expect(composerEdit(emoji, `${emoji}😀`).refused).toBe(true);
  });
});

describe('desktop model', () => {
  it('folds an offer, its accept, messages, conference, interruption and wrap-up', () => {
    const m = emptyModel('ann', 'Ann Smith');
    const events: DesktopEvent[] = [
      { type: 'agent.state', status: 'Available', idleCode: null, since: 500 },
      {
        type: 'offer',
        conversationId: 'c1',
        popover,
        notification: { method: 'whatsapp', title: '*********7542', preview: 'hi' },
        task,
        deadline: 31_000,
        firstMessageId: 'm_x',
      },
    ];
    for (const e of events) expect(applyEvent(m, e, 2_000)).toBe(true);
    expect(m.status).toBe('Available');
    expect(m.tasks.get('c1')?.kind).toBe('offer');
    expect(m.notifications.map((n) => n.preview)).toEqual(['hi']);
    expect(offerTimes(m.offers.get('c1')!, 8_500)).toEqual({ elapsed: 7, remaining: 23 });
    // The estimate of the server clock may lag: never more left than the offer had.
    expect(offerTimes(m.offers.get('c1')!, 900).remaining).toBe(30);

    applyEvent(m, { type: 'conversation.accepted', conversationId: 'c1', pane, task }, 3_000);
    expect(m.offers.size).toBe(0);
    const p = m.panes.get('c1')!;
    expect(p.role).toBe('owner');
    const reply = { ...pane.messages[0]!, seq: 2, from: 'agent' as const, own: true, text: 'yo' };
    const msg: DesktopEvent = {
      type: 'message',
      conversationId: 'c1',
      message: reply,
      notification: null,
      task: null,
    };
    applyEvent(m, msg, 3_100);
    applyEvent(m, msg, 3_100);
    expect(p.messages.map((x) => x.seq)).toEqual([1, 2]);

    applyEvent(m, { type: 'conversation.state', conversationId: 'c1', state: 'conference' }, 4_000);
    expect(p.state).toBe('conference');
    expect(p.notice).toContain('Agent joined');
    applyEvent(m, { type: 'conversation.state', conversationId: 'c1', state: 'active' }, 4_100);
    expect(p.notice).toBeNull();

    applyEvent(
      m,
      { type: 'conversation.interrupted', conversationId: 'c1', warning: 'deleted' },
      5_000,
    );
    expect([p.state, p.canSend, p.warning]).toEqual(['interrupted', false, 'deleted']);
    applyEvent(m, { type: 'wrapup.required', conversationId: 'c1', cause: 'ended' }, 6_000);
    expect(m.tasks.get('c1')?.kind).toBe('wrap-up');
    applyEvent(
      m,
      {
        type: 'wrapup.done',
        conversationId: 'c1',
        reasonId: 'r',
        history: { conversationId: 'c1', title: '*********7542' },
      },
      7_000,
    );
    expect(m.panes.size).toBe(0);
    expect(m.tasks.size).toBe(0);
    expect(m.history).toEqual([{ conversationId: 'c1', title: '*********7542' }]);
  });

  it('takes a reconnect snapshot: offers, panes (an interrupted one with its warning) and wrap-ups', () => {
    const m = emptyModel('ann', 'Ann Smith');
    applySnapshot(
      m,
      {
        agentId: 'ann',
        status: 'RONA',
        idleCode: null,
        since: 10,
        capacity: 2,
        engaged: 1,
        offers: [{ conversationId: 'c2', popover, deadline: 31_000, elapsedSeconds: 1 }],
        conversations: [{ ...pane, state: 'interrupted', canSend: false }],
        wrapUps: ['c3'],
      },
      10_000,
      9_000,
    );
    expect(m.clockOffset).toBe(1_000);
    expect(m.status).toBe('RONA');
    expect([...m.offers.keys()]).toEqual(['c2']);
    expect(m.panes.get('c1')?.warning).toBe(INTERRUPTED_WARNING);
    expect(m.panes.get('c3')?.wrapUp).toBe('pending');
    expect([...m.tasks.values()].map((t) => t.kind)).toEqual(['offer', 'active', 'wrap-up']);
  });

  it('merges a history page before the messages it has, in seq order, once', () => {
    const m = emptyModel('ann', 'Ann Smith');
    const newest = { ...pane.messages[0]!, seq: 5 };
    const paged = { ...pane, messages: [newest], olderMessages: 2 };
    applyEvent(m, { type: 'conversation.accepted', conversationId: 'c1', pane: paged, task }, 0);
    const p = m.panes.get('c1')!;
    expect(p.olderMessages).toBe(2);
    const older = [2, 3].map((seq) => ({ ...newest, seq }));
    applyHistory(p, older, 0);
    applyHistory(p, older, 0);
    expect(p.messages.map((x) => x.seq)).toEqual([2, 3, 5]);
    expect(p.olderMessages).toBe(0);
  });
});
