/**
 * A FIFO of queue entries with O(1) push at either end and O(1) removal by marking. Removed
 * entries are skipped lazily when they reach the head, which keeps abandonment (removal from the
 * middle) cheap on long queues.
 */
export interface DequeEntry {
  removed: boolean;
}

export class Deque<T extends DequeEntry> {
  /**
   * Entries live in `items[head, tail)`. The array keeps its length when the deque empties:
   * a queue that empties and fills with every conversation would otherwise give up its backing
   * store (setting `length` to 0, a runtime call) and grow a new one for the next push.
   */
  private items: (T | undefined)[] = [];
  private head = 0;
  private tail = 0;
  private live = 0;

  get size(): number {
    return this.live;
  }

  pushBack(item: T): void {
    if (this.tail < this.items.length) this.items[this.tail] = item;
    else this.items.push(item);
    this.tail++;
    this.live++;
  }

  pushFront(item: T): void {
    if (this.head > 0) {
      this.head--;
      this.items[this.head] = item;
    } else {
      // Shift the entries right by one into the free slot at `tail` (or a new one).
      const items = this.items;
      for (let i = this.tail; i > 0; i--) items[i] = items[i - 1];
      items[0] = item;
      this.tail++;
    }
    this.live++;
  }

  /** The oldest live entry, without removing it. */
  peek(): T | undefined {
    this.skipRemoved();
    return this.head < this.tail ? this.items[this.head] : undefined;
  }

  /** Removes `item`, which must be in this deque and live. */
  remove(item: T): void {
    item.removed = true;
    this.live--;
    this.skipRemoved();
  }

  /** Live entries, oldest first. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = this.head; i < this.tail; i++) {
      const item = this.items[i];
      if (item && !item.removed) yield item;
    }
  }

  private skipRemoved(): void {
    const items = this.items;
    while (this.head < this.tail && items[this.head]!.removed) {
      items[this.head] = undefined;
      this.head++;
    }
    if (this.head === this.tail) {
      this.head = 0;
      this.tail = 0;
    } else if (this.head > 1024 && this.head * 2 > this.tail) {
      this.items = items.slice(this.head, this.tail);
      this.tail -= this.head;
      this.head = 0;
    }
  }
}
