/**
 * Map and Set for the few entries an agent holds (its offers, conversations and wrap-ups: at
 * most its capacity, usually five). They fill and empty with every conversation, and V8's Map
 * reallocates its hash table whenever it empties (shrink) and fills again (grow); a linear scan
 * over a short array is several times cheaper for these sizes. Insertion order is kept, as a
 * Map's is, so iteration, snapshots and desktop lists come out the same.
 *
 * A map keeps its keys and values interleaved in one array (key, value, key, value…), and a set
 * its values in one array: in a large center an agent's collections are cold when its next
 * conversation comes, and each separate array is another object, so more cache lines, to fetch.
 *
 * Iterators run over a copy of the entries: the caller may change the collection while it
 * iterates (a Map allows that too).
 */
export class SmallMap<K, V> implements Iterable<[K, V]> {
  /** Entry i's key at 2i, its value at 2i + 1. */
  private readonly slots: unknown[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(key: K): boolean {
    return this.indexOf(key) !== -1;
  }

  get(key: K): V | undefined {
    const at = this.indexOf(key);
    return at === -1 ? undefined : (this.slots[at + 1] as V);
  }

  set(key: K, value: V): this {
    const at = this.indexOf(key);
    if (at !== -1) {
      this.slots[at + 1] = value;
      return this;
    }
    const end = 2 * this.count;
    this.slots[end] = key;
    this.slots[end + 1] = value;
    this.count++;
    return this;
  }

  delete(key: K): boolean {
    const at = this.indexOf(key);
    if (at === -1) return false;
    const slots = this.slots;
    const end = 2 * --this.count;
    // Shift the tail down to keep insertion order; clear the freed entry so it holds nothing.
    for (let j = at; j < end; j++) slots[j] = slots[j + 2];
    slots[end] = undefined;
    slots[end + 1] = undefined;
    return true;
  }

  keys(): IterableIterator<K> {
    const keys: K[] = [];
    for (let i = 0; i < 2 * this.count; i += 2) keys.push(this.slots[i] as K);
    return keys[Symbol.iterator]();
  }

  values(): IterableIterator<V> {
    const values: V[] = [];
    for (let i = 1; i < 2 * this.count; i += 2) values.push(this.slots[i] as V);
    return values[Symbol.iterator]();
  }

  entries(): IterableIterator<[K, V]> {
    const entries: [K, V][] = [];
    for (let i = 0; i < 2 * this.count; i += 2) {
      entries.push([this.slots[i] as K, this.slots[i + 1] as V]);
    }
    return entries[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  /** The slot of the key, or -1. */
  private indexOf(key: K): number {
    const slots = this.slots;
    const end = 2 * this.count;
    for (let i = 0; i < end; i += 2) if (slots[i] === key) return i;
    return -1;
  }
}

/** A set of the few entries an agent holds; see `SmallMap`. */
export class SmallSet<T> implements Iterable<T> {
  private readonly items: T[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(value: T): boolean {
    return this.indexOf(value) !== -1;
  }

  add(value: T): this {
    if (this.indexOf(value) === -1) this.items[this.count++] = value;
    return this;
  }

  delete(value: T): boolean {
    const i = this.indexOf(value);
    if (i === -1) return false;
    const items = this.items;
    const last = --this.count;
    for (let j = i; j < last; j++) items[j] = items[j + 1]!;
    items[last] = undefined as T;
    return true;
  }

  values(): IterableIterator<T> {
    return this.items.slice(0, this.count)[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<T> {
    return this.values();
  }

  private indexOf(value: T): number {
    const items = this.items;
    for (let i = 0; i < this.count; i++) if (items[i] === value) return i;
    return -1;
  }
}
