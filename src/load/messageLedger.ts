/**
 * Every customer message of a replay, from its intended send time to the first agent frame that
 * carries its id: the source of the message_to_desktop and arrival_to_offer latencies and of the
 * loss check (an acknowledged message must reach an agent or a finished record).
 */

export type MessageState = 'scheduled' | 'sent' | 'acked' | 'failed';

export interface LedgerEntry {
  readonly messageId: string;
  readonly arrival: number;
  readonly seq: number;
  readonly assetId: string;
  readonly customerId: string;
  /** Intended send time, on the replayer's clock (performance.now() milliseconds). */
  readonly due: number;
  state: MessageState;
  /** First agent frame carrying the id (-1: none yet). */
  seenAt: number;
  /** Agents that got it as a new-message event (a second one to the same agent is a duplicate). */
  deliveredTo: string[] | null;
}

/** What the deployment's admin API says about one customer (for the loss check). */
export interface CustomerAccount {
  /** Σ customerMessages of the customer's finished records of this run. */
  readonly recorded: number;
  /** Ids of the customer's messages in conversations still open. */
  readonly openIds: ReadonlySet<string>;
}

export interface LossReport {
  /** Messages answered 200. */
  readonly acknowledged: number;
  /** Of those, seen in an agent frame. */
  readonly delivered: number;
  /** Not on any desktop, but in an open conversation or counted by a finished record. */
  readonly recordedOnly: number;
  /** Neither: the deployment acknowledged them and then lost them. */
  readonly lost: number;
  /** Up to 20 ids of lost messages, for the report. */
  readonly lostIds: readonly string[];
  /** How the messages not seen on a desktop were checked. */
  readonly verifiedBy: 'frames+records' | 'frames-only';
}

export class MessageLedger {
  private readonly byId = new Map<string, LedgerEntry>();
  duplicateDeliveries = 0;

  register(entry: Omit<LedgerEntry, 'state' | 'seenAt' | 'deliveredTo'>): LedgerEntry {
    const full: LedgerEntry = { ...entry, state: 'scheduled', seenAt: -1, deliveredTo: null };
    this.byId.set(entry.messageId, full);
    return full;
  }

  get(messageId: string): LedgerEntry | undefined {
    return this.byId.get(messageId);
  }

  entries(): IterableIterator<LedgerEntry> {
    return this.byId.values();
  }

  /**
   * An agent frame carried the id. Returns the entry when this is the first sighting (the
   * caller records latencies then), else null.
   */
  seen(messageId: string, at: number): LedgerEntry | null {
    const entry = this.byId.get(messageId);
    if (entry === undefined || entry.seenAt >= 0) return null;
    entry.seenAt = at;
    return entry;
  }

  /** A new-message event for the id reached an agent; true when that agent had it already. */
  delivered(messageId: string, agentId: string): boolean {
    const entry = this.byId.get(messageId);
    if (entry === undefined) return false;
    if (entry.deliveredTo === null) {
      entry.deliveredTo = [agentId];
      return false;
    }
    if (entry.deliveredTo.includes(agentId)) {
      this.duplicateDeliveries++;
      return true;
    }
    entry.deliveredTo.push(agentId);
    return false;
  }

  /** Messages answered 200 and not seen in any agent frame yet (a live view of the loss check). */
  unseenAcknowledged(): number {
    let n = 0;
    for (const entry of this.byId.values()) if (entry.state === 'acked' && entry.seenAt < 0) n++;
    return n;
  }

  /**
   * The loss check. A message answered 200 is accounted for when an agent frame carried it, when
   * it sits in a conversation still open, or when the customer's finished records count at least
   * as many customer messages as were acknowledged for that customer and are not open. Without
   * the admin API (`accounts` null) only agent frames count.
   */
  loss(accounts: ReadonlyMap<string, CustomerAccount> | null): LossReport {
    const perCustomer = new Map<string, LedgerEntry[]>();
    let acknowledged = 0;
    let delivered = 0;
    for (const entry of this.byId.values()) {
      if (entry.state !== 'acked') continue;
      acknowledged++;
      if (entry.seenAt >= 0) delivered++;
      const key = customerKey(entry.assetId, entry.customerId);
      const list = perCustomer.get(key);
      if (list) list.push(entry);
      else perCustomer.set(key, [entry]);
    }
    let lost = 0;
    const lostIds: string[] = [];
    for (const [key, entries] of perCustomer) {
      const unseen = entries.filter((e) => e.seenAt < 0);
      if (unseen.length === 0) continue;
      const account = accounts?.get(key);
      let missing: LedgerEntry[] = unseen;
      if (account !== undefined) {
        const notOpen = unseen.filter((e) => !account.openIds.has(e.messageId));
        const closedAcked = entries.filter((e) => !account.openIds.has(e.messageId)).length;
        const shortBy = Math.max(0, closedAcked - account.recorded);
        missing = notOpen.slice(notOpen.length - Math.min(notOpen.length, shortBy));
      }
      lost += missing.length;
      for (const e of missing) if (lostIds.length < 20) lostIds.push(e.messageId);
    }
    return {
      acknowledged,
      delivered,
      recordedOnly: acknowledged - delivered - lost,
      lost,
      lostIds,
      verifiedBy: accounts === null ? 'frames-only' : 'frames+records',
    };
  }
}

export function customerKey(assetId: string, customerId: string): string {
  return `${assetId}\u0000${customerId}`;
}
