/**
 * Map and Set for the few entries an agent holds (its offers, conversations and wrap-ups: at
 * most its capacity, usually five). They fill and empty with every conversation, and V8's Map
 * reallocates its hash table whenever it empties (shrink) and fills again (grow); a linear scan
 * over a short array is several times cheaper for these sizes. Insertion order is kept, as a
 * Map's is, so iteration, snapshots and desktop lists come out the same.
 *
 * The first entry lives in the collection object itself, and only the entries after it in an
 * array (a map's keys and values interleaved in one: key, value, key, value…). In a large center
 * an agent's collections are cold when its next conversation comes, and an array is two more
 * objects (the array and its elements) to fetch after the collection: an agent of capacity one,
 * the common case, never reaches them.
 *
 * Iterators run over a copy of the entries: the caller may change the collection while it
 * iterates (a Map allows that too).
 */
export class SmallMap<K, V> implements Iterable<[K, V]> {
  /** Entry 0, while there is one. */
  private key0: K | undefined = undefined;
  private value0: V | undefined = undefined;
  /** Entry i ≥ 1: its key at 2(i − 1), its value at 2(i − 1) + 1. Made at the second entry. */
  private more: unknown[] | null = null;
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(key: K): boolean {
    return this.find(key) !== NONE;
  }

  get(key: K): V | undefined {
    const at = this.find(key);
    if (at === NONE) return undefined;
    return at === FIRST ? this.value0 : (this.more![at + 1] as V);
  }

  set(key: K, value: V): this {
    const at = this.find(key);
    if (at === FIRST) this.value0 = value;
    else if (at !== NONE) this.more![at + 1] = value;
    else if (this.count === 0) {
      this.key0 = key;
      this.value0 = value;
      this.count = 1;
    } else {
      if (this.more === null) this.more = [];
      const more = this.more;
      const end = 2 * (this.count - 1);
      more[end] = key;
      more[end + 1] = value;
      this.count++;
    }
    return this;
  }

  delete(key: K): boolean {
    const at = this.find(key);
    if (at === NONE) return false;
    const end = 2 * (--this.count - 1);
    // Shift the later entries down to keep insertion order; clear what is freed so that it
    // holds nothing.
    if (at === FIRST) {
      if (this.count === 0) {
        this.key0 = undefined;
        this.value0 = undefined;
        return true;
      }
      const more = this.more!;
      this.key0 = more[0] as K;
      this.value0 = more[1] as V;
      shiftDown(more, 0, end);
    } else {
      shiftDown(this.more!, at, end);
    }
    return true;
  }

  keys(): IterableIterator<K> {
    const keys: K[] = [];
    if (this.count > 0) keys.push(this.key0 as K);
    for (let i = 0; i < 2 * (this.count - 1); i += 2) keys.push(this.more![i] as K);
    return keys[Symbol.iterator]();
  }

  values(): IterableIterator<V> {
    const values: V[] = [];
    if (this.count > 0) values.push(this.value0 as V);
    for (let i = 1; i < 2 * (this.count - 1); i += 2) values.push(this.more![i] as V);
    return values[Symbol.iterator]();
  }

  entries(): IterableIterator<[K, V]> {
    const entries: [K, V][] = [];
    if (this.count > 0) entries.push([this.key0 as K, this.value0 as V]);
    for (let i = 0; i < 2 * (this.count - 1); i += 2) {
      entries.push([this.more![i] as K, this.more![i + 1] as V]);
    }
    return entries[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  /** FIRST for entry 0, the key's position in `more` for a later one, or NONE. */
  private find(key: K): number {
    const count = this.count;
    if (count === 0) return NONE;
    if (this.key0 === key) return FIRST;
    const more = this.more;
    if (more === null) return NONE;
    const end = 2 * (count - 1);
    for (let i = 0; i < end; i += 2) if (more[i] === key) return i;
    return NONE;
  }
}

/** A set of the few entries an agent holds; see `SmallMap`. */
export class SmallSet<T> implements Iterable<T> {
  /** Entry 0, while there is one. */
  private value0: T | undefined = undefined;
  /** Entry i ≥ 1 at i − 1. Made at the second entry. */
  private more: T[] | null = null;
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(value: T): boolean {
    return this.find(value) !== NONE;
  }

  add(value: T): this {
    if (this.find(value) !== NONE) return this;
    if (this.count === 0) this.value0 = value;
    else {
      if (this.more === null) this.more = [];
      this.more[this.count - 1] = value;
    }
    this.count++;
    return this;
  }

  delete(value: T): boolean {
    const at = this.find(value);
    if (at === NONE) return false;
    const last = --this.count - 1;
    if (at === FIRST) {
      if (this.count === 0) {
        this.value0 = undefined;
        return true;
      }
      this.value0 = this.more![0];
      shiftDown(this.more!, 0, last, 1);
    } else {
      shiftDown(this.more!, at, last, 1);
    }
    return true;
  }

  values(): IterableIterator<T> {
    const values: T[] = [];
    if (this.count > 0) values.push(this.value0 as T);
    for (let i = 0; i < this.count - 1; i++) values.push(this.more![i]!);
    return values[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<T> {
    return this.values();
  }

  /** FIRST for entry 0, the value's position in `more` for a later one, or NONE. */
  private find(value: T): number {
    const count = this.count;
    if (count === 0) return NONE;
    if (this.value0 === value) return FIRST;
    const more = this.more;
    if (more === null) return NONE;
    for (let i = 0; i < count - 1; i++) if (more[i] === value) return i;
    return NONE;
  }
}

/** What `find` returns for no entry, and for the entry kept in the collection itself. */
const NONE = -2;
const FIRST = -1;

/**
 * Moves `array[from + step …]` down by `step` (one entry) up to `end`, the position of the last
 * entry before the delete, and clears the entry freed at `end`.
 */
function shiftDown(array: unknown[], from: number, end: number, step = 2): void {
  for (let j = from; j < end; j++) array[j] = array[j + step];
  for (let j = end; j < end + step; j++) array[j] = undefined;
}
