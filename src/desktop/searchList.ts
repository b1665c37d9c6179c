import { h, replace } from './dom.js';

export interface ListItem {
  readonly id: string;
  readonly label: string;
}

let nextListId = 1;

/**
 * A list the server filters (SPEC R14, R20): a search field, a refresh button that asks the
 * server again, and a listbox. Each change of the search asks the server (`queues`, `agents`,
 * `wrapUpReasons` with `search`); only the answer to the latest question is shown.
 */
export class SearchList {
  readonly el: HTMLElement;
  readonly search: HTMLInputElement;
  readonly list: HTMLSelectElement;
  readonly refresh: HTMLButtonElement;
  private readonly status = h('span', { class: 'list-status', 'aria-live': 'polite' });
  private asked = 0;
  private items: ListItem[] = [];

  constructor(
    private load: (search: string) => Promise<ListItem[]>,
    label: string,
  ) {
    const n = nextListId++;
    this.search = h('input', {
      type: 'search',
      id: `search-${n}`,
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: 'Search',
    });
    this.refresh = h(
      'button',
      { type: 'button', class: 'refresh', title: 'Ask the server again' },
      'Refresh',
    );
    this.list = h('select', { size: 6, id: `list-${n}`, 'aria-label': label });
    this.el = h(
      'div',
      { class: 'search-list' },
      h(
        'div',
        { class: 'search-row' },
        h('label', { for: `search-${n}` }, 'Search'),
        this.search,
        this.refresh,
      ),
      this.list,
      this.status,
    );
    this.search.addEventListener('input', () => void this.reload());
    this.refresh.addEventListener('click', () => void this.reload());
    this.search.addEventListener('keydown', (e) => {
      // Arrow down moves from the search into the list, as in a combo box.
      if (e.key === 'ArrowDown' && this.list.options.length > 0) {
        e.preventDefault();
        if (this.list.selectedIndex < 0) this.list.selectedIndex = 0;
        this.list.focus();
      }
    });
  }

  setLoader(load: (search: string) => Promise<ListItem[]>, label: string): void {
    this.load = load;
    this.list.setAttribute('aria-label', label);
  }

  /** Asks the server for the list matching the current search. */
  async reload(): Promise<void> {
    const asked = ++this.asked;
    const search = this.search.value;
    this.status.textContent = 'Loading…';
    let items: ListItem[];
    try {
      items = await this.load(search);
    } catch (err) {
      if (asked === this.asked) this.status.textContent = (err as Error).message;
      return;
    }
    if (asked !== this.asked) return;
    const keep = this.selected();
    this.items = items;
    replace(this.list, ...items.map((item) => h('option', { value: item.id }, item.label)));
    const index = items.findIndex((item) => item.id === keep?.id);
    this.list.selectedIndex = index >= 0 ? index : items.length === 1 ? 0 : -1;
    this.status.textContent = items.length === 0 ? 'Nothing matches.' : `${items.length} shown`;
  }

  /** The chosen item; with one item left by the search, that one. */
  selected(): ListItem | undefined {
    const i = this.list.selectedIndex;
    if (i >= 0) return this.items[i];
    return this.items.length === 1 ? this.items[0] : undefined;
  }

  clear(): void {
    this.search.value = '';
    this.items = [];
    replace(this.list);
    this.status.textContent = '';
  }
}
