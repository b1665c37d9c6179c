/**
 * A Map for entries that come and go one at a time, often down to none (the pending offers: in
 * most centers an offer is accepted before the next is made). V8 reallocates a Map's table
 * whenever a delete leaves it under a quarter full, so a Map that empties does that on every
 * delete (about 150 bytes); one that keeps an entry only compacts its deleted entries now and
 * then (about 50 bytes a set and delete, `node` 20's sampling heap profiler). So this keeps one
 * entry of its own, under a key no caller uses, first in order and never removed, and hides it:
 * size, has, get, delete and iteration are a Map's of the caller's entries.
 */
export class NeverEmptyMap<K, V> {
  private readonly map: Map<K, V | undefined>;

  /** `kept`: a key no caller ever uses (setting it throws). */
  constructor(private readonly kept: K) {
    this.map = new Map([[kept, undefined]]);
  }

  get size(): number {
    return this.map.size - 1;
  }

  has(key: K): boolean {
    return key !== this.kept && this.map.has(key);
  }

  /** The kept key's value is `undefined`, as for any key not set. */
  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): this {
    if (key === this.kept) throw new Error(`NeverEmptyMap: the key ${String(key)} is its own`);
    this.map.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    return key !== this.kept && this.map.delete(key);
  }

  /** The caller's values in insertion order: the kept entry is first, so it is skipped. */
  values(): IterableIterator<V> {
    const values = this.map.values();
    values.next();
    return values as IterableIterator<V>;
  }
}
