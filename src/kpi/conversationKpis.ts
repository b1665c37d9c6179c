import type { ConversationRecord } from '../core/index.js';
import { isOwnerLeg, waitMs } from './conversationTimes.js';
import type { ServiceLevelSpec } from './kpiInput.js';
import type { ConversationKpiName, KpiSet } from './kpiSet.js';
import { nearestRankIndex } from './nearestRank.js';
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
 * typed array, so that the percentiles are exact order statistics and not a histogram's estimate.
 * A wait of zero is only counted: in a large center nearly every conversation is answered at
 * once, and keeping those zeros was most of the KPIs' memory (8 bytes a conversation per period
 * and queue it counts in). The percentiles read the zeros in their place among the others.
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
  /** Answered waits of +0 ms: counted, not kept in `otherWaits`. */
  private zeroWaits = 0;
  /**
   * Kept waits that sort before +0: negative ones or -0 (none in a simulation; records given to
   * computeKpis might have them).
   */
  private belowZero = 0;
  // The other answered waits; typed, so that sorting is numeric and native.
  private otherWaits = new Float64Array(16);
  private others = 0;

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
      this.answered++;
      // +0 only: -0 sorts before +0 in a Float64Array, so it is kept with the others.
      if (wait === 0 && 1 / wait > 0) this.zeroWaits++;
      else this.keepWait(wait);
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

  private keepWait(wait: number): void {
    if (this.others === this.otherWaits.length) {
      const bigger = new Float64Array(this.others * 2);
      bigger.set(this.otherWaits);
      this.otherWaits = bigger;
    }
    this.otherWaits[this.others++] = wait;
    if (wait <= 0) this.belowZero++; // only -0 of the zeros is kept
  }

  /**
   * The p-quantile (nearest rank) of all answered waits: the kept ones sorted, with the zeros
   * after those below +0 and before the rest, where one sorted array of them all has them.
   */
  private waitQuantile(sortedOthers: Float64Array, p: number): number | null {
    const k = nearestRankIndex(this.answered, p);
    if (k === null) return null;
    const below = this.belowZero;
    if (k < below) return sortedOthers[k]!;
    if (k < below + this.zeroWaits) return 0;
    return sortedOthers[k - this.zeroWaits]!;
  }

  /** The KPIs of the conversations added so far; given, the re-contact KPIs too. */
  kpis(recontact: RecontactKpis | null): ConversationKpis {
    const offered = this.count;
    const { answered, answeredWithinThreshold, shortAbandoned } = this;
    const { abandonedAfterThreshold, abandoned, handled, ronaCount, offers } = this;
    const sortedWaits = this.otherWaits.slice(0, this.others).sort();
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
      waitP50: seconds(this.waitQuantile(sortedWaits, 0.5)),
      waitP90: seconds(this.waitQuantile(sortedWaits, 0.9)),
      waitP99: seconds(this.waitQuantile(sortedWaits, 0.99)),
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
