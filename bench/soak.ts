// `npm run bench:soak`: restart time and memory of `ccsim serve` as history grows (issue 16,
// item 1). For each size it writes a journal of that many conversations' worth of commands, then
// starts the server on it in a fresh process and measures how long `startServer` takes to be ready
// (restore the snapshot, replay the journal after it) and the memory it needed.
//
// The history is written the way the server writes it, without HTTP (1M conversations through
// webhooks would take hours): the server's own Journal, the same apply path (applyCommand) with
// the derived rows (records, agent states, outbound log, message ids) queued and committed with
// each batch of 200 commands, a snapshot every 100,000 commands (the server's default) with the
// journal compacted behind it and message ids older than the dedupe window pruned. Each
// conversation: a customer message, the agent's accept and reply, a second customer message and
// reply, end, wrap-up (7 commands); 500 stay open at any time, one arrives every 1.7 s of server
// time (50k a day). After the last snapshot come 2,000 more conversations, so every restart
// replays the same ~14k commands: a restart between two snapshots.
//
// The reference, in the same run: the same histories with no snapshot and no compaction (a replay
// of everything, what a restart cost before), for the sizes up to BENCH_SOAK_BASELINE_MAX.
//
// Environment: BENCH_SOAK_SIZES (default "10000,100000,1000000"), BENCH_SOAK_BASELINE_MAX
// (default 100000).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Command, Effect } from '../src/core/index.js';
import { Router } from '../src/core/index.js';
import { applyCommand } from '../src/server/engine.js';
import { Journal, type JournalEntry } from '../src/server/journal.js';
import { journalOnlySinks } from '../src/server/journalSinks.js';
import { opaqueMessageId } from '../src/server/opaqueMessageId.js';
import { DEFAULT_LIMITS } from '../src/server/options.js';
import { Snapshots } from '../src/server/snapshots.js';
import { ROOT } from './benchKit.js';
import { SOAK_TENANT } from './soakTenant.js';

const SIZES = (process.env.BENCH_SOAK_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const BASELINE_MAX = Number(process.env.BENCH_SOAK_BASELINE_MAX ?? 100_000);
const OPEN = 500;
const TAIL = 2000;
const BATCH = 200;
const GAP_MS = 1700;
const SECRET = 'soak-app-secret';

interface Written {
  readonly commands: number;
  /** The last snapshot's export and write, and its JSON size (null without snapshots). */
  readonly snapshot: { readonly ms: number; readonly bytes: number } | null;
  readonly seconds: number;
  readonly bytes: number;
}

/** Writes `conversations` conversations' worth of history (plus the tail) into `db`. */
function writeHistory(db: string, conversations: number, snapshotting: boolean): Written {
  const t0 = performance.now();
  const journal = new Journal(db, SOAK_TENANT, 'normal');
  const router = new Router(SOAK_TENANT);
  let pending: (JournalEntry & { readonly command: Command })[] = [];
  let now = 0;
  let commands = 0;
  const snapshots = new Snapshots(journal, router, Number.POSITIVE_INFINITY, () => {
    while (journal.compact(10_000) === 10_000);
    journal.pruneMessageIds(now - DEFAULT_LIMITS.dedupeWindowMs, Number.MAX_SAFE_INTEGER);
  });
  const sinks = journalOnlySinks(journal, 'held');
  /** Offers made by the batches applied so far and not yet accepted. */
  const offers: Effect[] = [];
  /** Journals the pending batch, then applies it, as the sequencer does. */
  const flush = (): void => {
    if (pending.length === 0) return;
    const first = journal.append(now, pending);
    pending.forEach((entry, i) => {
      const result = applyCommand(router, first + i, now, entry.command, sinks);
      if (!result.ok) throw new Error(`soak history refused: ${result.error.code}`);
      for (const e of result.effects) {
        if (e.type === 'desktop' && e.event.type === 'offer') offers.push(e);
      }
      snapshots.applied(first + i, now);
      if (entry.ref !== null) journal.queueMessageId(entry.ref, now);
    });
    commands += pending.length;
    pending = [];
    if (snapshotting && snapshots.behind >= DEFAULT_LIMITS.snapshotEveryCommands) snapshots.take();
  };
  const submit = (command: Command, ref: string | null = null) => {
    pending.push({ command, json: JSON.stringify(command), ref });
    if (pending.length >= BATCH) flush();
  };
  const customer = (i: number) => ({
    id: `447${String(700_000_000 + i)}`,
    name: `Customer ${i}`,
    phone: `+447${String(700_000_000 + i)}`,
  });
  const message = (i: number, n: number) => {
    const wamid = `wamid.soak.${i}.${n}`;
    submit(
      {
        type: 'customer.message',
        assetId: i % 2 === 0 ? 'pn-sales' : 'pn-support',
        customer: customer(i),
        messageId: opaqueMessageId(SECRET, wamid),
        text:
          n === 0
            ? `hello, my card is 4111 1111 1111 ${String(i % 10_000).padStart(4, '0')}`
            : 'thanks',
      },
      wamid,
    );
  };

  for (const agent of SOAK_TENANT.agents) {
    submit({ type: 'agent.setState', agentId: agent.id, status: 'Available' });
  }
  flush();
  // Conversation i (id c<i+1>: every step opens one) opens at step i and closes at step i + OPEN;
  // the last OPEN stay open. Closing first keeps a free slot for the one that opens.
  const held = new Map<string, string>();
  const total = conversations + TAIL;
  for (let step = 0; step < total; step++) {
    now += GAP_MS;
    const closing = `c${step - OPEN + 1}`;
    const agentId = held.get(closing);
    if (agentId !== undefined) {
      held.delete(closing);
      message(step - OPEN, 1);
      submit({ type: 'agent.send', agentId, conversationId: closing, text: 'ok' });
      submit({ type: 'agent.end', agentId, conversationId: closing });
      submit({ type: 'agent.wrapUp', agentId, conversationId: closing, reasonId: 'resolved' });
    }
    message(step, 0);
    flush();
    for (const effect of offers.splice(0)) {
      if (effect.type !== 'desktop' || effect.event.type !== 'offer') continue;
      const { agentId: to, event } = effect;
      held.set(event.conversationId, to);
      submit({ type: 'agent.accept', agentId: to, conversationId: event.conversationId });
      submit({ type: 'agent.send', agentId: to, conversationId: event.conversationId, text: 'hi' });
    }
    // The tail after the last snapshot: the same for every size.
    if (snapshotting && step === conversations - 1) {
      flush();
      snapshots.take();
    }
  }
  flush();
  // What the server has open at a kill -9: no graceful stop, no snapshot at close.
  journal.flushSide();
  journal.close();
  const bytes = statSync(db).size;
  return { commands, snapshot: snapshots.last, seconds: (performance.now() - t0) / 1000, bytes };
}

interface Restart {
  readonly ms: number;
  readonly replayed: number;
  readonly restoredFrom: number;
  readonly heapMB: number;
  readonly heapPeakMB: number;
  readonly peakRssMB: number;
  readonly open: number;
}

/** Starts the server on `db` in a fresh process (bench/soakRestart.ts) and reads its figures. */
function restart(db: string): Promise<Restart> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'bench/soakRestart.ts', db],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`soakRestart exited with ${code}`));
      resolve(JSON.parse(out) as Restart);
    });
  });
}

