import type { ConversationRecord } from '../core/index.js';
import { isOwnerLeg, waitMs } from './conversationTimes.js';
import type { ServiceLevelSpec } from './kpiInput.js';
import type { ConversationKpiName, KpiSet } from './kpiSet.js';
import { nearestRank } from './nearestRank.js';
import { type RecontactLinks, recontactKpis } from './recontactLinks.js';
import { serviceLevelOf } from './serviceLevel.js';

/** The KPIs of a KpiSet that come from the measured conversations alone (no time window). */
export type ConversationKpis = Pick<KpiSet, ConversationKpiName> & {
  /** Σ wait of the measured conversations, ms (Little's law uses it). */
  readonly totalWaitMs: number;
};

export function conversationKpis(
  records: readonly ConversationRecord[],
  serviceLevel: ServiceLevelSpec,
  /** Given: the re-contact KPIs too. */
  links: RecontactLinks | null = null,
): ConversationKpis {
  const thresholdMs = serviceLevel.thresholdSeconds * 1000;
  const shortMs = serviceLevel.shortAbandonSeconds * 1000;
  let answered = 0;
  let handled = 0;
  let abandoned = 0;
  let abandonedAfterAnswer = 0;
  let shortAbandoned = 0;
  let abandonedAfterThreshold = 0;
  let interrupted = 0;
  let transferDisconnected = 0;
  let answeredWithinThreshold = 0;
  let answeredAtOnce = 0;
  let totalWaitMs = 0;
  let answeredWaitMs = 0;
  let maxWaitMs = Number.NEGATIVE_INFINITY;
  let handleMs = 0;
  let wrapUpMs = 0;
  let offers = 0;
  let ronaCount = 0;
  let transfers = 0;
  let conferences = 0;
  // Typed, so that sorting is numeric and native.
  const answeredWaits = new Float64Array(records.length);

  for (const r of records) {
    const wait = waitMs(r);
    totalWaitMs += wait;
    if (wait > maxWaitMs) maxWaitMs = wait;
    if (r.acceptedAt !== null) {
      answeredWaits[answered++] = wait;
      answeredWaitMs += wait;
      if (wait <= thresholdMs) answeredWithinThreshold++;
      if (wait === 0) answeredAtOnce++;
    }
    switch (r.outcome) {
      case 'handled':
        handled++;
        for (const leg of r.legs) {
          if (!isOwnerLeg(leg)) continue;
          handleMs += leg.endedAt - leg.acceptedAt;
          wrapUpMs += leg.wrapUpAt - leg.endedAt;
        }
        break;
      case 'abandoned':
        if (r.acceptedAt !== null) {
          abandonedAfterAnswer++;
          break;
        }
        abandoned++;
        if (wait < shortMs) shortAbandoned++;
        if (wait > thresholdMs) abandonedAfterThreshold++;
        break;
      case 'interrupted':
        interrupted++;
        break;
      case 'transfer-disconnected':
        transferDisconnected++;
        break;
    }
    offers += r.offerCount;
    ronaCount += r.ronaCount;
    transfers += r.transferCount;
    conferences += r.conferenceCount;
  }

  const offered = records.length;
  const sortedWaits = answeredWaits.subarray(0, answered).sort();
  const seconds = (ms: number | null): number | null => (ms === null ? null : ms / 1000);
  const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);
  return {
    offered,
    answered,
    handled,
    abandoned,
    abandonedAfterAnswer,
    shortAbandoned,
    abandonedAfterThreshold,
    interrupted,
    transferDisconnected,
    answeredWithinThreshold,
    serviceLevel: serviceLevelOf(
      { offered, answered, answeredWithinThreshold, shortAbandoned, abandonedAfterThreshold },
      serviceLevel.definition,
    ),
    probabilityWait: ratio(offered - answeredAtOnce, offered),
    abandonRate: ratio(abandoned, offered),
    asa: seconds(ratio(answeredWaitMs, answered)),
    avgWait: seconds(ratio(totalWaitMs, offered)),
    waitP50: seconds(nearestRank(sortedWaits, 0.5)),
    waitP90: seconds(nearestRank(sortedWaits, 0.9)),
    waitP99: seconds(nearestRank(sortedWaits, 0.99)),
    maxWait: offered > 0 ? maxWaitMs / 1000 : null,
    aht: seconds(ratio(handleMs, handled)),
    avgWrapUp: seconds(ratio(wrapUpMs, handled)),
    offers,
    ronaCount,
    ronaRate: ratio(ronaCount, offers),
    transfers,
    conferences,
    ...(links !== null ? recontactKpis(records, links) : {}),
    totalWaitMs,
  };
}
