import { performance } from 'node:perf_hooks';
import type { Command, HandleResult } from '../core/index.js';
import type { ScaledClock } from './clock.js';
import { ServerError, ServerErrorCode } from './errors.js';
import type { Journal, JournalEntry } from './journal.js';

/** A command after it was journaled and applied. */
export interface Applied {
  readonly seq: number;
  readonly now: number;
  readonly result: HandleResult;
}

export type CommandDone = (outcome: Applied | ServerError) => void;

type Entry =
  | {
      readonly kind: 'command';
      readonly json: string;
      readonly ref: string | null;
      readonly command: Command;
      /** performance.now() at submit: the age of the oldest command waiting is the load signal. */
      readonly submittedAt: number;
      done: CommandDone;
    }
  | { readonly kind: 'read'; readonly run: (now: number) => void };

export interface SequencerHooks {
  /** Applies one journaled command to the router and carries out its effects. */
  apply(seq: number, now: number, command: Command): HandleResult;
  /** One batch: its size and the seconds from its write until it was durable. */
  observeBatch(size: number, seconds: number): void;
  log(level: 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
}

/**
 * The single writer: every command goes through here, in order. Commands submitted during one
 * turn of the event loop are collected and flushed together on `setImmediate`: one SQLite
 * transaction journals the whole batch (group commit), its fsync runs on the thread pool while
 * the event loop collects the next batch, then the router applies the batch in journal order and
 * each caller gets its answer. Nothing takes effect, and no caller hears "ok", before its command
 * is on disk. Reads (queries, snapshots) are queued in the same order, so a client
 * that sends a command and then a query sees the query answered after the command took effect.
 */
export class Sequencer {
  private queue: Entry[] = [];
  private scheduled = false;
  private closed = false;
  private pendingCommands = 0;
  private idleWaiters: (() => void)[] = [];
  /** Batches journaled but not yet applied (waiting for their fsync). */
  private batchesInFlight = 0;
  /** Submit time of the first command of each batch in flight, oldest first. */
  private readonly inFlightSince: number[] = [];
  private applying: Promise<void> = Promise.resolve();
  /** Set when an fsync failed: from then on every command is refused. */
  private fatal: ServerError | null = null;

  constructor(
    private readonly journal: Journal,
    private readonly clock: ScaledClock,
    private readonly hooks: SequencerHooks,
    /** Commands not yet applied (queued or waiting for their fsync) beyond which new ones get
     * SERVER_BUSY. */
    private readonly maxPending: number,
  ) {}

  /**
   * Queues a command; `done` is called right after it is applied, before later commands are.
   * `ref` is journaled beside it (a customer message's WhatsApp id, `JournalRow.ref`).
   */
  submit(command: Command, done: CommandDone, ref: string | null = null): void {
    if (this.closed) {
      done(new ServerError(ServerErrorCode.shuttingDown, 'the server is shutting down'));
      return;
    }
    if (this.pendingCommands >= this.maxPending) {
      done(
        new ServerError(
          ServerErrorCode.serverBusy,
          `more than ${this.maxPending} commands are waiting for the journal; retry later`,
        ),
      );
      return;
    }
    this.pendingCommands++;
    this.queue.push({
      kind: 'command',
      json: JSON.stringify(command),
      ref,
      command,
      submittedAt: performance.now(),
      done,
    });
    this.schedule();
  }

  /** As `submit`, as a promise that rejects with a ServerError. */
  submitAsync(command: Command, ref: string | null = null): Promise<Applied> {
    return new Promise((resolve, reject) => {
      this.submit(
        command,
        (outcome) => {
          if (outcome instanceof ServerError) reject(outcome);
          else resolve(outcome);
        },
        ref,
      );
    });
  }

  /** Runs `run` in order with the commands around it, at the `now` of its flush. */
  read(run: (now: number) => void): void {
    this.queue.push({ kind: 'read', run });
    this.schedule();
  }

  readAsync<T>(fn: (now: number) => T): Promise<T> {
    return new Promise((resolve, reject) => {
      this.read((now) => {
        try {
          resolve(fn(now));
        } catch (err) {
          reject(err);
        }
      });
    });
  }

