import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DuplicateFilter } from '../../src/server/duplicateFilter.js';
import { Journal } from '../../src/server/journal.js';
import { postSigned, start, tenant, webhookPayload } from './fixtures.js';

/**
 * Issue 16, item 6: WhatsApp retries a webhook for up to 7 days; the filter remembered the last
 * 1M ids (11-18 s at peak rate). Now it remembers every id for a time window (8 days by default)
 * of the server clock, on disk, pruned, and whatever a crash lost is filled in by the replay.
 */

const DAY = 24 * 3600 * 1000;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tmpDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccsim-dedupe-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'journal.db');
}

function filter(windowMs = 8 * DAY) {
  const journal = new Journal(':memory:', tenant());
  cleanups.push(() => journal.close());
  return { journal, filter: new DuplicateFilter(journal, windowMs) };
}

const applied = (now: number, ok = true) =>
  Promise.resolve({
    seq: 1,
    now,
    result: ok
      ? { ok: true as const, effects: [] }
      : { ok: false as const, error: { code: 'QUEUE_FULL' as const, message: '' } },
  });

async function take(f: DuplicateFilter, journal: Journal, id: string, now: number, ok = true) {
  const outcome = applied(now, ok);
  f.track(id, outcome, (a) => (a.result.ok ? a.now : null));
  expect(f.seen(id, now)).toBe(outcome);
  await outcome;
  await Promise.resolve();
  journal.flushSide();
}

describe('DuplicateFilter: time-based, not count-based', () => {
  it('an id is a duplicate for the whole window and new after it', async () => {
    const { journal, filter: f } = filter();
    const t0 = 1_700_000_000_000;
    await take(f, journal, 'wamid.A', t0);
    expect(f.seen('wamid.A', t0 + 1)).toBe(true);
    expect(f.seen('wamid.A', t0 + 7 * DAY)).toBe(true);
    expect(f.seen('wamid.A', t0 + 8 * DAY)).toBe(true);
    expect(f.seen('wamid.A', t0 + 8 * DAY + 1)).toBe(false);
    expect(f.seen('wamid.B', t0)).toBe(false);
  });

  it('no count forgets it: 50,000 later ids leave the first one a duplicate', async () => {
    const { journal, filter: f } = filter();
    const t0 = 1_700_000_000_000;
    await take(f, journal, 'wamid.first', t0);
    for (let i = 0; i < 50_000; i++) journal.queueMessageId(`wamid.${i}`, t0 + i);
    journal.flushSide();
    expect(f.seen('wamid.first', t0 + 60_000)).toBe(true);
    expect(f.seen('wamid.49999', t0 + 60_000)).toBe(true);
  });

  it('prune deletes what is older than the window, in chunks, and nothing newer', async () => {
    const { journal, filter: f } = filter(DAY);
    const t0 = 1_700_000_000_000;
    for (let i = 0; i < 25; i++) journal.queueMessageId(`old.${i}`, t0 + i);
    journal.queueMessageId('new', t0 + DAY);
    journal.flushSide();
    const now = t0 + DAY + 100;
    expect([f.prune(now, 10), f.prune(now, 10), f.prune(now, 10), f.prune(now, 10)]).toEqual([
      10, 10, 5, 0,
    ]);
    expect(f.seen('new', now)).toBe(true);
    expect(journal.hasMessageId('old.24', 0)).toBe(false);
  });

  it('a refused message is not remembered; an id is seen before its row is committed', async () => {
    const { journal, filter: f } = filter();
    await take(f, journal, 'wamid.full', 1000, false);
    expect(f.seen('wamid.full', 1000)).toBe(false);
    journal.queueMessageId('wamid.queued', 1000);
    expect(f.seen('wamid.queued', 1000)).toBe(true);
  });
});

describe('the duplicate filter of a running server', () => {
  it('survives a restart, and a replay fills in ids whose rows a crash lost', async () => {
    const db = tmpDb();
    const first = await start({ db });
    const body = webhookPayload({ from: '447700900001', id: 'wamid.keep', text: 'hi' });
    expect((await postSigned(first, body)).json()).toMatchObject({ received: 1 });
    await first.close();

    // As if the process died after the journal commit and before the ids' rows (and before any
    // snapshot covered them): the journal row keeps the WhatsApp id beside the command, and the
    // replay writes it again.
    const file = new Database(db);
    expect(file.prepare('SELECT count(*) FROM message_ids').pluck().get()).toBe(1);
    file.exec('DELETE FROM message_ids; DELETE FROM snapshot');
    const ref = file
      .prepare("SELECT ref FROM journal WHERE command LIKE '%customer.message%'")
      .pluck()
      .all();
    expect(ref).toEqual(['wamid.keep']);
    // The command itself carries the opaque id only.
    const command = file
      .prepare('SELECT command FROM journal WHERE ref IS NOT NULL')
      .pluck()
      .get() as string;
    expect(command).not.toContain('wamid.keep');
    file.close();

    const second = await start({ db });
    expect(second.replayed).toBeGreaterThan(0);
    expect((await postSigned(second, body)).json()).toMatchObject({ received: 0, duplicates: 1 });
    await second.close();

    const third = await start({ db });
    cleanups.push(() => third.close());
    expect((await postSigned(third, body)).json()).toMatchObject({ received: 0, duplicates: 1 });
  });
});
