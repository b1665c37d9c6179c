/**
 * A FIFO of queue entries with O(1) push at either end and O(1) removal by marking. Removed
 * entries are skipped lazily when they reach the head, which keeps abandonment (removal from the
 * middle) cheap on long queues.
 */
export interface DequeEntry {
  removed: boolean;
}

export class Deque<T extends DequeEntry> {
  private items: (T | undefined)[] = [];
  private head = 0;
  private live = 0;

  get size(): number {
    return this.live;
  }

  pushBack(item: T): void {
    this.items.push(item);
    this.live++;
  }

  pushFront(item: T): void {
    if (this.head > 0) {
      this.head--;
      this.items[this.head] = item;
    } else {
      this.items.unshift(item);
    }
    this.live++;
  }

  /** The oldest live entry, without removing it. */
  peek(): T | undefined {
    this.skipRemoved();
    return this.items[this.head];
  }

  /** Removes `item`, which must be in this deque and live. */
  remove(item: T): void {
    item.removed = true;
    this.live--;
    this.skipRemoved();
  }

  /** Live entries, oldest first. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = this.head; i < this.items.length; i++) {
      const item = this.items[i];
      if (item && !item.removed) yield item;
    }
  }

  private skipRemoved(): void {
    const items = this.items;
    while (this.head < items.length && items[this.head]!.removed) {
      items[this.head] = undefined;
      this.head++;
    }
    if (this.head === items.length) {
      items.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > items.length) {
      this.items = items.slice(this.head);
      this.head = 0;
    }
  }
}
