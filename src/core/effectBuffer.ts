import type { DesktopEvent, Effect } from './effects.js';

/**
 * Where a command's effects go, in the order the router makes them: an array that is written
 * from the start again for every command instead of made anew, so that a command allocates no
 * effects array. It never shrinks: V8 frees an array's backing store when its length is set to
 * zero, and the next push reserves it again (17 slots), so this keeps its own count and clears
 * the entries it used, which lets what they held be collected.
 *
 * A desktop event is kept as the event and its agent side by side, not wrapped in a `desktop`
 * effect: a shell on the hot path reads the two (`desktopAgent`, `desktopEvent`), and `at` makes
 * the wrapper only for a shell that asks for the effect itself.
 */
export class EffectBuffer {
  private readonly items: (Effect | DesktopEvent | undefined)[] = [];
  /** The agent whose desktop entry i goes to; null where entry i is another effect. */
  private readonly agents: (string | null)[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(effect: Effect): void {
    if (effect.type === 'desktop') {
      this.pushDesktop(effect.agentId, effect.event);
      return;
    }
    this.agents[this.count] = null;
    this.items[this.count++] = effect;
  }

  /** The same as push({ type: 'desktop', agentId, event }), without making that effect. */
  pushDesktop(agentId: string, event: DesktopEvent): void {
    this.agents[this.count] = agentId;
    this.items[this.count++] = event;
  }

  /** The agent whose desktop the `index`th effect goes to, or null when it is not a desktop one. */
  desktopAgent(index: number): string | null {
    return this.agents[index]!;
  }

  /** The event of the `index`th effect, a desktop one (`desktopAgent(index)` is not null). */
  desktopEvent(index: number): DesktopEvent {
    return this.items[index] as DesktopEvent;
  }

  /** The `index`th effect (0 ≤ index < length); a desktop one is made here. */
  at(index: number): Effect {
    const agentId = this.agents[index]!;
    if (agentId !== null) {
      return { type: 'desktop', agentId, event: this.items[index] as DesktopEvent };
    }
    return this.items[index] as Effect;
  }

  /** Forgets the effects from `length` on (all of them with 0: carried out, or left by a throw). */
  truncate(length: number): void {
    for (let i = length; i < this.count; i++) this.items[i] = undefined;
    this.count = length;
  }

  /** The effects as an array of their own, and the buffer empty again. */
  take(): Effect[] {
    const effects: Effect[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) effects[i] = this.at(i);
    this.truncate(0);
    return effects;
  }
}
