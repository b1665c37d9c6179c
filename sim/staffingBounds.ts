import {
  type MeanEvidence,
  meanEvidence,
  type Summary,
  studentTQuantile,
} from '../src/kpi/index.js';
import type { StaffingTarget } from './staffingEstimate.js';

/**
 * When the staffing search may call an interval's service level shown to meet or to fail the
 * target (docs/reports.md, "Staffing: uncertainty"). Each bound is
 *
 *   mean ± t(1 − α / (2·m·K), n − 1) · sd / √n
 *
 * with α = 1 − confidence, m the measured intervals and K the looks a candidate may take (its
 * replication counts R, 2R, 4R, … up to the cap). By Bonferroni's inequality all m intervals'
 * bounds at every one of the K looks hold together with probability ≥ the confidence, so adding
 * replications until an interval is decided (optional stopping) does not inflate the error rate.
 *
 * These bounds rest on a normal approximation, which a bounded, left-skewed service level
 * defeats when a sample misses its tail (erlang-c1 at 13 agents: 13% of 50-replication samples
 * showed some interval "met" against a nominal ≤ 5%). So a decision also needs evidence that
 * assumes nothing but the bound [0, 1]: betting on the replications' service levels
 * (src/kpi/meanEvidence.ts) must reach 1/a, a = α/(2m), on the decision's side (Ville's
 * inequality makes that hold at every look, so K does not enter). Without it the interval is
 * undecided (`unproven`).
 *
 * No decision is made without spread: fewer than two replications, or every replication giving
 * the same value (100% in each of them says nothing about the next), leaves an interval
 * undecided — the search then keeps its analytic estimate there, and the interval is reported
 * `uncertain`.
 */
export interface Bounds {
  /** The simultaneous lower and upper bounds; null when there is nothing to bound. */
  readonly low: number | null;
  readonly high: number | null;
}

/** What the search concluded about one interval of one candidate. */
export type Verdict = 'met' | 'unmet' | 'undecided' | 'no-traffic';

export interface IntervalJudgement {
  readonly verdict: Verdict;
  /**
   * Why undecided: the bounds straddle the target, there was no spread to bound with, or the
   * bounds decide but the distribution-free evidence does not (yet).
   */
  readonly reason: 'straddles' | 'no-spread' | 'unproven' | null;
  readonly serviceLevel: Bounds;
  readonly occupancy: Bounds;
  readonly replications: number;
  /** The t quantile the bounds used; null without two replications. */
  readonly t: number | null;
  /** The betting evidence on the service level against the target, and the 1/a it must reach. */
  readonly evidence: (MeanEvidence & { readonly needed: number }) | null;
}

/** What the judge reads of one interval of one candidate. */
export interface IntervalSample {
  readonly serviceLevel: Summary;
  readonly occupancy: Summary;
  /** Each replication's service level, in replication order (null: nothing offered). */
  readonly serviceLevels: readonly (number | null)[];
}

/** The least replications per candidate for a staffing decision (docs/reports.md). */
export const MIN_STAFFING_REPLICATIONS = 10;

/** The replication counts a candidate may be looked at with: R, 2R, 4R, … ≤ cap, and the cap. */
export function looks(start: number, cap: number): number[] {
  const out: number[] = [];
  for (let n = start; n < cap; n *= 2) out.push(n);
  out.push(cap);
  return out;
}

export class Judge {
  private readonly alpha: number;
  /** 1/a: the capital the betting evidence must reach, a = α/(2m). */
  readonly evidenceNeeded: number;
  private readonly quantiles = new Map<number, number>();

  constructor(
    private readonly target: StaffingTarget,
    confidence: number,
    /** Measured intervals (m). */
    readonly intervals: number,
    /** Looks per candidate (K). */
    readonly lookCount: number,
  ) {
    this.alpha = (1 - confidence) / (2 * Math.max(1, intervals) * Math.max(1, lookCount));
    this.evidenceNeeded = (2 * Math.max(1, intervals)) / (1 - confidence);
  }

  /** t(1 − α/(2mK), n − 1); null for n < 2. */
  quantile(n: number): number | null {
    if (n < 2) return null;
    let q = this.quantiles.get(n);
    if (q === undefined) {
      q = studentTQuantile(1 - this.alpha, n - 1);
      this.quantiles.set(n, q);
    }
    return q;
  }

  bounds(s: Summary): Bounds & { readonly spread: boolean } {
    if (s.mean === null) return { low: null, high: null, spread: false };
    const q = this.quantile(s.n);
    if (q === null || s.sd === null || !(s.sd > 0)) {
      return { low: s.mean, high: s.mean, spread: false };
    }
    const half = (q * s.sd) / Math.sqrt(s.n);
    return { low: s.mean - half, high: s.mean + half, spread: true };
  }

  judge(k: IntervalSample): IntervalJudgement {
    const sl = this.bounds(k.serviceLevel);
    const occ = this.bounds(k.occupancy);
    const { serviceLevel: target, maxOccupancy } = this.target;
    const base = {
      serviceLevel: { low: sl.low, high: sl.high },
      occupancy: { low: occ.low, high: occ.high },
      replications: k.serviceLevel.n,
      t: this.quantile(k.serviceLevel.n),
    };
    if (k.serviceLevel.mean === null) {
      return { verdict: 'no-traffic', reason: null, ...base, evidence: null };
    }
    const e = meanEvidence(k.serviceLevels, this.target.serviceLevel);
    const evidence = { ...e, needed: this.evidenceNeeded };
    const shownAbove = e.above >= this.evidenceNeeded;
    const shownBelow = e.below >= this.evidenceNeeded;
    const occupancyFails =
      maxOccupancy !== undefined && occ.spread && occ.low !== null && occ.low > maxOccupancy;
    const boundBelow = sl.spread && sl.high! < target;
    if ((boundBelow && shownBelow) || occupancyFails) {
      return { verdict: 'unmet', reason: null, ...base, evidence };
    }
    const occupancyMeets =
      maxOccupancy === undefined || (occ.spread && occ.high !== null && occ.high <= maxOccupancy);
    const boundAbove = sl.spread && sl.low! >= target && occupancyMeets;
    if (boundAbove && shownAbove) {
      return { verdict: 'met', reason: null, ...base, evidence };
    }
    const spread = sl.spread && (maxOccupancy === undefined || occ.spread);
    const reason = !spread ? 'no-spread' : boundAbove || boundBelow ? 'unproven' : 'straddles';
    return { verdict: 'undecided', reason, ...base, evidence };
  }
}
