/**
 * Map and Set for the few entries an agent holds (its offers, conversations and wrap-ups: at
 * most its capacity, usually five). They fill and empty with every conversation, and V8's Map
 * reallocates its hash table whenever it empties (shrink) and fills again (grow); a linear scan
 * over a short array is several times cheaper for these sizes. Insertion order is kept, as a
 * Map's is, so iteration, snapshots and desktop lists come out the same.
 *
 * Iterators run over a copy of the entries: the caller may change the collection while it
 * iterates (a Map allows that too).
 */
export class SmallMap<K, V> implements Iterable<[K, V]> {
  private readonly keyList: K[] = [];
  private readonly valueList: V[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(key: K): boolean {
    return this.indexOf(key) !== -1;
  }

  get(key: K): V | undefined {
    const i = this.indexOf(key);
    return i === -1 ? undefined : this.valueList[i];
  }

  set(key: K, value: V): this {
    const i = this.indexOf(key);
    if (i !== -1) {
      this.valueList[i] = value;
      return this;
    }
    this.keyList[this.count] = key;
    this.valueList[this.count] = value;
    this.count++;
    return this;
  }

  delete(key: K): boolean {
    const i = this.indexOf(key);
    if (i === -1) return false;
    const keys = this.keyList;
    const values = this.valueList;
    const last = --this.count;
    // Shift the tail down to keep insertion order; clear the freed slot so it holds nothing.
    for (let j = i; j < last; j++) {
      keys[j] = keys[j + 1]!;
      values[j] = values[j + 1]!;
    }
    keys[last] = undefined as K;
    values[last] = undefined as V;
    return true;
  }

  keys(): IterableIterator<K> {
    return this.keyList.slice(0, this.count)[Symbol.iterator]();
  }

  values(): IterableIterator<V> {
    return this.valueList.slice(0, this.count)[Symbol.iterator]();
  }

  entries(): IterableIterator<[K, V]> {
    const entries: [K, V][] = [];
    for (let i = 0; i < this.count; i++) entries.push([this.keyList[i]!, this.valueList[i]!]);
    return entries[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  private indexOf(key: K): number {
    const keys = this.keyList;
    for (let i = 0; i < this.count; i++) if (keys[i] === key) return i;
    return -1;
  }
}

/** A set of the few entries an agent holds; see `SmallMap`. */
export class SmallSet<T> implements Iterable<T> {
  private readonly map = new SmallMap<T, true>();

  get size(): number {
    return this.map.size;
  }

  has(value: T): boolean {
    return this.map.has(value);
  }

  add(value: T): this {
    this.map.set(value, true);
    return this;
  }

  delete(value: T): boolean {
    return this.map.delete(value);
  }

  values(): IterableIterator<T> {
    return this.map.keys();
  }

  [Symbol.iterator](): IterableIterator<T> {
    return this.map.keys();
  }
}
