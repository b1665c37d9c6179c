import type { MessageView } from '../core/index.js';
import { COMPOSER_LIMIT, composerEdit } from './composer.js';
import { h, replace, timeOfDay } from './dom.js';
import { type PaneModel, wrapUpCauseText } from './model.js';
import { ReasonPicker } from './reasonPicker.js';

/** What a pane asks the page to do; each resolves with an error text, or null when it went through. */
export interface PaneActions {
  readonly send: (conversationId: string, text: string) => Promise<string | null>;
  readonly command: (
    type: 'end' | 'leaveConference' | 'endConference',
    conversationId: string,
  ) => Promise<string | null>;
  readonly openTargetDialog: (kind: 'transfer' | 'conference', conversationId: string) => void;
  readonly wrapUpReasons: (search: string) => Promise<{ id: string; label: string }[]>;
  readonly wrapUp: (conversationId: string, reasonId: string) => Promise<string | null>;
  readonly loadOlder: (conversationId: string) => Promise<void>;
}

const STATE_LABEL: Record<PaneModel['state'], string> = {
  active: 'Active',
  conference: 'Conference',
  interrupted: 'Interrupted',
};

/**
 * One interaction pane (SPEC R5): the conversation's messages as balloons (grey with initials for
 * the customer, blue for agents), the composer, the conversation's actions, and the wrap-up form
 * once it is owed. Built once per conversation and updated in place, so that typing and focus
 * survive the events that arrive meanwhile.
 */
export class PaneView {
  readonly el: HTMLElement;
  private readonly title = h('h3', { class: 'pane-title' });
  private readonly badge = h('span', { class: 'badge' });
  private readonly cad = h('span', { class: 'cad' });
  private readonly warning = h('p', { class: 'warning', role: 'alert', hidden: true });
  private readonly notice = h('p', { class: 'notice', role: 'status', hidden: true });
  private readonly older = h('button', { type: 'button', class: 'older link', hidden: true });
  private readonly log = h('ol', { class: 'log', 'aria-label': 'Messages' });
  private readonly textarea = h('textarea', { rows: 3, 'aria-label': 'Reply' });
  private readonly count = h('span', { class: 'count', 'aria-live': 'polite' });
  private readonly composerError = h('span', { class: 'composer-error', role: 'alert' });
  private readonly sendButton = h('button', { type: 'submit', class: 'primary' }, 'Send');
  private readonly composer = h('form', { class: 'composer', method: 'dialog' });
  private readonly transfer = h('button', { type: 'button' }, 'Transfer');
  private readonly conference = h('button', { type: 'button' }, 'Conference');
  private readonly leave = h('button', { type: 'button' }, 'Leave conference');
  private readonly endConference = h('button', { type: 'button' }, 'End conference');
  private readonly end = h('button', { type: 'button', class: 'danger' }, 'End');
  private readonly actions = h('div', { class: 'actions' });
  private readonly actionError = h('p', { class: 'action-error', role: 'alert' });
  private readonly wrapUpSection = h('section', { class: 'wrapup', hidden: true });
  private readonly wrapUpCause = h('p', { class: 'wrapup-cause' });
  private readonly reasons: ReasonPicker;
  private shown = new Map<number, HTMLElement>();
  private text = '';
  private wasWrapping = false;
  private model: PaneModel;

  constructor(
    model: PaneModel,
    private readonly act: PaneActions,
  ) {
    this.model = model;
    this.el = h('article', { class: 'pane', 'data-conversation': model.conversationId });
    this.reasons = new ReasonPicker(act.wrapUpReasons, (reasonId) =>
      act.wrapUp(this.model.conversationId, reasonId),
    );
    replace(
      this.composer,
      this.textarea,
      h('div', { class: 'composer-bar' }, this.count, this.composerError, this.sendButton),
    );
    replace(this.actions, this.transfer, this.conference, this.leave, this.endConference, this.end);
    replace(this.wrapUpSection, h('h4', {}, 'Wrap-up'), this.wrapUpCause, this.reasons.el);
    replace(
      this.el,
      h('header', { class: 'pane-head' }, this.title, this.badge, this.cad),
      this.warning,
      this.notice,
      this.older,
      this.log,
      this.composer,
      this.actions,
      this.actionError,
      this.wrapUpSection,
    );
    this.wire();
    this.update(model);
  }

