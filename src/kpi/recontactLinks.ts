import type { ConversationRecord } from '../core/index.js';

/**
 * Which conversations are re-contacts, and which were followed by one, by one rule for simulated
 * and live records alike: a conversation is a re-contact when the same customer's previous
 * conversation on the same asset ended at most `windowMs` before it arrived (a customer has one
 * open conversation per asset at a time, so "previous" is the one that arrived last before it).
 * The live router does not link conversations; the simulator's `previousId` agrees with this
 * rule whenever the re-contact delay is within the window. Over every record given (warm-up and
 * drain included), so that a measured conversation's previous or next one may lie outside the
 * measured horizon.
 */
export interface RecontactLinks {
  readonly recontact: ReadonlySet<ConversationRecord>;
  /** Conversations whose customer's next conversation on the asset is a re-contact. */
  readonly followed: ReadonlySet<ConversationRecord>;
}

export function recontactLinks(
  records: readonly ConversationRecord[],
  windowMs: number,
): RecontactLinks {
  const byCustomer = new Map<string, ConversationRecord[]>();
  for (const r of records) {
    // Asset and customer ids cannot contain a newline: a joined key is unambiguous.
    const key = `${r.assetId}\n${r.customerId}`;
    const list = byCustomer.get(key);
    if (list === undefined) byCustomer.set(key, [r]);
    else list.push(r);
  }
  const recontact = new Set<ConversationRecord>();
  const followed = new Set<ConversationRecord>();
  for (const list of byCustomer.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.arrivedAt - b.arrivedAt);
    for (let i = 1; i < list.length; i++) {
      const previous = list[i - 1]!;
      const gap = list[i]!.arrivedAt - previous.endedAt;
      if (gap >= 0 && gap <= windowMs) {
        recontact.add(list[i]!);
        followed.add(previous);
      }
    }
  }
  return { recontact, followed };
}

/** The re-contact KPIs of a set of measured conversations (`KpiSet.recontacts`, ...). */
export interface RecontactKpis {
  readonly recontacts: number;
  readonly recontactShare: number | null;
  readonly fcr: number | null;
}

export function recontactKpis(
  records: readonly ConversationRecord[],
  links: RecontactLinks,
): RecontactKpis {
  let recontacts = 0;
  let firstHandled = 0;
  let resolved = 0;
  for (const r of records) {
    if (links.recontact.has(r)) {
      recontacts++;
      continue;
    }
    if (r.outcome !== 'handled') continue;
    firstHandled++;
    if (!links.followed.has(r)) resolved++;
  }
  return {
    recontacts,
    recontactShare: records.length > 0 ? recontacts / records.length : null,
    fcr: firstHandled > 0 ? resolved / firstHandled : null,
  };
}
