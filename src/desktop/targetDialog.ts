import { h } from './dom.js';
import { type ListItem, SearchList } from './searchList.js';

export type TargetKind = 'queue' | 'agent';
export type Target = { kind: 'queue'; queueId: string } | { kind: 'agent'; agentId: string };

export interface TargetDialogActions {
  readonly list: (kind: TargetKind, search: string) => Promise<ListItem[]>;
  /** Sends the transfer or conference; resolves with the refusal's text, or null. */
  readonly submit: (
    action: 'transfer' | 'conference',
    conversationId: string,
    target: Target,
    label: string,
  ) => Promise<string | null>;
}

/**
 * The Transfer and Conference dialogs (SPEC R14, R17): queue or agent, the available ones listed
 * by the server, filtered by a search, refreshed on demand. A modal <dialog>: focus stays inside,
 * Escape cancels, Enter in the search submits the one target it leaves. A refused request keeps
 * the dialog open with the server's reason.
 */
export class TargetDialog {
  readonly el: HTMLDialogElement;
  private readonly heading = h('h2', { id: 'target-title' });
  private readonly queue = h('input', {
    type: 'radio',
    name: 'target-kind',
    value: 'queue',
    checked: true,
  });
  private readonly agent = h('input', { type: 'radio', name: 'target-kind', value: 'agent' });
  private readonly list: SearchList;
  private readonly error = h('p', { class: 'form-error', role: 'alert' });
  private readonly ok = h('button', { type: 'submit', class: 'primary' });
  private readonly cancel = h('button', { type: 'button' }, 'Cancel');
  private action: 'transfer' | 'conference' = 'transfer';
  private conversationId = '';

  constructor(private readonly act: TargetDialogActions) {
    this.list = new SearchList((search) => act.list(this.kind(), search), 'Available queues');
    const form = h(
      'form',
      { method: 'dialog', class: 'dialog-form' },
      this.heading,
      h(
        'fieldset',
        { class: 'kind' },
        h('legend', {}, 'Target'),
        h('label', {}, this.queue, ' Queue'),
        h('label', {}, this.agent, ' Agent'),
      ),
      this.list.el,
      this.error,
      h('div', { class: 'dialog-buttons' }, this.cancel, this.ok),
    );
    this.el = h('dialog', { id: 'target-dialog', 'aria-labelledby': 'target-title' }, form);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.send();
    });
    this.list.list.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    for (const radio of [this.queue, this.agent]) {
      radio.addEventListener('change', () => {
        this.list.setLoader(
          (search) => act.list(this.kind(), search),
          this.kind() === 'queue' ? 'Available queues' : 'Available agents',
        );
        this.error.textContent = '';
        void this.list.reload();
      });
    }
    this.cancel.addEventListener('click', () => this.el.close());
  }

  private kind(): TargetKind {
    return this.agent.checked ? 'agent' : 'queue';
  }

  open(action: 'transfer' | 'conference', conversationId: string): void {
    this.action = action;
    this.conversationId = conversationId;
    const title = action === 'transfer' ? 'Transfer' : 'Conference';
    this.heading.textContent = `${title} request`;
    this.ok.textContent = title;
    this.error.textContent = '';
    this.list.clear();
    this.el.showModal();
    this.list.search.focus();
    void this.list.reload();
  }

  private async send(): Promise<void> {
    const item = this.list.selected();
    if (!item) {
      this.error.textContent = `Choose ${this.kind() === 'queue' ? 'a queue' : 'an agent'}.`;
      return;
    }
    const target: Target =
      this.kind() === 'queue'
        ? { kind: 'queue', queueId: item.id }
        : { kind: 'agent', agentId: item.id };
    this.ok.disabled = true;
    const error = await this.act.submit(this.action, this.conversationId, target, item.label);
    this.ok.disabled = false;
    if (error === null) this.el.close();
    else this.error.textContent = error;
  }
}
