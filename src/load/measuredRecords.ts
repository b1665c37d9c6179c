import type { AgentStateRecord, ConversationRecord } from '../core/index.js';
import type { AdminClient } from './adminClient.js';
import type { ClockAlignment } from './clockAlignment.js';
import { type CustomerAccount, customerKey } from './messageLedger.js';
import type { ArrivalInfo } from './segmentShare.js';

/** What the deployment recorded of this run's customers, read back through its admin API. */
export interface MeasuredRecords {
  /** Finished records of this segment's customers that arrived after the replay began. */
  readonly records: ConversationRecord[];
  readonly agentStates: AgentStateRecord[];
  /** Per customer: messages in finished records and ids in open conversations (loss check). */
  readonly accounts: Map<string, CustomerAccount>;
}

/**
 * Reads records, agent states and open conversations once the run is over, and keeps this run's:
 * this segment's customers, from a second before the replay's start on the deployment's clock
 * (so a previous run against the same deployment does not count).
 */
export async function measuredRecords(
  admin: AdminClient,
  arrivals: ReadonlyMap<number, ArrivalInfo>,
  alignment: ClockAlignment | null,
  speed: number,
  /** The id the replay sent for a message id the deployment shows (opaque or WhatsApp's). */
  sentId: (frameId: string) => string,
): Promise<MeasuredRecords> {
  const [allRecords, states, open] = await Promise.all([
    admin.records(),
    admin.agentStates(),
    admin.openConversations(),
  ]);
  const ours = new Set([...arrivals.values()].map((a) => customerKey(a.assetId, a.customerId)));
  const since = alignment ? alignment.serverAtStart - 1000 * (alignment.rate / speed) : 0;
  const records = allRecords.filter(
    (r) => ours.has(customerKey(r.assetId, r.customerId)) && r.arrivedAt >= since,
  );
  const agentStates = states.filter((s) => s.at >= since);
  const accounts = new Map<string, CustomerAccount>();
  for (const r of records) {
    const key = customerKey(r.assetId, r.customerId);
    const a = accounts.get(key) ?? { recorded: 0, openIds: new Set<string>() };
    accounts.set(key, { recorded: a.recorded + r.customerMessages, openIds: a.openIds });
  }
  for (const c of open) {
    const key = customerKey(c.assetId, c.customer.id);
    if (!ours.has(key)) continue;
    const a = accounts.get(key) ?? { recorded: 0, openIds: new Set<string>() };
    const openIds = new Set(a.openIds);
    for (const m of c.messages ?? []) if (m.messageId) openIds.add(sentId(m.messageId));
    accounts.set(key, { recorded: a.recorded, openIds });
  }
  return { records, agentStates, accounts };
}