const dir = mkdtempSync(join(os.tmpdir(), 'ccsim-soak-'));
try {
  console.log(
    `bench:soak on ${os.cpus().length} CPUs, node ${process.version}: ${OPEN} conversations open, +${TAIL} after the last snapshot`,
  );
  console.log(
    [
      'conversations'.padStart(13),
      'journal'.padEnd(14),
      'commands'.padStart(10),
      'write s'.padStart(8),
      'db MB'.padStart(7),
      'snapshot ms/KB'.padStart(15),
      'restart ms'.padStart(11),
      'replayed'.padStart(9),
      'peak heap MB'.padStart(13),
      'heap after GC'.padStart(14),
      'peak RSS MB'.padStart(12),
    ].join(' '),
  );
  const results: { size: number; kind: string; restart: Restart }[] = [];
  const runs = SIZES.flatMap((size) => [
    { size, snapshotting: true },
    ...(size <= BASELINE_MAX ? [{ size, snapshotting: false }] : []),
  ]);
  for (const { size, snapshotting } of runs) {
    const kind = snapshotting ? 'snapshots' : 'replay all (ref)';
    const db = join(dir, `${size}-${snapshotting}.db`);
    const written = writeHistory(db, size, snapshotting);
    const r = await restart(db);
    results.push({ size, kind, restart: r });
    if (r.open !== OPEN)
      throw new Error(`${r.open} conversations open after restart, ${OPEN} expected`);
    console.log(
      [
        String(size).padStart(13),
        kind.padEnd(14),
        String(written.commands).padStart(10),
        written.seconds.toFixed(1).padStart(8),
        (written.bytes / 1e6).toFixed(0).padStart(7),
        (written.snapshot
          ? `${written.snapshot.ms.toFixed(1)}/${(written.snapshot.bytes / 1024).toFixed(0)}`
          : '-'
        ).padStart(15),
        r.ms.toFixed(0).padStart(11),
        String(r.replayed).padStart(9),
        r.heapPeakMB.toFixed(1).padStart(13),
        r.heapMB.toFixed(1).padStart(14),
        r.peakRssMB.toFixed(0).padStart(12),
      ].join(' '),
    );
    rmSync(db, { force: true });
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
  }
  const snap = results.filter((r) => r.kind === 'snapshots');
  const smallest = snap[0]!;
  const largest = snap[snap.length - 1]!;
  console.log(
    `\nwith snapshots, ${largest.size} vs ${smallest.size} conversations of history: restart ${(largest.restart.ms / smallest.restart.ms).toFixed(2)}x, peak heap ${(largest.restart.heapPeakMB / smallest.restart.heapPeakMB).toFixed(2)}x, peak RSS ${(largest.restart.peakRssMB / smallest.restart.peakRssMB).toFixed(2)}x`,
  );
  for (const ref of results.filter((r) => r.kind !== 'snapshots')) {
    const same = snap.find((r) => r.size === ref.size)!;
    console.log(
      `${ref.size} conversations: replaying everything takes ${(ref.restart.ms / same.restart.ms).toFixed(1)}x the restart from a snapshot, ${(ref.restart.heapPeakMB / same.restart.heapPeakMB).toFixed(2)}x its peak heap`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
