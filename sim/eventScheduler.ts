/**
 * The simulator's discrete-event engine, which knows nothing of contact centers: a virtual clock
 * and a binary heap of pending events ordered by (time, priority, sequence). The sequence only
 * grows, so events due at the same instant and of the same priority run in the order they were
 * scheduled (SimPy's rule): determinism for free. An urgent event runs before every normal one
 * due at the same instant (SimPy's URGENT): a reaction "right after this event" is one, and the
 * engine, not the model, keeps that order.
 *
 * An event is three plain values, not a closure: a small integer `kind` that the model switches
 * on, a number `arg`, and an optional `payload` reference. They live in typed arrays indexed by a
 * slot. The heap keeps (time, order key, slot) side by side in its own arrays, so sifting
 * compares contiguous numbers instead of chasing slots; the order key is the sequence, less
 * URGENT_OFFSET for urgent events, so that priority costs no extra comparison (and normal keys
 * stay small integers, which V8 passes around unboxed). An urgent event
 * due now (the common case: a reaction to the event being run) skips the heap: it waits in a
 * first-in-first-out ring of its own, which keeps the heap's order exactly (it goes before every
 * normal event due now, after any urgent one in the heap that was scheduled before it) at O(1).
 * Cancelling marks the slot dead and the pop skips it (lazy cancellation), so cancel is O(1) and
 * the heap never searches.
 */

/** Slots per generation in a handle: a handle is `generation * SLOT_SPAN + slot`. */
const SLOT_SPAN = 2 ** 24;

/** Runs before every normal event due at the same instant. */
export const PRIORITY_URGENT = 0;
export const PRIORITY_NORMAL = 1;
export type EventPriority = typeof PRIORITY_URGENT | typeof PRIORITY_NORMAL;

/**
 * Taken from an urgent event's sequence in its order key, so that it sorts before every normal
 * one. Sequences stay far below it, and keys stay exact doubles (above -2^53).
 */
const URGENT_OFFSET = 2 ** 52;

export class EventScheduler {
  /** The virtual clock, in the model's unit (milliseconds in ccsim). */
  now = 0;
  /** The event `next()` returned last: its kind, argument and payload. */
  kind = 0;
  arg = 0;
  payload: unknown = undefined;
  /** Events popped and handed to the model (cancelled ones not counted). */
  executed = 0;

