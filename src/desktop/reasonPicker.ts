import { h } from './dom.js';
import { type ListItem, SearchList } from './searchList.js';

/**
 * The wrap-up form (SPEC R20): the tenant's reasons, filtered by a search, and Submit wrap-up.
 * Enter in the search submits the one reason it leaves, or the one chosen.
 */
export class ReasonPicker {
  readonly el: HTMLFormElement;
  private readonly list: SearchList;
  private readonly error = h('p', { class: 'form-error', role: 'alert' });
  private readonly submit = h('button', { type: 'submit', class: 'primary' }, 'Submit wrap-up');
  private loaded = false;

  constructor(
    load: (search: string) => Promise<ListItem[]>,
    private readonly wrapUp: (reasonId: string) => Promise<string | null>,
  ) {
    this.list = new SearchList(load, 'Wrap-up reasons');
    this.el = h(
      'form',
      { class: 'reason-picker', method: 'dialog' },
      this.list.el,
      this.error,
      this.submit,
    );
    this.el.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.send();
    });
    this.list.list.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        this.el.requestSubmit();
      }
    });
  }

  /** Loads the reasons the first time the form shows. */
  show(): void {
    if (this.loaded) return;
    this.loaded = true;
    void this.list.reload();
  }

  focus(): void {
    this.list.search.focus();
  }

  private async send(): Promise<void> {
    const reason = this.list.selected();
    if (!reason) {
      this.error.textContent = 'Choose a wrap-up reason.';
      return;
    }
    this.submit.disabled = true;
    const error = await this.wrapUp(reason.id);
    this.submit.disabled = false;
    this.error.textContent = error ?? '';
  }
}
