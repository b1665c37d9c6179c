import { clock, h, replace } from './dom.js';
import { type OfferModel, offerTimes } from './model.js';

const KIND: Record<string, string> = {
  route: 'New conversation',
  transfer: 'Transfer',
  conference: 'Conference invitation',
};

/**
 * The contact-request popovers (SPEC R1, R2): customer name, customer number, source number,
 * queue name, the time since the offer came, the time left before RONA, and Accept.
 */
export class OffersView {
  private readonly cards = new Map<
    string,
    {
      el: HTMLElement;
      timer: HTMLElement;
      left: HTMLElement;
      error: HTMLElement;
      offer: OfferModel;
    }
  >();

  constructor(
    readonly el: HTMLElement,
    private readonly accept: (conversationId: string) => Promise<string | null>,
  ) {}

  update(offers: ReadonlyMap<string, OfferModel>, serverNow: number): void {
    for (const [id, card] of this.cards) {
      if (!offers.has(id)) {
        card.el.remove();
        this.cards.delete(id);
      }
    }
    for (const offer of offers.values()) {
      if (!this.cards.has(offer.conversationId)) this.add(offer);
    }
    this.el.hidden = offers.size === 0;
    this.tick(serverNow);
  }

  /** Moves the timers on (the page calls it a few times a second). */
  tick(serverNow: number): void {
    for (const card of this.cards.values()) {
      const { elapsed, remaining } = offerTimes(card.offer, serverNow);
      card.timer.textContent = clock(elapsed);
      card.left.textContent = `${remaining} s to accept`;
      card.left.classList.toggle('urgent', remaining <= 5);
    }
  }

  private add(offer: OfferModel): void {
    const p = offer.popover;
    const timer = h('span', {
      class: 'timer',
      role: 'timer',
      'aria-label': 'Time since the offer',
    });
    const left = h('span', { class: 'left' });
    const error = h('p', { class: 'form-error', role: 'alert' });
    const button = h('button', { type: 'button', class: 'primary accept' }, 'Accept');
    const from =
      p.fromAgentName === null ? null : h('p', { class: 'from' }, `from ${p.fromAgentName}`);
    const el = h(
      'section',
      {
        class: 'popover',
        'data-conversation': offer.conversationId,
        'aria-label': 'Contact request',
      },
      h('header', {}, h('span', { class: 'kind' }, KIND[p.offerKind] ?? p.offerKind), timer),
      h(
        'dl',
        {},
        h('dt', {}, 'Customer name'),
        h('dd', { class: 'customer-name' }, p.customerName),
        h('dt', {}, 'Customer number'),
        h('dd', { class: 'customer-number' }, p.customerNumber),
        h('dt', {}, 'Source number'),
        h('dd', { class: 'source-number' }, p.sourceNumber),
        h('dt', {}, 'Queue'),
        h('dd', { class: 'queue-name' }, p.queueName),
      ),
      from,
      h('footer', {}, left, button),
      error,
    );
    button.addEventListener('click', async () => {
      button.disabled = true;
      const refused = await this.accept(offer.conversationId);
      button.disabled = false;
      error.textContent = refused ?? '';
    });
    this.cards.set(offer.conversationId, { el, timer, left, error, offer });
    this.el.append(el);
    if (!this.el.contains(document.activeElement) && document.activeElement === document.body) {
      button.focus();
    }
  }

  clear(): void {
    this.cards.clear();
    replace(this.el);
  }
}
