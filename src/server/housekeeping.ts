import type { LogFn } from './options.js';

/** One periodic chore: `run` does a bounded piece and says whether more is left. */
export interface Chore {
  readonly name: string;
  readonly intervalMs: number;
  /** One short transaction's worth; true when more is left (then it runs again right away). */
  readonly run: () => boolean;
}

/**
 * Background chores on the journal (pruning old message ids, records past their retention,
 * compacting the journal behind a snapshot). Each runs every `intervalMs`, in pieces of one short
 * transaction each with the event loop in between, so that traffic never waits long for them.
 * A failing chore is logged and tried again at its next interval.
 */
export class Housekeeping {
  private readonly timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(
    private readonly chores: readonly Chore[],
    private readonly log: LogFn,
  ) {}

  start(): void {
    for (const chore of this.chores) {
      const timer = setInterval(() => this.runNow(chore), chore.intervalMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  /** Runs a chore until it is done (pieces spread over event-loop turns). */
  runNow(chore: Chore): void {
    if (this.stopped) return;
    let more: boolean;
    try {
      more = chore.run();
    } catch (err) {
      this.log('error', `${chore.name} failed`, { error: String(err) });
      return;
    }
    if (more) setImmediate(() => this.runNow(chore));
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers.length = 0;
  }
}
