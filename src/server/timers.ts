import type { ScaledClock } from './clock.js';

/** setTimeout's limit; longer delays are re-armed in steps. */
const MAX_DELAY_MS = 2_147_483_647;

/**
 * The router's timers (offer deadlines) on the scaled clock. The router asks for them with
 * `timer.set` / `timer.cancel` effects; when one expires, `fire(timerId)` is called, and the
 * server turns that into a journaled `timer.fired` command.
 */
export class Timers {
  private readonly handles = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly clock: ScaledClock,
    private readonly fire: (timerId: string) => void,
  ) {}

  get size(): number {
    return this.handles.size;
  }

  set(timerId: string, at: number): void {
    if (this.stopped) return;
    this.cancel(timerId);
    const delay = this.clock.delayUntil(at);
    const handle = setTimeout(
      () => {
        this.handles.delete(timerId);
        if (this.clock.delayUntil(at) > 0) this.set(timerId, at);
        else this.fire(timerId);
      },
      Math.min(Math.ceil(delay), MAX_DELAY_MS),
    );
    this.handles.set(timerId, handle);
  }

  cancel(timerId: string): void {
    const handle = this.handles.get(timerId);
    if (handle === undefined) return;
    clearTimeout(handle);
    this.handles.delete(timerId);
  }

  /** Cancels everything and ignores later `set`s (shutdown). */
  stop(): void {
    this.stopped = true;
    for (const handle of this.handles.values()) clearTimeout(handle);
    this.handles.clear();
  }
}
