import type { Command, Router } from '../core/index.js';
import { applyCommand, type EffectSinks } from './engine.js';
import type { Journal } from './journal.js';
import type { MessageIds } from './messageIds.js';
import type { LogFn } from './options.js';

/**
 * Rebuilds the router from the journal: every command, in order, at its journaled `now`, through
 * the same apply path as live traffic (with sinks that do no I/O), and the duplicate filter from
 * the journaled message ids. Derived rows the sinks queue are committed at the end. Returns the
 * number of journal rows read.
 */
export function replayJournal(
  journal: Journal,
  router: Router,
  messageIds: MessageIds,
  sinks: EffectSinks,
  log: LogFn,
): number {
  let rows = 0;
  for (const row of journal.rows()) {
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
      // Only messages the router took are duplicates if they come again (not a full queue's).
      if (result.ok && command.type === 'customer.message') messageIds.add(command.messageId);
    } catch (err) {
      // The live server answered INTERNAL for this command and went on; so does the replay.
      log('error', 'replaying a command failed; skipped', { seq: row.seq, error: String(err) });
    }
  }
  journal.flushSide();
  return rows;
}
