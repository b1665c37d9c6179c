import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerHandle, ServerOptions } from '../../src/server/index.js';
import {
  AgentClient,
  admin,
  type HttpResult,
  postSigned,
  start,
  until,
  webhookPayload,
} from './fixtures.js';

/**
 * Snapshots, journal compaction and retention (issue 16, item 1): a restart restores the
 * router's state from the snapshot and replays only the journal after it, so that its work
 * depends on what is open, not on history; counted in journal rows, not timed (bench/soak.ts
 * times it).
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tmpDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccsim-snapshots-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function started(overrides: Partial<ServerOptions>): Promise<ServerHandle> {
  const server = await start(overrides);
  cleanups.push(() => server.close());
  return server;
}

/**
 * A webhook, sent again while it is shed (503 OVERLOADED), as WhatsApp does: a restart in this
 * same process blocks the event loop a moment, which the shedder sees as lag.
 */
async function post(server: ServerHandle, payload: unknown): Promise<HttpResult> {
  return until(async () => {
    const res = await postSigned(server, payload);
    return res.status === 503 ? undefined : res;
  });
}

function rows(db: string, sql: string): number {
  const file = new Database(db, { readonly: true });
  try {
    return file.prepare(sql).pluck().get() as number;
  } finally {
    file.close();
  }
}

/**
 * `count` conversations, each answered, ended and wrapped up by Ann; `handled` holds the ids of
 * the conversations her offers were for already (and those to leave alone).
 */
async function history(
  server: ServerHandle,
  ann: AgentClient,
  handled: Set<string>,
  from: number,
  count: number,
) {
  for (let i = from; i < from + count; i++) {
    await post(
      server,
      webhookPayload({
        from: `4470099${String(i).padStart(5, '0')}`,
        id: `h-${i}`,
        text: `hi ${i}`,
      }),
    );
    const offer = await ann
      .event('offer', (e) => !handled.has(e.conversationId))
      .catch((err) => {
        throw new Error(`conversation ${i}: ${err} ${JSON.stringify(ann.frames.slice(-4))}`);
      });
    handled.add(offer.conversationId);
    await ann.ok({ type: 'accept', conversationId: offer.conversationId });
    await ann.ok({ type: 'send', conversationId: offer.conversationId, text: `answer ${i}` });
    await ann.ok({ type: 'end', conversationId: offer.conversationId });
    await ann.ok({ type: 'wrapUp', conversationId: offer.conversationId, reasonId: 'resolved' });
  }
}

/**
 * A copy of the journal's files as a kill -9 would leave them now: SQLite's transactions are
 * synchronous on this thread, so none is half-done while the test runs.
 */
function crashImage(db: string, dir: string): string {
  const copy = join(dir, `image-${Math.random().toString(36).slice(2)}.db`);
  copyFileSync(db, copy);
  if (existsSync(`${db}-wal`)) copyFileSync(`${db}-wal`, `${copy}-wal`);
  return copy;
}

