import type { ConversationRecord } from '../core/index.js';
import { isOwnerLeg, waitMs } from './conversationTimes.js';
import type { ServiceLevelSpec } from './kpiInput.js';
import type { ConversationKpiName, KpiSet } from './kpiSet.js';
import { nearestRank } from './nearestRank.js';
import { type RecontactKpis, type RecontactLinks, recontactKpis } from './recontactLinks.js';
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
  const sums = new ConversationSums(serviceLevel);
  for (const r of records) sums.add(r);
  return sums.kpis(links !== null ? recontactKpis(records, links) : null);
}

/**
 * The running sums behind `ConversationKpis`, one conversation at a time, so that a run's KPIs
 * grow as it goes and no record need be kept: counts and sums, and the answered waits as a
 * typed array (8 bytes a conversation), so that the percentiles are exact order statistics and
 * not a histogram's estimate.
 */
export class ConversationSums {
  private readonly thresholdMs: number;
  private readonly shortMs: number;
  private count = 0;
  private answered = 0;
  private handled = 0;
  private abandoned = 0;
  private abandonedAfterAnswer = 0;
  private shortAbandoned = 0;
  private abandonedAfterThreshold = 0;
  private interrupted = 0;
  private transferDisconnected = 0;
  private answeredWithinThreshold = 0;
  private answeredAtOnce = 0;
  private totalWaitMs = 0;
  private answeredWaitMs = 0;
  private maxWaitMs = Number.NEGATIVE_INFINITY;
  private handleMs = 0;
  private wrapUpMs = 0;
  private offers = 0;
  private ronaCount = 0;
  private transfers = 0;
  private conferences = 0;
  // Typed, so that sorting is numeric and native.
  private answeredWaits = new Float64Array(16);

  constructor(private readonly serviceLevel: ServiceLevelSpec) {
    this.thresholdMs = serviceLevel.thresholdSeconds * 1000;
    this.shortMs = serviceLevel.shortAbandonSeconds * 1000;
  }

  /** Conversations added so far. */
  get offered(): number {
    return this.count;
  }

  add(r: ConversationRecord): void {
    const wait = waitMs(r);
    this.count++;
    this.totalWaitMs += wait;
    if (wait > this.maxWaitMs) this.maxWaitMs = wait;
    if (r.acceptedAt !== null) {
      if (this.answered === this.answeredWaits.length) {
        const bigger = new Float64Array(this.answered * 2);
        bigger.set(this.answeredWaits);
        this.answeredWaits = bigger;
      }
      this.answeredWaits[this.answered++] = wait;
      this.answeredWaitMs += wait;
      if (wait <= this.thresholdMs) this.answeredWithinThreshold++;
      if (wait === 0) this.answeredAtOnce++;
    }
    switch (r.outcome) {
      case 'handled':
        this.handled++;
        for (const leg of r.legs) {
          if (!isOwnerLeg(leg)) continue;
          this.handleMs += leg.endedAt - leg.acceptedAt;
          this.wrapUpMs += leg.wrapUpAt - leg.endedAt;
        }
        break;
      case 'abandoned':
        if (r.acceptedAt !== null) {
          this.abandonedAfterAnswer++;
          break;
        }
        this.abandoned++;
        if (wait < this.shortMs) this.shortAbandoned++;
        if (wait > this.thresholdMs) this.abandonedAfterThreshold++;
        break;
      case 'interrupted':
        this.interrupted++;
        break;
      case 'transfer-disconnected':
        this.transferDisconnected++;
        break;
    }
    this.offers += r.offerCount;
    this.ronaCount += r.ronaCount;
    this.transfers += r.transferCount;
    this.conferences += r.conferenceCount;
  }

  /** The KPIs of the conversations added so far; given, the re-contact KPIs too. */
  kpis(recontact: RecontactKpis | null): ConversationKpis {
    const offered = this.count;
    const { answered, answeredWithinThreshold, shortAbandoned } = this;
    const { abandonedAfterThreshold, abandoned, handled, ronaCount, offers } = this;
    const sortedWaits = this.answeredWaits.slice(0, answered).sort();
    const seconds = (ms: number | null): number | null => (ms === null ? null : ms / 1000);
    const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);
    return {
      offered,
      answered,
      handled,
      abandoned,
      abandonedAfterAnswer: this.abandonedAfterAnswer,
      shortAbandoned,
      abandonedAfterThreshold,
      interrupted: this.interrupted,
      transferDisconnected: this.transferDisconnected,
      answeredWithinThreshold,
      serviceLevel: serviceLevelOf(
        { offered, answered, answeredWithinThreshold, shortAbandoned, abandonedAfterThreshold },
        this.serviceLevel.definition,
      ),
      probabilityWait: ratio(offered - this.answeredAtOnce, offered),
      abandonRate: ratio(abandoned, offered),
      asa: seconds(ratio(this.answeredWaitMs, answered)),
      avgWait: seconds(ratio(this.totalWaitMs, offered)),
      waitP50: seconds(nearestRank(sortedWaits, 0.5)),
      waitP90: seconds(nearestRank(sortedWaits, 0.9)),
      waitP99: seconds(nearestRank(sortedWaits, 0.99)),
      maxWait: offered > 0 ? this.maxWaitMs / 1000 : null,
      aht: seconds(ratio(this.handleMs, handled)),
      avgWrapUp: seconds(ratio(this.wrapUpMs, handled)),
      offers,
      ronaCount,
      ronaRate: ratio(ronaCount, offers),
      transfers: this.transfers,
      conferences: this.conferences,
      ...(recontact ?? {}),
      totalWaitMs: this.totalWaitMs,
    };
  }
}
