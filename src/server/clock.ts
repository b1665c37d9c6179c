import { performance } from 'node:perf_hooks';

/**
 * The server's clock: real milliseconds since the epoch, scaled by `speed` so that accelerated
 * replays run every timer faster (`now = base + (performance.now() - p0) * speed`). It never goes
 * backwards, within a run or across restarts: `base` is at least the journal's last `now`.
 */
export class ScaledClock {
  private readonly base: number;
  private readonly p0: number;
  private last: number;

  constructor(
    readonly speed: number,
    /** The earliest time this clock may return (the journal's last `now`). */
    notBefore = 0,
    wallNow: number = Date.now(),
  ) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError('speed must be > 0');
    this.base = Math.max(wallNow, notBefore);
    this.p0 = performance.now();
    this.last = this.base;
  }

  /** Milliseconds; whole numbers so that journaled times print and compare exactly. */
  now(): number {
    const t = Math.floor(this.base + (performance.now() - this.p0) * this.speed);
    if (t > this.last) this.last = t;
    return this.last;
  }

  /** Real milliseconds until clock time `at` (0 when it has passed). */
  delayUntil(at: number): number {
    return Math.max(0, (at - this.now()) / this.speed);
  }
}
