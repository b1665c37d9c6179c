import type { ConversationRecord } from '../core/index.js';

/**
 * The re-contact counts of every KPI set, from conversations given one at a time, by the rule of
 * `recontactLinks` (same customer, same asset, previous conversation ended at most the window
 * before this one arrived). Whether a conversation was followed by a re-contact is known only
 * once its customer's next conversation is in, and records come in any order, so each one is
 * kept in columns: 29 bytes and no objects, against a kilobyte for the record.
 *
 * A set is (period, scope): period 0 is the measured horizon and 1 + i interval i, as `Periods`;
 * scope 0 is all conversations and 1 + q the conversations that entered queue q first.
 */
export class RecontactTally {
  private readonly keyIds = new Map<string, number>();
  private size = 0;
  private keys = new Int32Array(1024);
  private arrived = new Float64Array(1024);
  private ended = new Float64Array(1024);
  /** −2: not measured; −1: measured, in no interval; else the interval. */
  private interval = new Int32Array(1024);
  /** −1: in no reported queue. */
  private queue = new Int32Array(1024);
  private handled = new Uint8Array(1024);

  constructor(
    private readonly windowMs: number,
    private readonly periodCount: number,
    private readonly scopeCount: number,
  ) {}

  /** `interval`: −2 when not measured, −1 in no interval; `queue`: −1 in no reported queue. */
  add(r: ConversationRecord, interval: number, queue: number): void {
    if (this.size === this.keys.length) this.grow();
    // Asset and customer ids cannot contain a newline: a joined key is unambiguous.
    const key = `${r.assetId}\n${r.customerId}`;
    let id = this.keyIds.get(key);
    if (id === undefined) {
      id = this.keyIds.size;
      this.keyIds.set(key, id);
    }
    const i = this.size++;
    this.keys[i] = id;
    this.arrived[i] = r.arrivedAt;
    this.ended[i] = r.endedAt;
    this.interval[i] = interval;
    this.queue[i] = queue;
    this.handled[i] = r.outcome === 'handled' ? 1 : 0;
  }

  /** Re-contacts, first handled and resolved of each set, at (period · scopeCount + scope). */
  counts(): { recontacts: Int32Array; firstHandled: Int32Array; resolved: Int32Array } {
    const n = this.size;
    const { recontact, followed } = this.links();
    const sets = this.periodCount * this.scopeCount;
    const recontacts = new Int32Array(sets);
    const firstHandled = new Int32Array(sets);
    const resolved = new Int32Array(sets);
    const count = (set: number, i: number): void => {
      if (recontact[i]) recontacts[set]!++;
      else if (this.handled[i]) {
        firstHandled[set]!++;
        if (!followed[i]) resolved[set]!++;
      }
    };
    for (let i = 0; i < n; i++) {
      const interval = this.interval[i]!;
      if (interval === -2) continue;
      const queue = this.queue[i]!;
      for (const period of interval >= 0 ? [0, interval + 1] : [0]) {
        count(period * this.scopeCount, i);
        if (queue >= 0) count(period * this.scopeCount + 1 + queue, i);
      }
    }
    return { recontacts, firstHandled, resolved };
  }

  /**
   * Which conversations are re-contacts and which were followed by one, by position in the
   * order they were added (`recontactLinks` is this, as sets of records).
   */
  links(): { recontact: Uint8Array; followed: Uint8Array } {
    const n = this.size;
    const keyCount = this.keyIds.size;
    // Conversations grouped by customer key in input order (a counting sort), then each group
    // in arrival order (a stable insertion sort: a customer's conversations are few).
    const start = new Int32Array(keyCount + 1);
    for (let i = 0; i < n; i++) start[this.keys[i]! + 1]!++;
    for (let k = 0; k < keyCount; k++) start[k + 1]! += start[k]!;
    const order = new Int32Array(n);
    const fill = start.slice(0, keyCount);
    for (let i = 0; i < n; i++) order[fill[this.keys[i]!]!++] = i;
    const recontact = new Uint8Array(n);
    const followed = new Uint8Array(n);
    for (let k = 0; k < keyCount; k++) {
      const from = start[k]!;
      const to = start[k + 1]!;
      if (to - from < 2) continue;
      for (let a = from + 1; a < to; a++) {
        const i = order[a]!;
        let b = a - 1;
        for (; b >= from && this.arrived[order[b]!]! > this.arrived[i]!; b--) {
          order[b + 1] = order[b]!;
        }
        order[b + 1] = i;
      }
      for (let a = from + 1; a < to; a++) {
        const previous = order[a - 1]!;
        const i = order[a]!;
        const gap = this.arrived[i]! - this.ended[previous]!;
        if (gap >= 0 && gap <= this.windowMs) {
          recontact[i] = 1;
          followed[previous] = 1;
        }
      }
    }
    return { recontact, followed };
  }

  private grow(): void {
    const n = this.keys.length * 2;
    const grown = <T extends Int32Array | Float64Array | Uint8Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.keys = grown(this.keys, new Int32Array(n));
    this.arrived = grown(this.arrived, new Float64Array(n));
    this.ended = grown(this.ended, new Float64Array(n));
    this.interval = grown(this.interval, new Int32Array(n));
    this.queue = grown(this.queue, new Int32Array(n));
    this.handled = grown(this.handled, new Uint8Array(n));
  }
}
