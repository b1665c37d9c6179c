import type { Effect } from './effects.js';

/**
 * Where a command's effects go, in the order the router makes them: an array that is written
 * from the start again for every command instead of made anew, so that a command allocates no
 * effects array. It never shrinks: V8 frees an array's backing store when its length is set to
 * zero, and the next push reserves it again (17 slots), so this keeps its own count and clears
 * the entries it used, which lets what they held be collected.
 */
export class EffectBuffer {
  private readonly items: (Effect | undefined)[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(effect: Effect): void {
    this.items[this.count++] = effect;
  }

  /** The `index`th effect (0 ≤ index < length). */
  at(index: number): Effect {
    return this.items[index]!;
  }

  /** Forgets the effects from `length` on (all of them with 0: carried out, or left by a throw). */
  truncate(length: number): void {
    for (let i = length; i < this.count; i++) this.items[i] = undefined;
    this.count = length;
  }

  /** The effects as an array of their own, and the buffer empty again. */
  take(): Effect[] {
    const effects = this.items.slice(0, this.count) as Effect[];
    this.truncate(0);
    return effects;
  }
}