describe('snapshots and compaction', () => {
  it('after a kill -9, a restart restores the snapshot and replays at most the commands after it, however long the history', async () => {
    const dir = tmpDir();
    const db = join(dir, 'journal.db');
    const every = 25;
    const server = await started({ db, limits: { snapshotEveryCommands: every } });
    const ann = await AgentClient.login(server, 'ann');
    cleanups.push(() => ann.close());
    await ann.ok({ type: 'setState', status: 'Available' });
    // A conversation left open across every snapshot: what is open is restored, not replayed.
    await post(server, webhookPayload({ from: '447000000001', id: 'open-1', text: 'wait' }));
    const handled = new Set([(await ann.event('offer')).conversationId]);
    const replays: number[] = [];
    const journalRows: number[] = [];
    for (const [from, count] of [
      [0, 10],
      [10, 40],
    ] as const) {
      await history(server, ann, handled, from, count);
      // The compaction after the last snapshot has had its turn.
      await until(() => (rows(db, 'SELECT count(*) FROM journal') <= every + 5 ? true : undefined));
      const before = server.snapshot();
      const image = crashImage(db, dir);
      journalRows.push(rows(image, 'SELECT count(*) FROM journal'));
      const restarted = await started({ db: image });
      expect(restarted.restoredFrom).toBeGreaterThan(0);
      expect(restarted.snapshot()).toEqual(before);
      replays.push(restarted.replayed);
      await restarted.close();
    }
    // 10 then 50 conversations of history (about 250 commands): the same bound on what is
    // replayed and what is left of the journal.
    for (const n of [...replays, ...journalRows]) expect(n).toBeLessThanOrEqual(every + 5);
    const records = (await admin(server, '/admin/records?limit=1000')).json();
    expect(records.total).toBe(50);
  });

  it('a graceful stop writes a snapshot: the next start replays nothing and compacts the journal', async () => {
    const db = join(tmpDir(), 'journal.db');
    const first = await start({ db });
    const ann = await AgentClient.login(first, 'ann');
    await ann.ok({ type: 'setState', status: 'Available' });
    await history(first, ann, new Set(), 0, 3);
    await post(first, webhookPayload({ from: '447000000002', id: 'open-2', text: 'wait' }));
    await ann.event('offer', (e) => e.conversationId === 'c4');
    const before = first.snapshot();
    await ann.close();
    await first.close();
    expect(rows(db, 'SELECT count(*) FROM journal')).toBeGreaterThan(10);

    const second = await started({ db });
    expect(second.replayed).toBe(0);
    expect(second.restoredFrom).toBeGreaterThan(10);
    expect(second.snapshot()).toEqual(before);
    await until(() => (rows(db, 'SELECT count(*) FROM journal') === 0 ? true : undefined));
    // Numbering goes on after the compacted rows: the retry is still a duplicate, a new message
    // is taken.
    const retry = await post(
      second,
      webhookPayload({ from: '447000000002', id: 'open-2', text: 'wait' }),
    );
    expect(retry.json()).toMatchObject({ received: 0, duplicates: 1 });
    const fresh = await post(
      second,
      webhookPayload({ from: '447000000002', id: 'open-3', text: 'more' }),
    );
    expect(fresh.json()).toMatchObject({ received: 1 });
    expect(rows(db, 'SELECT min(seq) FROM journal')).toBe(second.restoredFrom + 1);
  });

  it('a snapshot that cannot be restored is refused: DB_SNAPSHOT_INVALID, nothing replayed over it', async () => {
    const db = join(tmpDir(), 'journal.db');
    const first = await start({ db });
    await post(first, webhookPayload({ from: '447000000003', id: 's-1', text: 'hi' }));
    await first.close();
    const file = new Database(db);
    file.prepare('UPDATE snapshot SET state = \'{"version":999}\'').run();
    file.close();
    await expect(start({ db })).rejects.toMatchObject({ code: 'DB_SNAPSHOT_INVALID' });
  });
});

describe('retention', () => {
  it('records, agent states and replies no longer pending go after historyRetentionMs of server time; open work stays', async () => {
    const db = join(tmpDir(), 'journal.db');
    const server = await started({
      db,
      limits: { historyRetentionMs: 1500, dedupePruneIntervalMs: 50 },
    });
    const ann = await AgentClient.login(server, 'ann');
    cleanups.push(() => ann.close());
    await ann.ok({ type: 'setState', status: 'Available' });
    await history(server, ann, new Set(), 0, 3);
    // Without a Graph URL the replies are held in the outbox: history, not pending.
    const held = (await admin(server, '/admin/outbound')).json().counts.held;
    expect(held).toBe(3);
    expect((await admin(server, '/admin/records')).json().total).toBe(3);
    await post(server, webhookPayload({ from: '447000000004', id: 'k-1', text: 'open' }));
    await until(async () => {
      const records = (await admin(server, '/admin/records')).json().total;
      const outbound = (await admin(server, '/admin/outbound')).json().counts.held;
      const states = (await admin(server, '/admin/agent-states')).json().states.length;
      return records === 0 && outbound === 0 && states === 0 ? true : undefined;
    }, 10_000);
    const open = (await admin(server, '/admin/conversations')).json().conversations;
    expect(open).toHaveLength(1);
  });

  it('0 keeps history for ever', async () => {
    const server = await started({
      db: join(tmpDir(), 'journal.db'),
      limits: { historyRetentionMs: 0, dedupePruneIntervalMs: 20 },
    });
    const ann = await AgentClient.login(server, 'ann');
    cleanups.push(() => ann.close());
    await ann.ok({ type: 'setState', status: 'Available' });
    await history(server, ann, new Set(), 0, 2);
    await new Promise((r) => setTimeout(r, 200));
    expect((await admin(server, '/admin/records')).json().total).toBe(2);
  });
});