  private wire(): void {
    const id = () => this.model.conversationId;
    this.textarea.addEventListener('input', () => {
      const edit = composerEdit(this.text, this.textarea.value);
      if (edit.refused) {
        // Put the text back as it was, caret where the refused input began.
        const caret = Math.max(
          0,
          this.textarea.selectionStart - (this.textarea.value.length - edit.text.length),
        );
        this.textarea.value = edit.text;
        this.textarea.setSelectionRange(caret, caret);
        this.composerError.textContent = `At most ${COMPOSER_LIMIT} characters: that input was refused.`;
      } else {
        this.composerError.textContent = '';
      }
      this.text = edit.text;
      this.showCount(edit.count);
    });
    this.textarea.addEventListener('keydown', (e) => {
      // Enter sends (R7); Shift+Enter is a new line; Enter while composing (IME) is the IME's.
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.composer.requestSubmit();
      }
    });
    this.composer.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
    this.transfer.addEventListener('click', () => this.act.openTargetDialog('transfer', id()));
    this.conference.addEventListener('click', () => this.act.openTargetDialog('conference', id()));
    this.leave.addEventListener('click', () =>
      this.run(() => this.act.command('leaveConference', id())),
    );
    this.endConference.addEventListener('click', () =>
      this.run(() => this.act.command('endConference', id())),
    );
    this.end.addEventListener('click', () => this.run(() => this.act.command('end', id())));
    this.older.addEventListener('click', () => void this.act.loadOlder(id()));
  }

  private async submit(): Promise<void> {
    const text = this.textarea.value;
    if (!this.model.canSend || this.model.wrapUp !== null) return;
    if (text.trim() === '') return;
    this.sendButton.disabled = true;
    const error = await this.act.send(this.model.conversationId, text);
    this.sendButton.disabled = !this.model.canSend;
    if (error !== null) {
      this.composerError.textContent = error;
      return;
    }
    if (this.textarea.value === text) {
      this.textarea.value = '';
      this.text = '';
      this.showCount(0);
    }
    this.composerError.textContent = '';
  }

  private async run(action: () => Promise<string | null>): Promise<void> {
    const error = await action();
    this.actionError.textContent = error ?? '';
  }

  private showCount(count: number): void {
    this.count.textContent = `${count} / ${COMPOSER_LIMIT}`;
    this.count.classList.toggle('full', count >= COMPOSER_LIMIT);
  }

  /** Shows the pane as the model now has it. */
  update(model: PaneModel): void {
    this.model = model;
    this.title.textContent = model.title;
    this.el.setAttribute('aria-label', `Conversation ${model.title}`);
    const wrapping = model.wrapUp !== null;
    this.badge.textContent = wrapping ? 'Wrap-up' : STATE_LABEL[model.state];
    this.badge.className = `badge state-${wrapping ? 'wrapup' : model.state}`;
    this.cad.textContent = model.contactOrigin ? `Contact origin: ${model.contactOrigin}` : '';
    this.warning.hidden = model.warning === null;
    this.warning.textContent = model.warning ?? '';
    const notice = model.conferenceRequest
      ? `Conference requested: ${model.conferenceRequest}`
      : model.notice;
    this.notice.hidden = !notice;
    this.notice.textContent = notice ?? '';
    this.older.hidden = model.olderMessages === 0;
    this.older.textContent = `Show ${model.olderMessages} earlier messages`;
    this.showMessages(model.messages);
    this.textarea.placeholder = model.composerPlaceholder;
    const canSend = model.canSend && !wrapping;
    this.textarea.disabled = !canSend;
    this.sendButton.disabled = !canSend;
    this.composer.hidden = wrapping;
    if (!this.count.textContent) this.showCount(0);
    const open = !wrapping;
    const owner = model.role !== 'consulted';
    const consulted = model.role !== 'owner';
    const inConference = model.state === 'conference';
    this.transfer.hidden = !open || !owner || model.state === 'interrupted';
    this.conference.hidden = !open || !owner || inConference || model.state === 'interrupted';
    this.leave.hidden = !open || !consulted || !inConference;
    this.endConference.hidden = !open || !owner || !(inConference || model.conferenceRequest);
    this.end.hidden = !open || !owner;
    this.actions.hidden = !open;
    this.wrapUpSection.hidden = !wrapping;
    if (wrapping) {
      this.wrapUpCause.textContent = wrapUpCauseText(model.wrapUp);
      this.reasons.show();
      // Keyboard users land in the wrap-up search when the pane they were in goes to wrap-up.
      const active = document.activeElement;
      if (!this.wasWrapping && (active === document.body || this.el.contains(active))) {
        this.reasons.focus();
      }
    }
    this.wasWrapping = wrapping;
  }

  focusComposer(): void {
    if (!this.textarea.disabled) this.textarea.focus();
    else this.reasons.focus();
  }

  private showMessages(messages: readonly MessageView[]): void {
    const wanted = new Set(messages.map((m) => m.seq));
    for (const [seq, el] of this.shown) {
      if (!wanted.has(seq)) {
        el.remove();
        this.shown.delete(seq);
      }
    }
    let previous: HTMLElement | null = null;
    const atBottom = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 40;
    for (const message of messages) {
      let el = this.shown.get(message.seq);
      if (!el) {
        el = balloon(message);
        this.shown.set(message.seq, el);
        if (previous) previous.after(el);
        else this.log.prepend(el);
      }
      previous = el;
    }
    if (atBottom) this.log.scrollTop = this.log.scrollHeight;
  }
}

/** A message as the seed draws it: grey with the customer's initials, blue for agents. */
function balloon(m: MessageView): HTMLElement {
  if (m.from === 'system') {
    return h('li', { class: 'msg system' }, h('span', { class: 'text' }, m.text));
  }
  const customer = m.from === 'customer';
  const cls = customer ? 'customer' : m.own ? 'agent own' : 'agent';
  return h(
    'li',
    { class: `msg ${cls}` },
    customer ? h('span', { class: 'initials', 'aria-hidden': 'true' }, m.initials ?? '#') : null,
    h(
      'div',
      { class: 'balloon' },
      h('p', { class: 'text' }, m.text),
      h('span', { class: 'meta' }, `${m.signature} · ${timeOfDay(m.at)}`),
    ),
  );
}
