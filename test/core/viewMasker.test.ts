import { describe, expect, it } from 'vitest';
import { createViewMasker, type DesktopEvent } from '../../src/core/index.js';
import { desktopEvents, Harness, tenant } from './harness.js';

const number = '+447966197542';

function flow(
  masking: { enabled: boolean; kinds?: ('email' | 'iban' | 'card' | 'ssn' | 'phone')[] },
  name = 'Melissa Jones',
): DesktopEvent[] {
  const h = new Harness(tenant({ masking }));
  h.at(0).login('ann');
  h.ok({
    type: 'customer.message',
    assetId: 'pn-sales',
    customer: { id: '447966197542', name, phone: number },
    messageId: 'w1',
    text: 'card 4111 1111 1111 1111, mail melissa@gmail.com',
  });
  h.at(1).accept('ann', 'c1');
  h.at(2).send('ann', 'c1', 'Thanks, I will check 4111 1111 1111 1111');
  h.at(3).end('ann', 'c1');
  h.at(4).wrapUp('ann', 'c1');
  return desktopEvents(h.effects, 'ann');
}

function find<T extends DesktopEvent['type']>(
  events: DesktopEvent[],
  type: T,
): Extract<DesktopEvent, { type: T }> {
  return events.find((e) => e.type === type) as Extract<DesktopEvent, { type: T }>;
}

describe('masking of agent-facing views (SPEC R9-R13)', () => {
  it('R12 + R11: every number field shows only the last four digits, as the seed table does', () => {
    const events = flow({ enabled: true });
    const offer = find(events, 'offer');
    expect(offer.popover.customerNumber).toBe('*********7542');
    expect(offer.popover.sourceNumber).toBe('********0100'); // "+31 20 555 0100": spaces dropped
    expect(offer.notification.title).toBe('*********7542');
    expect(offer.task.title).toBe('*********7542');
    const pane = find(events, 'conversation.accepted').pane;
    expect(pane.title).toBe('*********7542');
    expect(pane.cad.contactOrigin).toBe('*********7542');
    expect(pane.composerPlaceholder).toBe('Reply to *********7542');
    expect(find(events, 'wrapup.done').history.title).toBe('*********7542');
  });

  it('R9 + R10: message previews and texts mask cards and e-mail addresses', () => {
    const events = flow({ enabled: true });
    const masked = 'card ************1111, mail m******@gmail.com';
    const offer = find(events, 'offer');
    expect(offer.task.preview).toBe(masked);
    expect(offer.notification.preview).toBe(masked);
    expect(find(events, 'conversation.accepted').pane.messages[0]!.text).toBe(masked);
  });

  it('R13: a customer name that is a mobile number is masked as a number; an ordinary name is not', () => {
    const asNumber = flow({ enabled: true }, '+44 7966 197542');
    expect(find(asNumber, 'offer').popover.customerName).toBe('*********7542');
    expect(find(asNumber, 'conversation.accepted').pane.messages[0]!.signature).toBe(
      '*********7542',
    );
    expect(find(asNumber, 'conversation.accepted').pane.messages[0]!.initials).toBe('#');
    const named = flow({ enabled: true });
    expect(find(named, 'offer').popover.customerName).toBe('Melissa Jones');
  });

  it('agent replies are not masked: the customer gets them as typed', () => {
    const h = new Harness(tenant({ masking: { enabled: true } }));
    h.login('ann');
    h.message(1);
    h.accept('ann', 'c1');
    const sent = h.send('ann', 'c1', 'your card 4111 1111 1111 1111');
    expect(sent.find((e) => e.type === 'customer.send')).toMatchObject({
      text: 'your card 4111 1111 1111 1111',
    });
  });

  it('R9: with the tenant setting off, agents see everything as it is', () => {
    const events = flow({ enabled: false });
    const offer = find(events, 'offer');
    expect(offer.popover.customerNumber).toBe(number);
    expect(offer.task.preview).toBe('card 4111 1111 1111 1111, mail melissa@gmail.com');
  });

  it('only the enabled kinds are masked; number fields follow the phone kind', () => {
    const events = flow({ enabled: true, kinds: ['card'] });
    const offer = find(events, 'offer');
    expect(offer.task.preview).toBe('card ************1111, mail melissa@gmail.com');
    expect(offer.popover.customerNumber).toBe(number);
    const masker = createViewMasker({ enabled: true, kinds: ['email'] });
    expect(masker('a@b.co', 'taskList.preview')).toBe('a@b.co');
    expect(masker('ab@b.co', 'taskList.preview')).toBe('a*@b.co');
  });
});
