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
  const counts = new Map<string, { transferredIn: number; handled: number; abandoned: number }>();
  for (const id of queueIds) counts.set(id, { transferredIn: 0, handled: 0, abandoned: 0 });
  for (const r of records) {
    if (r.lastQueueId === r.queueId) continue;
    const c = counts.get(r.lastQueueId);
    if (c === undefined) continue;
    c.transferredIn++;
    if (r.outcome === 'handled') c.handled++;
    else if (r.outcome === 'abandoned') c.abandoned++;
  }
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
