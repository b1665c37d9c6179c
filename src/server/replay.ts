import type { Command, Router } from '../core/index.js';
import type { DuplicateFilter } from './duplicateFilter.js';
import { applyCommand, type EffectSinks } from './engine.js';
import type { Journal } from './journal.js';
import type { LogFn } from './options.js';

/** Journal rows read and applied at a time; their derived rows are committed after each page. */
const PAGE = 5000;

/**
 * Rebuilds the router from the journal: every command after `afterSeq` (the snapshot's, 0 for
 * all), in order, at its journaled `now`, through the same apply path as live traffic (with sinks
 * that do no I/O). The derived rows the sinks queue (records, agent states, outbound log) and the
 * duplicate filter's ids of the messages the router took are written again where a crash lost
 * them (INSERT OR IGNORE), one page at a time, so that memory holds one page, not the history.
 * Returns the number of journal rows read.
 */
export function replayJournal(
  journal: Journal,
  router: Router,
  duplicates: DuplicateFilter,
  sinks: EffectSinks,
  log: LogFn,
  afterSeq = 0,
): number {
  let rows = 0;
  let last = afterSeq;
  for (;;) {
    const page = journal.rowsAfter(last, PAGE);
    for (const row of page) {
      rows++;
      let command: Command;
      try {
        command = JSON.parse(row.command) as Command;
      } catch {
        log('error', 'journal row is not JSON; skipped', { seq: row.seq });
        continue;
      }
      try {
        const result = applyCommand(router, row.seq, row.now, command, sinks);
        if (result.ok && row.ref !== null) duplicates.replayed(row.ref, row.now);
      } catch (err) {
        // The live server answered INTERNAL for this command and went on; so does the replay.
        log('error', 'replaying a command failed; skipped', { seq: row.seq, error: String(err) });
      }
    }
    journal.flushSide();
    if (page.length < PAGE) return rows;
    last = page[page.length - 1]!.seq;
  }
}
