import { describe, expect, it } from 'vitest';
import {
  customerInitials,
  type DesktopEvent,
  VIEW_FIELDS,
  type ViewField,
  type ViewMasker,
} from '../../src/core/index.js';
import { desktopEvents, Harness, tenant } from './harness.js';

/** A masker that tags what it was given, so a test can see that every field passed through it. */
function taggingMasker(seen: Set<ViewField>): ViewMasker {
  return (text, field) => {
    seen.add(field);
    return `⟦${field}:${text}⟧`;
  };
}

function fullFlow(masker: ViewMasker): { h: Harness; events: DesktopEvent[] } {
  const h = new Harness(tenant({ masking: { enabled: true } }), { masker });
  h.at(0).login('ann', 'bob');
  h.at(1).message(1, 'my card is 4111 1111 1111 1111');
  h.at(2).accept('ann', 'c1');
  h.at(3).message(1, 'and mail me at melissa@gmail.com');
  h.at(4).send('ann', 'c1', 'noted');
  h.at(5).ok({
    type: 'agent.conference',
    agentId: 'ann',
    conversationId: 'c1',
    target: { kind: 'agent', agentId: 'bob' },
  });
  h.at(6).accept('bob', 'c1');
  h.at(7).end('ann', 'c1');
  h.at(8).wrapUp('ann', 'c1');
  h.at(9).wrapUp('bob', 'c1');
  return { h, events: desktopEvents(h.effects) };
}

describe('agent-facing views (SPEC R12, R13 hooks)', () => {
  it('R12: every agent-facing field passes through the masking hook', () => {
    const seen = new Set<ViewField>();
    const { h } = fullFlow(taggingMasker(seen));
    h.router.desktop('ann', 10); // the reconnect snapshot is a view too
    expect([...seen].sort()).toEqual([...VIEW_FIELDS].sort());
  });

  it('R12: the masked value is what the agent sees in each field', () => {
    const { events } = fullFlow(taggingMasker(new Set()));
    const offer = events.find((e) => e.type === 'offer')!;
    if (offer.type !== 'offer') throw new Error('no offer');
    expect(offer.popover.customerName).toBe('⟦popover.customerName:Customer 1⟧');
    expect(offer.popover.customerNumber).toBe('⟦popover.customerNumber:+447966197501⟧');
    expect(offer.popover.sourceNumber).toBe('⟦popover.sourceNumber:+31 20 555 0100⟧');
    expect(offer.popover.queueName).toBe('Sales');
    expect(offer.notification.title).toBe('⟦notification.title:+447966197501⟧');
    expect(offer.notification.preview).toBe(
      '⟦notification.preview:my card is 4111 1111 1111 1111⟧',
    );
    expect(offer.task.title).toBe('⟦taskList.title:+447966197501⟧');
    expect(offer.task.preview).toBe('⟦taskList.preview:my card is 4111 1111 1111 1111⟧');
    const accepted = events.find((e) => e.type === 'conversation.accepted')!;
    if (accepted.type !== 'conversation.accepted') throw new Error('no accept');
    expect(accepted.pane.title).toBe('⟦interactionPane.title:+447966197501⟧');
    expect(accepted.pane.composerPlaceholder).toBe(
      'Reply to ⟦mediaPane.composerPlaceholder:+447966197501⟧',
    );
    expect(accepted.pane.cad.contactOrigin).toBe('⟦cad.contactOrigin:+447966197501⟧');
    expect(accepted.pane.messages[0]!.signature).toBe('⟦mediaPane.signature:Customer 1⟧');
    expect(accepted.pane.messages[0]!.text).toBe(
      '⟦mediaPane.messageText:my card is 4111 1111 1111 1111⟧',
    );
    const done = events.find((e) => e.type === 'wrapup.done')!;
    if (done.type !== 'wrapup.done') throw new Error('no wrap-up');
    expect(done.history.title).toBe('⟦history.tileTitle:+447966197501⟧');
  });

  it('R12: no raw customer number or message text reaches a desktop outside the masking hook', () => {
    const { events } = fullFlow(taggingMasker(new Set()));
    // Strip every masked span; what is left must not contain the customer's data.
    const rest = JSON.stringify(events).replace(/⟦[^⟧]*⟧/g, '');
    expect(rest).not.toContain('7966197501');
    expect(rest).not.toContain('4111');
    expect(rest).not.toContain('melissa');
  });

  it('agent replies are never masked, neither to the customer nor in the pane', () => {
    const { h } = fullFlow(taggingMasker(new Set()));
    const sent = h.effects.find((e) => e.type === 'customer.send');
    expect(sent && sent.type === 'customer.send' && sent.text).toBe('noted');
  });

  it('R13 hook: a name that is only a number yields "#" initials, never digits', () => {
    expect(customerInitials('+44 7966 197542')).toBe('#');
    expect(customerInitials('Melissa')).toBe('M');
    expect(customerInitials('  jan   de   vries ')).toBe('JV');
    expect(customerInitials('Émile Zola')).toBe('ÉZ');
  });
});
