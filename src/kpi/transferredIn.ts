import type { ConversationRecord } from '../core/index.js';
import type { TransferredInKpis } from './kpiSet.js';

/**
 * Per queue, the conversations transferred in to it: those that entered another queue first
 * (`queueId`) and were in this one last (`lastQueueId`). Per-queue KPIs count a conversation in
 * its first queue, so a queue reached only by transfers (billing in the weekday scenario) would
 * show nothing at all without these. The record keeps the first and the last queue only: a
 * conversation passed on through a queue counts in none but the last.
 */
export function transferredIn(
  records: readonly ConversationRecord[],
  queueIds: readonly string[],
): Map<string, TransferredInKpis> {
  const counts = transferredInCounts(queueIds);
  for (const r of records) countTransferredIn(counts, r);
  return transferredInKpis(counts);
}

/** Running counts of `transferredIn`, by queue id. */
export type TransferredInCounts = Map<
  string,
  { transferredIn: number; handled: number; abandoned: number }
>;

export function transferredInCounts(queueIds: readonly string[]): TransferredInCounts {
  const counts: TransferredInCounts = new Map();
  for (const id of queueIds) counts.set(id, { transferredIn: 0, handled: 0, abandoned: 0 });
  return counts;
}

/** Counts one record in the queue it was transferred in to, if any. */
export function countTransferredIn(counts: TransferredInCounts, r: ConversationRecord): void {
  if (r.lastQueueId === r.queueId) return;
  const c = counts.get(r.lastQueueId);
  if (c === undefined) return;
  c.transferredIn++;
  if (r.outcome === 'handled') c.handled++;
  else if (r.outcome === 'abandoned') c.abandoned++;
}

export function transferredInKpis(counts: TransferredInCounts): Map<string, TransferredInKpis> {
  const out = new Map<string, TransferredInKpis>();
  for (const [id, c] of counts) {
    out.set(id, {
      transferredIn: c.transferredIn,
      transferredInHandled: c.handled,
      transferredInAbandoned: c.abandoned,
    });
  }
  return out;
}