  private capacity: number;
  /** Heap order: time, order key (priority and sequence) and slot of each entry. */
  private times: Float64Array;
  private seqs: Float64Array;
  private heap: Int32Array;
  /** Slot order: the event itself. */
  private kinds: Int32Array;
  private args: Float64Array;
  private gens: Float64Array;
  private live: Uint8Array;
  private payloads: unknown[];
  private heapSize = 0;
  /** Urgent events due now, in scheduling order: their slots (a ring). */
  private ring: Int32Array;
  private ringHead = 0;
  private ringSize = 0;
  private free: Int32Array;
  private freeSize = 0;
  private used = 0;
  private seq = 0;
  private pending = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = Math.max(16, initialCapacity);
    this.times = new Float64Array(this.capacity);
    this.seqs = new Float64Array(this.capacity);
    this.kinds = new Int32Array(this.capacity);
    this.args = new Float64Array(this.capacity);
    this.gens = new Float64Array(this.capacity);
    this.live = new Uint8Array(this.capacity);
    this.payloads = new Array(this.capacity).fill(undefined);
    this.heap = new Int32Array(this.capacity);
    this.ring = new Int32Array(this.capacity);
    this.free = new Int32Array(this.capacity);
  }

  /** Live (scheduled, not cancelled, not yet run) events. */
  get size(): number {
    return this.pending;
  }

  /**
   * Schedules an event at absolute time `at` (never before `now`) and returns a handle for
   * `cancel`. `arg` is any number the model wants back (an index, a count).
   */
  schedule(
    at: number,
    kind: number,
    arg = 0,
    payload?: unknown,
    priority: EventPriority = PRIORITY_NORMAL,
  ): number {
    if (!(at >= this.now)) {
      throw new RangeError(`cannot schedule at ${at}: the clock is at ${this.now}`);
    }
    let slot: number;
    if (this.freeSize > 0) slot = this.free[--this.freeSize]!;
    else {
      if (this.used === this.capacity) this.grow();
      slot = this.used++;
    }
    this.kinds[slot] = kind;
    this.args[slot] = arg;
    this.payloads[slot] = payload;
    this.live[slot] = 1;
    this.pending++;
    const seq = this.seq++;
    if (priority === PRIORITY_URGENT) {
      if (at === this.now) {
        this.ring[(this.ringHead + this.ringSize++) % this.capacity] = slot;
      } else {
        this.siftUp(this.heapSize++, at, seq - URGENT_OFFSET, slot);
      }
    } else {
      this.siftUp(this.heapSize++, at, seq, slot);
    }
    return this.gens[slot]! * SLOT_SPAN + slot;
  }

  /** Cancels a pending event; false when it already ran or was cancelled. */
  cancel(handle: number): boolean {
    const slot = handle % SLOT_SPAN;
    if (slot >= this.used || this.live[slot] === 0) return false;
    if (this.gens[slot]! !== (handle - slot) / SLOT_SPAN) return false;
    this.live[slot] = 0;
    this.payloads[slot] = undefined;
    this.pending--;
    return true;
  }

  /** The time of the next live event, or Infinity when there is none. */
  peekTime(): number {
    this.dropDead();
    if (this.ringSize > 0) return this.now;
    return this.heapSize > 0 ? this.times[0]! : Number.POSITIVE_INFINITY;
  }

  /**
   * Takes the next live event due at or before `until`, advances the clock to it and exposes it
   * in `kind`, `arg` and `payload`. Returns false (clock unchanged) when none is due.
   */
  next(until: number): boolean {
    const live = this.live;
    if (
      (this.ringSize > 0 && live[this.ring[this.ringHead]!] === 0) ||
      (this.heapSize > 0 && live[this.heap[0]!] === 0)
    ) {
      this.dropDead();
    }
    let slot: number;
    if (this.ringSize > 0) {
      if (this.now > until) return false;
      const head = this.ringHead;
      // An urgent event in the heap due now was scheduled before the clock got here, so before
      // every event in the ring: it goes first.
      if (this.heapSize > 0 && this.times[0] === this.now && this.seqs[0]! < 0) {
        slot = this.heap[0]!;
        this.popRoot();
      } else {
        slot = this.ring[head]!;
        this.ringHead = (head + 1) % this.capacity;
        this.ringSize--;
      }
    } else if (this.heapSize > 0) {
      const at = this.times[0]!;
      if (at > until) return false;
      slot = this.heap[0]!;
      this.popRoot();
      this.now = at;
    } else {
      return false;
    }
    this.kind = this.kinds[slot]!;
    this.arg = this.args[slot]!;
    this.payload = this.payloads[slot];
    live[slot] = 0;
    this.pending--;
    this.release(slot);
    this.executed++;
    return true;
  }

  /** Moves the clock forward to `time` (after the events due by then have run). */
  advanceTo(time: number): void {
    this.dropDead();
    if (this.ringSize > 0) throw new RangeError('cannot move the clock: urgent events are due now');
    if (time > this.now) this.now = time;
  }

  /** Releases cancelled events at the front of the ring and at the root of the heap. */
  private dropDead(): void {
    const live = this.live;
    while (this.ringSize > 0) {
      const slot = this.ring[this.ringHead]!;
      if (live[slot] === 1) break;
      this.ringHead = (this.ringHead + 1) % this.capacity;
      this.ringSize--;
      this.release(slot);
    }
    while (this.heapSize > 0) {
      const slot = this.heap[0]!;
      if (live[slot] === 1) break;
      this.popRoot();
      this.release(slot);
    }
  }

  private release(slot: number): void {
    this.payloads[slot] = undefined;
    this.gens[slot] = this.gens[slot]! + 1;
    this.free[this.freeSize++] = slot;
  }

  private popRoot(): void {
    const last = --this.heapSize;
    if (last > 0) this.siftDown(this.times[last]!, this.seqs[last]!, this.heap[last]!);
  }

  private siftUp(pos: number, time: number, seq: number, slot: number): void {
    const times = this.times;
    const seqs = this.seqs;
    const heap = this.heap;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && seqs[parent]! < seq)) break;
      times[pos] = pt;
      seqs[pos] = seqs[parent]!;
      heap[pos] = heap[parent]!;
      pos = parent;
    }
    times[pos] = time;
    seqs[pos] = seq;
    heap[pos] = slot;
  }

  /** Puts (time, seq, slot) at the root and sifts it down. */
  private siftDown(time: number, seq: number, slot: number): void {
    const times = this.times;
    const seqs = this.seqs;
    const heap = this.heap;
    const size = this.heapSize;
    let pos = 0;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= size) break;
      let ct = times[child]!;
      const right = child + 1;
      if (right < size) {
        const rt = times[right]!;
        if (rt < ct || (rt === ct && seqs[right]! < seqs[child]!)) {
          child = right;
          ct = rt;
        }
      }
      if (time < ct || (time === ct && seq < seqs[child]!)) break;
      times[pos] = ct;
      seqs[pos] = seqs[child]!;
      heap[pos] = heap[child]!;
      pos = child;
    }
    times[pos] = time;
    seqs[pos] = seq;
    heap[pos] = slot;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    if (capacity > SLOT_SPAN) throw new RangeError('more than 2^24 pending events');
    const grow64 = (old: Float64Array) => {
      const next = new Float64Array(capacity);
      next.set(old);
      return next;
    };
    const grow32 = (old: Int32Array) => {
      const next = new Int32Array(capacity);
      next.set(old);
      return next;
    };
    // The ring is unrolled from its head into the larger array.
    const ring = new Int32Array(capacity);
    for (let i = 0; i < this.ringSize; i++)
      ring[i] = this.ring[(this.ringHead + i) % this.capacity]!;
    this.ring = ring;
    this.ringHead = 0;
    this.times = grow64(this.times);
    this.seqs = grow64(this.seqs);
    this.args = grow64(this.args);
    this.gens = grow64(this.gens);
    this.kinds = grow32(this.kinds);
    this.heap = grow32(this.heap);
    this.free = grow32(this.free);
    const live = new Uint8Array(capacity);
    live.set(this.live);
    this.live = live;
    for (let i = this.capacity; i < capacity; i++) this.payloads.push(undefined);
    this.capacity = capacity;
  }
}
