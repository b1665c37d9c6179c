import { performance } from 'node:perf_hooks';
import type { Router } from '../core/index.js';
import type { Journal } from './journal.js';

/**
 * Snapshots of the router's state, so that a restart reads what is open rather than all history,
 * and the journal can be compacted behind them. A snapshot is taken between commands (the router
 * then holds exactly the commands up to the last one applied): every `intervalMs` of real time
 * when commands were applied since the last one (the caller's timer), sooner once `everyCommands`
 * were, after a replay at start, and on a graceful stop. Its JSON is built on the event loop,
 * which costs what is open, not history (bench/soak.ts measures it); it is written in one
 * transaction with the derived rows of the commands it covers (`Journal.writeSnapshot`), then
 * `taken` is told, which makes it durable before the journal behind it is deleted.
 */
export class Snapshots {
  private appliedSeq: number;
  private appliedNow: number;
  private snapshotSeq: number;
  private soon = false;
  /** The last snapshot's JSON size and the milliseconds its export and write took. */
  last: { readonly bytes: number; readonly ms: number } | null = null;

  constructor(
    private readonly journal: Journal,
    private readonly router: Router,
    private readonly everyCommands: number,
    private readonly taken: () => void,
  ) {
    // Built after the replay: the router holds every journaled command.
    this.appliedSeq = journal.lastSeq;
    this.appliedNow = journal.lastNow;
    this.snapshotSeq = journal.snapshot()?.seq ?? 0;
  }

  /** Journal rows applied since the last snapshot: what a restart now would replay. */
  get behind(): number {
    return this.appliedSeq - this.snapshotSeq;
  }

  /** Command `seq` was applied at `now` (the sequencer's apply hook calls this). */
  applied(seq: number, now: number): void {
    this.appliedSeq = seq;
    this.appliedNow = now;
    if (!this.soon && this.behind >= this.everyCommands) {
      this.soon = true;
      // After the batch being applied: a snapshot between two commands of one batch would do.
      setImmediate(() => {
        this.soon = false;
        this.take();
      });
    }
  }

  /**
   * Writes a snapshot when commands were applied since the last one; true when it did. `notify`
   * false: the journal closes next (which checkpoints it), nothing is to follow.
   */
  take(notify = true): boolean {
    if (this.behind <= 0) return false;
    const t0 = performance.now();
    const state = JSON.stringify(this.router.exportState());
    this.journal.writeSnapshot(this.appliedSeq, this.appliedNow, state);
    this.snapshotSeq = this.appliedSeq;
    this.last = { bytes: state.length, ms: performance.now() - t0 };
    if (notify) this.taken();
    return true;
  }
}
