import type { ConversationRecord } from '../core/index.js';
import { RecontactTally } from './recontactTally.js';

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
  const tally = new RecontactTally(windowMs, 0, 0);
  for (const r of records) tally.add(r, -2, -1);
  const links = tally.links();
  const recontact = new Set<ConversationRecord>();
  const followed = new Set<ConversationRecord>();
  records.forEach((r, i) => {
    if (links.recontact[i]) recontact.add(r);
    if (links.followed[i]) followed.add(r);
  });
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
  return recontactKpisOf({ offered: records.length, recontacts, firstHandled, resolved });
}

/**
 * Counts behind the re-contact KPIs of a set: its conversations, its re-contacts, its handled
 * conversations that were no re-contact, and of those the ones not followed by a re-contact.
 */
export interface RecontactCounts {
  readonly offered: number;
  readonly recontacts: number;
  readonly firstHandled: number;
  readonly resolved: number;
}

export function recontactKpisOf(c: RecontactCounts): RecontactKpis {
  return {
    recontacts: c.recontacts,
    recontactShare: c.offered > 0 ? c.recontacts / c.offered : null,
    fcr: c.firstHandled > 0 ? c.resolved / c.firstHandled : null,
  };
}