  /**
   * Milliseconds the oldest command not yet applied has waited (0 when none waits): the time a
   * new command would at least wait, what load shedding looks at.
   */
  oldestWaitMs(now: number = performance.now()): number {
    let since = this.inFlightSince[0];
    if (since === undefined) {
      for (const entry of this.queue) {
        if (entry.kind === 'command') {
          since = entry.submittedAt;
          break;
        }
      }
    }
    return since === undefined ? 0 : Math.max(0, now - since);
  }

  /** Schedules a flush so that queued derived rows (records, outbound status) get committed. */
  poke(): void {
    this.schedule();
  }

  /** Refuses new commands from now on; what is queued still runs. */
  close(): void {
    this.closed = true;
  }

  /** Resolves once everything queued so far has been journaled, applied and answered. */
  drain(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.notifyIdle();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private apply(seq: number, now: number, command: Command): Applied | ServerError {
    try {
      return { seq, now, result: this.hooks.apply(seq, now, command) };
    } catch (err) {
      // A router bug: the command stays journaled (replay skips it the same way), the caller
      // gets INTERNAL, the server goes on.
      this.hooks.log('error', 'applying a command failed', { seq, error: String(err) });
      return new ServerError(ServerErrorCode.internal, 'internal error applying the command');
    }
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    const commands: (JournalEntry & { readonly submittedAt: number })[] = [];
    for (const entry of batch) if (entry.kind === 'command') commands.push(entry);
    if (commands.length > 0) this.inFlightSince.push(commands[0]!.submittedAt);
    const now = this.clock.now();
    const t0 = performance.now();
    let firstSeq = 0;
    let error: ServerError | null = this.fatal;
    if (!error) {
      try {
        if (commands.length > 0) firstSeq = this.journal.append(now, commands);
        else this.journal.flushSide();
      } catch (err) {
        this.hooks.log('error', 'journal write failed', { error: String(err) });
        error = new ServerError(
          ServerErrorCode.journalUnavailable,
          'the journal could not be written; nothing was applied',
        );
      }
    }
    // Stage two, in batch order: once the batch is durable (fsync off the event loop, while the
    // next batch is being collected and written), apply it and answer.
    const durable = error || commands.length === 0 ? Promise.resolve() : this.journal.sync();
    this.batchesInFlight++;
    this.applying = this.applying
      .then(() => durable)
      .then(
        () => {
          if (commands.length > 0 && !error) {
            this.hooks.observeBatch(commands.length, (performance.now() - t0) / 1000);
          }
          this.applyBatch(batch, firstSeq, now, error ?? this.fatal);
        },
        (err: unknown) => {
          // The batch is in the file but maybe not on disk: answering it either way could lie,
          // so the server stops taking commands; a restart replays what did reach the disk.
          this.hooks.log('error', 'journal fsync failed; refusing commands until restart', {
            error: String(err),
          });
          this.fatal = new ServerError(
            ServerErrorCode.journalUnavailable,
            'the journal could not be synced to disk; restart the server',
          );
          this.applyBatch(batch, firstSeq, now, this.fatal);
        },
      )
      .finally(() => {
        if (commands.length > 0) this.inFlightSince.shift();
        this.pendingCommands -= commands.length;
        this.batchesInFlight--;
        this.notifyIdle();
      });
  }

  private applyBatch(
    batch: readonly Entry[],
    firstSeq: number,
    now: number,
    error: ServerError | null,
  ): void {
    let seq = firstSeq;
    for (const entry of batch) {
      try {
        if (entry.kind === 'read') entry.run(now);
        else if (error) entry.done(error);
        else entry.done(this.apply(seq++, now, entry.command));
      } catch (err) {
        // A failing caller must not stop the rest of the batch from being applied.
        this.hooks.log('error', 'sequencer entry failed', { error: String(err) });
      }
    }
    if (this.journal.hasSideWrites && !error) this.schedule();
  }

  private notifyIdle(): void {
    if (this.scheduled || this.queue.length > 0 || this.batchesInFlight > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
