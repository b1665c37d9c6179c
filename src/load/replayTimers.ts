/**
 * Timers in scenario time: `after(ms, fn)` runs `fn` ms / speed real milliseconds later. The
 * replayer's agents schedule every accept, reply, wrap-up and shift change through one of these,
 * so that the end of a run cancels them all at once.
 */
export class ReplayTimers {
  private readonly live = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(readonly speed: number) {}

  after(scenarioMs: number, fn: () => void): NodeJS.Timeout | null {
    if (this.stopped) return null;
    const handle = setTimeout(
      () => {
        this.live.delete(handle);
        fn();
      },
      Math.max(0, scenarioMs / this.speed),
    );
    this.live.add(handle);
    return handle;
  }

  cancel(handle: NodeJS.Timeout | null): void {
    if (handle === null) return;
    clearTimeout(handle);
    this.live.delete(handle);
  }

  get pending(): number {
    return this.live.size;
  }

  /** Cancels every timer; later `after` calls do nothing. */
  stop(): void {
    this.stopped = true;
    for (const handle of this.live) clearTimeout(handle);
    this.live.clear();
  }
}
