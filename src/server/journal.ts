import { createHash } from 'node:crypto';
import { closeSync, fdatasync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AgentStateRecord, ConversationRecord, TenantConfig } from '../core/index.js';
import { ServerError, ServerErrorCode } from './errors.js';

/** `full`: every batch is fsynced before it is answered (survives power loss); `normal`: it
 * survives a process crash only. */
export type Synchronous = 'full' | 'normal';

export interface JournalRow {
  readonly seq: number;
  readonly now: number;
  /** The command as journaled (JSON text). */
  readonly command: string;
  /**
   * The WhatsApp id of a `customer.message` (its command carries the opaque id): kept beside the
   * command, never in it, so that a replay can fill the duplicate filter. Null for the others.
   */
  readonly ref: string | null;
}

/** One command to journal: its JSON and, for a customer message, the WhatsApp id. */
export interface JournalEntry {
  readonly json: string;
  readonly ref: string | null;
}

/** The layout of the file; a file of another layout is refused (DB_SCHEMA_MISMATCH). */
export const SCHEMA_VERSION = '3';

export type OutboundStatus = 'pending' | 'sent' | 'failed' | 'held';

export interface OutboundRow {
  readonly msgSeq: number;
  readonly journalSeq: number;
  readonly conversationId: string;
  readonly assetId: string;
  readonly customerId: string;
  readonly agentId: string;
  readonly text: string;
  readonly status: OutboundStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly updatedAt: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS journal (
  seq INTEGER PRIMARY KEY, now INTEGER NOT NULL, command TEXT NOT NULL, ref TEXT);
CREATE TABLE IF NOT EXISTS message_ids (id TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS message_ids_at ON message_ids (at);
CREATE TABLE IF NOT EXISTS records (
  conversation_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, finalized_at INTEGER NOT NULL, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS records_seq ON records (seq, conversation_id);
CREATE INDEX IF NOT EXISTS records_finalized_at ON records (finalized_at);
CREATE TABLE IF NOT EXISTS agent_states (
  seq INTEGER NOT NULL, idx INTEGER NOT NULL, at INTEGER NOT NULL, record TEXT NOT NULL,
  PRIMARY KEY (seq, idx));
CREATE INDEX IF NOT EXISTS agent_states_at ON agent_states (at);
CREATE TABLE IF NOT EXISTS outbound (
  msg_seq INTEGER PRIMARY KEY, journal_seq INTEGER NOT NULL, conversation_id TEXT NOT NULL,
  asset_id TEXT NOT NULL, customer_id TEXT NOT NULL, agent_id TEXT NOT NULL, text TEXT NOT NULL,
  status TEXT NOT NULL, attempts INTEGER NOT NULL, last_error TEXT, updated_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS outbound_status ON outbound (status, msg_seq);
CREATE INDEX IF NOT EXISTS outbound_updated_at ON outbound (updated_at);
CREATE TABLE IF NOT EXISTS snapshot (
  id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, now INTEGER NOT NULL,
  state TEXT NOT NULL);
`;

/** The router's state as of journal row `seq` (applied at `now`): `Router.exportState()` JSON. */
export interface StoredSnapshot {
  readonly seq: number;
  readonly now: number;
  readonly state: string;
}

/** A finished record (JSON text) and its position in the records' order. */
export interface RecordRow {
  readonly seq: number;
  readonly id: string;
  readonly record: string;
}

/** Rows each history table lost to a retention pass. */
export interface PrunedHistory {
  readonly records: number;
  readonly agentStates: number;
  readonly outbound: number;
}

type SideWrite = () => void;

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: Database.Database) {
  return {
    journal: db.prepare('INSERT INTO journal (seq, now, command, ref) VALUES (?, ?, ?, ?)'),
    messageIdInsert: db.prepare('INSERT OR IGNORE INTO message_ids (id, at) VALUES (?, ?)'),
    messageIdSeen: db.prepare('SELECT 1 FROM message_ids WHERE id = ? AND at >= ?').pluck(),
    messageIdPrune: db.prepare(
      'DELETE FROM message_ids WHERE id IN (SELECT id FROM message_ids WHERE at < ? ORDER BY at LIMIT ?)',
    ),
    page: db.prepare(
      'SELECT seq, now, command, ref FROM journal WHERE seq > ? ORDER BY seq LIMIT ?',
    ),
    record: db.prepare(
      'INSERT OR IGNORE INTO records (conversation_id, seq, finalized_at, record) VALUES (?, ?, ?, ?)',
    ),
    agentState: db.prepare(
      'INSERT OR IGNORE INTO agent_states (seq, idx, at, record) VALUES (?, ?, ?, ?)',
    ),
    recordsAfter: db.prepare(
      `SELECT seq, conversation_id AS id, record FROM records
        WHERE seq > ? OR (seq = ? AND conversation_id > ?) ORDER BY seq, conversation_id LIMIT ?`,
    ),
    snapshotRead: db.prepare('SELECT seq, now, state FROM snapshot WHERE id = 1'),
    snapshotWrite: db.prepare(
      'INSERT OR REPLACE INTO snapshot (id, seq, now, state) VALUES (1, ?, ?, ?)',
    ),
    compact: db.prepare(
      'DELETE FROM journal WHERE seq IN (SELECT seq FROM journal WHERE seq <= ? ORDER BY seq LIMIT ?)',
    ),
    pruneRecords: db.prepare(
      `DELETE FROM records WHERE conversation_id IN
        (SELECT conversation_id FROM records WHERE finalized_at < ? ORDER BY finalized_at LIMIT ?)`,
    ),
    pruneAgentStates: db.prepare(
      `DELETE FROM agent_states WHERE (seq, idx) IN
        (SELECT seq, idx FROM agent_states WHERE at < ? ORDER BY at LIMIT ?)`,
    ),
    // Pending replies are never history: they are still to be sent.
    pruneOutbound: db.prepare(
      `DELETE FROM outbound WHERE msg_seq IN (SELECT msg_seq FROM outbound
        WHERE updated_at < ? AND status <> 'pending' ORDER BY updated_at LIMIT ?)`,
    ),
    outboundInsert: db.prepare(
      `INSERT OR IGNORE INTO outbound (msg_seq, journal_seq, conversation_id, asset_id, customer_id,
        agent_id, text, status, attempts, last_error, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?)`,
    ),
    outboundStatus: db.prepare(
      'UPDATE outbound SET status = ?, attempts = ?, last_error = ?, updated_at = ? WHERE msg_seq = ?',
    ),
  };
}

/**
 * The durable store, in one SQLite file (better-sqlite3, WAL). The journal table is the source of
 * truth: every command, in order, with the `now` it was applied at. The other tables are derived
 * from it (finished records, agent state changes, the outbound message log) and are written with
 * INSERT OR IGNORE, so that a replay after a crash fills in whatever the crash lost.
 *
 * Writes are batched: `append` writes one batch of commands plus every queued derived row in a
 * single transaction (group commit), so one fsync covers many webhooks.
 *
 * History stays bounded: a snapshot of the router's state (`writeSnapshot`, one row, replaced in
 * one transaction with the derived rows of the commands it covers) lets the journal rows it covers
 * go (`compact`), and derived rows older than the retention go too (`pruneHistory`). A restart
 * then reads the snapshot and the journal after it, whatever the history.
 */
export class Journal {
  private readonly db: Database.Database;
  private readonly side: SideWrite[] = [];
  private nextSeq: number;
  private readonly stmts: Statements;
  private walFd: number | null = null;
  private syncing: Promise<void> | null = null;
  private nextSync: Promise<void> | null = null;
  /** The `now` of the last journaled command (0 for a new journal). */
  readonly lastNow: number;
  private readonly appendTx: (
    rows: readonly (readonly [number, number, string, string | null])[],
  ) => void;
  /** Message ids queued as side writes, not yet committed: the duplicate filter sees them too. */
  private readonly uncommittedIds = new Set<string>();
  private readonly sideTx: () => void;
  private readonly snapshotTx: (seq: number, now: number, state: string) => void;
  private readonly pruneTx: (before: number, limit: number) => PrunedHistory;
  readonly durable: boolean;

  constructor(
    private readonly path: string,
    tenant: TenantConfig,
    private readonly synchronous: Synchronous = 'full',
  ) {
    this.db = new Database(path);
    this.durable = path !== ':memory:' && path !== '';
    if (this.durable) this.db.pragma('journal_mode = WAL');
    // SQLite itself never fsyncs a commit: `sync()` does, off the event loop (see there).
    this.db.pragma('synchronous = NORMAL');
    this.checkSchema();
    this.db.exec(SCHEMA);
    this.checkTenant(tenant);
    const db = this.db;
    this.stmts = prepareStatements(db);
    const last = db.prepare('SELECT seq, now FROM journal ORDER BY seq DESC LIMIT 1').get() as
      | { seq: number; now: number }
      | undefined;
    // A journal compacted behind its snapshot may be empty: numbering and time go on from there.
    const snap = this.snapshot();
    this.nextSeq = Math.max(last?.seq ?? 0, snap?.seq ?? 0) + 1;
    this.lastNow = Math.max(last?.now ?? 0, snap?.now ?? 0);
    this.appendTx = db.transaction(
      (rows: readonly (readonly [number, number, string, string | null])[]) => {
        this.runSide();
        for (const row of rows) this.stmts.journal.run(row[0], row[1], row[2], row[3]);
      },
    );
    this.sideTx = db.transaction(() => this.runSide());
    this.snapshotTx = db.transaction((seq: number, now: number, state: string) => {
      this.runSide();
      this.stmts.snapshotWrite.run(seq, now, state);
    });
    this.pruneTx = db.transaction(
      (before: number, limit: number): PrunedHistory => ({
        records: this.stmts.pruneRecords.run(before, limit).changes,
        agentStates: this.stmts.pruneAgentStates.run(before, limit).changes,
        outbound: this.stmts.pruneOutbound.run(before, limit).changes,
      }),
    );
  }

  /** A new file gets this layout; one written by another version of the server is refused. */
  private checkSchema(): void {
    const hasMeta = this.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'")
      .get();
    const version = hasMeta
      ? (this.db.prepare("SELECT value FROM meta WHERE key = 'schema'").pluck().get() as
          | string
          | undefined)
      : undefined;
    if (version === SCHEMA_VERSION) return;
    if (hasMeta) {
      this.db.close();
      throw new ServerError(
        ServerErrorCode.dbSchemaMismatch,
        `this database has layout ${version ?? '1'}, this server writes layout ${SCHEMA_VERSION}; use another --db`,
      );
    }
    this.db.exec(SCHEMA);
    this.db.prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)").run(SCHEMA_VERSION);
  }

  private checkTenant(tenant: TenantConfig): void {
    const hash = createHash('sha256').update(JSON.stringify(tenant)).digest('hex');
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'tenant'").get() as
      | { value: string }
      | undefined;
    if (!row) {
      this.db.prepare("INSERT INTO meta (key, value) VALUES ('tenant', ?)").run(hash);
      return;
    }
    if (row.value !== hash) {
      this.db.close();
      throw new ServerError(
        ServerErrorCode.dbTenantMismatch,
        'this database was written for a different tenant (scenario); use another --db',
      );
    }
  }

  /** The seq of the last journaled command (0 for a new journal). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** The latest snapshot, if one was written. */
  snapshot(): StoredSnapshot | undefined {
    return this.stmts.snapshotRead.get() as StoredSnapshot | undefined;
  }

  /**
   * Replaces the snapshot with the router's state as of journal row `seq`, in one transaction with
   * every queued derived row (those of the commands up to `seq` among them): once it is committed,
   * nothing about those commands needs their journal rows any more.
   */
  writeSnapshot(seq: number, now: number, state: string): void {
    this.snapshotTx(seq, now, state);
    this.sideCommitted();
  }

  /**
   * Deletes up to `limit` journal rows the snapshot covers, oldest first; returns how many.
   * Never one after the snapshot's seq.
   */
  compact(limit: number): number {
    const snap = this.snapshot();
    if (snap === undefined) return 0;
    return this.stmts.compact.run(snap.seq, limit).changes;
  }

  /**
   * Deletes history older than `before` (server time): finished records, agent state changes and
   * replies no longer pending, up to `limit` rows of each; returns how many went.
   */
  pruneHistory(before: number, limit: number): PrunedHistory {
    return this.pruneTx(before, limit);
  }

  /**
   * Up to `limit` journaled commands after `seq`, in order: replay reads pages, so that no cursor
   * stays open while it writes the derived rows of the page before.
   */
  rowsAfter(seq: number, limit: number): JournalRow[] {
    return this.stmts.page.all(seq, limit) as JournalRow[];
  }

  /**
   * Appends commands at time `now` together with every queued derived row, in one transaction;
   * returns the first sequence number. Throws if SQLite does: nothing is written.
   */
  append(now: number, commands: readonly JournalEntry[]): number {
    const first = this.nextSeq;
    const rows = commands.map((c, i) => [first + i, now, c.json, c.ref] as const);
    this.appendTx(rows);
    this.nextSeq += commands.length;
    this.sideCommitted();
    return first;
  }

  private sideCommitted(): void {
    this.side.length = 0;
    this.uncommittedIds.clear();
  }

  /** Was WhatsApp message `id` taken at or after `since`? (committed or queued to be) */
  hasMessageId(id: string, since: number): boolean {
    return this.uncommittedIds.has(id) || this.stmts.messageIdSeen.get(id, since) !== undefined;
  }

  /** Remembers a WhatsApp message id the router took, at `at`, with the next commit. */
  queueMessageId(id: string, at: number): void {
    this.uncommittedIds.add(id);
    this.side.push(() => this.stmts.messageIdInsert.run(id, at));
  }

  /** Forgets up to `limit` message ids taken before `before`; returns how many. */
  pruneMessageIds(before: number, limit: number): number {
    return this.stmts.messageIdPrune.run(before, limit).changes;
  }

  /**
   * Makes everything appended so far durable: fdatasync of the WAL file on libuv's thread pool,
   * so that the event loop goes on taking requests (and collecting the next batch) meanwhile.
   * This is what `synchronous = FULL` does inside the commit, moved off the main thread. With
   * `normal` (or in memory) it resolves at once: commits then survive a process crash (they are
   * in the OS), not a power loss.
   */
  sync(): Promise<void> {
    if (!this.durable || this.synchronous !== 'full') return Promise.resolve();
    if (this.walFd === null) {
      this.walFd = openSync(`${this.path}-wal`, 'r+');
      // The WAL file is new: make its directory entry durable too, once.
      const dir = openSync(dirname(this.path), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
    // One fsync at a time: a sync asked for while one runs waits for the next one, which starts
    // when the running one ends and covers every caller that queued meanwhile. Under load this
    // folds many batches into one fsync (each hand-off to the thread pool costs the event loop).
    if (this.syncing === null) return this.startSync(this.walFd);
    const fd = this.walFd;
    this.nextSync ??= this.syncing
      .catch(() => undefined)
      .then(() => {
        this.nextSync = null;
        return this.syncing ?? this.startSync(fd);
      });
    return this.nextSync;
  }

  private startSync(fd: number): Promise<void> {
    const running = new Promise<void>((resolve, reject) =>
      fdatasync(fd, (err) => (err ? reject(err) : resolve())),
    ).finally(() => {
      if (this.syncing === running) this.syncing = null;
    });
    this.syncing = running;
    return running;
  }

  get hasSideWrites(): boolean {
    return this.side.length > 0;
  }

  /** Commits queued derived rows now (readers call this to see their own writes). */
  flushSide(): void {
    if (this.side.length === 0) return;
    this.sideTx();
    this.sideCommitted();
  }

  private runSide(): void {
    for (const write of this.side) write();
  }

  queueRecord(seq: number, record: ConversationRecord): void {
    const json = JSON.stringify(record);
    this.side.push(() =>
      this.stmts.record.run(record.conversationId, seq, record.finalizedAt, json),
    );
  }

  queueAgentState(seq: number, idx: number, record: AgentStateRecord): void {
    const json = JSON.stringify(record);
    this.side.push(() => this.stmts.agentState.run(seq, idx, record.at, json));
  }

  queueOutbound(
    row: Omit<OutboundRow, 'attempts' | 'lastError' | 'updatedAt'>,
    updatedAt: number,
  ): void {
    this.side.push(() =>
      this.stmts.outboundInsert.run(
        row.msgSeq,
        row.journalSeq,
        row.conversationId,
        row.assetId,
        row.customerId,
        row.agentId,
        row.text,
        row.status,
        updatedAt,
      ),
    );
  }

  queueOutboundStatus(
    msgSeq: number,
    status: OutboundStatus,
    attempts: number,
    lastError: string | null,
    updatedAt: number,
  ): void {
    this.side.push(() =>
      this.stmts.outboundStatus.run(status, attempts, lastError, updatedAt, msgSeq),
    );
  }

  /** Finished conversation records as JSON texts, in the order they became final. */
  records(offset: number, limit: number): string[] {
    this.flushSide();
    const rows = this.db
      .prepare('SELECT record FROM records ORDER BY seq, conversation_id LIMIT ? OFFSET ?')
      .pluck()
      .all(limit, offset) as string[];
    return rows;
  }

  /**
   * Up to `limit` records after position `after` ([seq, conversation id] of the last one read;
   * null: from the start), in the order they became final, with their positions: a keyset page,
   * so that an export does not skip a row when older ones are pruned meanwhile.
   */
  recordsAfter(after: readonly [number, string] | null, limit: number): RecordRow[] {
    this.flushSide();
    const [seq, id] = after ?? [-1, ''];
    return this.stmts.recordsAfter.all(seq, seq, id, limit) as RecordRow[];
  }

  recordCount(): number {
    this.flushSide();
    return this.db.prepare('SELECT count(*) FROM records').pluck().get() as number;
  }

  /** Agent status changes as JSON texts, oldest first. */
  agentStates(offset: number, limit: number): string[] {
    this.flushSide();
    return this.db
      .prepare('SELECT record FROM agent_states ORDER BY seq, idx LIMIT ? OFFSET ?')
      .pluck()
      .all(limit, offset) as string[];
  }

  outbound(status: OutboundStatus | undefined, limit: number): OutboundRow[] {
    this.flushSide();
    const columns = `msg_seq AS msgSeq, journal_seq AS journalSeq, conversation_id AS conversationId,
      asset_id AS assetId, customer_id AS customerId, agent_id AS agentId, text, status, attempts,
      last_error AS lastError, updated_at AS updatedAt`;
    const rows = status
      ? this.db
          .prepare(`SELECT ${columns} FROM outbound WHERE status = ? ORDER BY msg_seq DESC LIMIT ?`)
          .all(status, limit)
      : this.db.prepare(`SELECT ${columns} FROM outbound ORDER BY msg_seq DESC LIMIT ?`).all(limit);
    return (rows as OutboundRow[]).reverse();
  }

  outboundCounts(): Record<OutboundStatus, number> {
    this.flushSide();
    const counts: Record<OutboundStatus, number> = { pending: 0, sent: 0, failed: 0, held: 0 };
    const rows = this.db
      .prepare('SELECT status, count(*) AS n FROM outbound GROUP BY status')
      .all() as { status: OutboundStatus; n: number }[];
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  /** Messages not yet delivered, oldest first: resent after a restart. */
  pendingOutbound(): OutboundRow[] {
    this.flushSide();
    return this.db
      .prepare(
        `SELECT msg_seq AS msgSeq, journal_seq AS journalSeq, conversation_id AS conversationId,
          asset_id AS assetId, customer_id AS customerId, agent_id AS agentId, text, status,
          attempts, last_error AS lastError, updated_at AS updatedAt
         FROM outbound WHERE status = 'pending' ORDER BY msg_seq`,
      )
      .all() as OutboundRow[];
  }

  /** Commits what is queued, checkpoints the WAL and closes the file. */
  close(): void {
    if (!this.db.open) return;
    if (this.walFd !== null) {
      closeSync(this.walFd);
      this.walFd = null;
    }
    try {
      this.flushSide();
      if (this.durable) this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }
}
