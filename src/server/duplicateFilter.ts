import type { Journal } from './journal.js';

/**
 * WhatsApp message ids already taken in, so that a retried webhook is not delivered twice.
 * WhatsApp retries a webhook it thinks failed for up to 7 days, so the filter is time-based: an
 * id is remembered for `windowMs` (default 8 days) of the server clock, in the journal's
 * `message_ids` table (on disk, not in the heap; pruned in the background), written with the
 * commit after the router took the message. A message the router refused (a full queue) is not
 * remembered: its retry is taken when there is room.
 *
 * An id is `pending` from the moment its command is queued until it is applied, so that a retry
 * that races the original waits for the original's outcome before it is answered.
 */
export class DuplicateFilter {
  private readonly pending = new Map<string, Promise<unknown>>();

  constructor(
    private readonly journal: Journal,
    readonly windowMs: number,
  ) {}

  /** true when taken within the window, a promise while pending, false when new. */
  seen(id: string, now: number): Promise<unknown> | boolean {
    const pending = this.pending.get(id);
    if (pending !== undefined) return pending;
    return this.journal.hasMessageId(id, now - this.windowMs);
  }

  /**
   * Marks `id` as pending until `outcome` settles; then remembers it at the time `takenAt` gives
   * when the router took it, and forgets it when it refused it or the journal failed.
   */
  track<T>(id: string, outcome: Promise<T>, takenAt: (outcome: T) => number | null): void {
    this.pending.set(id, outcome);
    outcome.then(
      (value) => {
        this.pending.delete(id);
        const at = takenAt(value);
        if (at !== null) this.journal.queueMessageId(id, at);
      },
      () => this.pending.delete(id),
    );
  }

  /** A journaled message the replay found taken: remembered again if a crash lost the row. */
  replayed(id: string, at: number): void {
    this.journal.queueMessageId(id, at);
  }

  /** Forgets ids older than the window, at most `chunk` per call; returns how many. */
  prune(now: number, chunk = 10_000): number {
    return this.journal.pruneMessageIds(now - this.windowMs, chunk);
  }
}
