import type { Summary } from './summarize.js';

/**
 * A planner's verdict on a service-level target: over the measured day and in each interval, is
 * the service level at or above the target? The verdict reads the mean over replications — the
 * number the tables show — and says for each whether its 95% confidence interval lies wholly on
 * one side of the target (`clear`): a miss by 0.3 points inside a ±4 band is a miss of the mean,
 * not a finding. With fewer than two replications, or no spread at all (every replication gave
 * the same value, e.g. 100%), there is no interval to trust and nothing is clear.
 *
 * It takes one KPI series (a total and its intervals) and a target, not a whole summary, so a
 * queue's or an agent group's block gets its verdict the same way.
 */
export type IntervalVerdictStatus = 'met' | 'missed' | 'warm-up' | 'no-traffic';

export interface VerdictPoint {
  readonly serviceLevel: number | null;
  readonly low: number | null;
  readonly high: number | null;
  /** The 95% CI lies wholly on the side of the target its mean is on. */
  readonly clear: boolean;
}

export interface IntervalVerdict extends VerdictPoint {
  readonly status: IntervalVerdictStatus;
}

export interface ServiceLevelVerdict {
  readonly target: number;
  /** The whole measured horizon; `met` null when nothing was offered. */
  readonly day: VerdictPoint & { readonly met: boolean | null };
  readonly intervals: readonly IntervalVerdict[];
  /** Indexes of the measured intervals whose mean is below the target. */
  readonly missed: readonly number[];
}

function point(s: Summary, target: number): VerdictPoint {
  const spread = s.n >= 2 && s.sd !== null && s.sd > 0;
  const clear =
    s.mean !== null &&
    spread &&
    s.low !== null &&
    s.high !== null &&
    (s.mean >= target ? s.low >= target : s.high < target);
  return { serviceLevel: s.mean, low: s.low, high: s.high, clear };
}

export function serviceLevelVerdict(
  series: { readonly total: Summary; readonly intervals: readonly Summary[] },
  target: number,
  warmup: readonly boolean[],
): ServiceLevelVerdict {
  const intervals = series.intervals.map((s, i): IntervalVerdict => {
    const p = point(s, target);
    if (warmup[i]) return { ...p, status: 'warm-up', clear: false };
    if (s.mean === null) return { ...p, status: 'no-traffic' };
    return { ...p, status: s.mean >= target ? 'met' : 'missed' };
  });
  const day = point(series.total, target);
  return {
    target,
    day: { ...day, met: day.serviceLevel === null ? null : day.serviceLevel >= target },
    intervals,
    missed: intervals.flatMap((v, i) => (v.status === 'missed' ? [i] : [])),
  };
}

/** `--require-target`: what must hold for the run to pass (exit 99 otherwise). */
export type TargetRequirement = 'day' | 'intervals';

export function verdictPasses(v: ServiceLevelVerdict, requirement: TargetRequirement): boolean {
  if (v.day.met === false) return false;
  return requirement === 'day' || v.missed.length === 0;
}
