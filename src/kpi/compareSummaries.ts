import type { KpiDirection } from './kpiCatalogue.js';
import { studentTQuantile, studentTUpperTail } from './studentT.js';
import type { Summary } from './summarize.js';

export interface Comparison {
  /** current.mean − baseline.mean; null when either has no values. */
  readonly difference: number | null;
  /** Welch's t statistic; null when it cannot be computed. */
  readonly tStatistic: number | null;
  /** Welch–Satterthwaite degrees of freedom (a real number). */
  readonly degreesOfFreedom: number | null;
  /** Two-sided p-value of Welch's test. */
  readonly pValue: number | null;
  /**
   * Welch's two-sided test at the 5% level rejects "same mean". Null when either side has fewer
   * than two values (no variance to test with): then the tolerance alone decides.
   */
  readonly significant: boolean | null;
  /** |difference| > tolerance. */
  readonly beyondTolerance: boolean;
  /**
   * `none` unless the difference is beyond the tolerance and not shown insignificant; then
   * `better` or `worse` by the KPI's direction, or `changed` for a neutral KPI.
   */
  readonly change: 'none' | 'better' | 'worse' | 'changed';
  /** change === 'worse': what a regression gate fails on. */
  readonly regression: boolean;
}

/**
 * Compares a KPI's summaries from two sets of replications (e.g. a stored baseline and the
 * current run): a change counts only when it is statistically significant (Welch's t-test, 95%,
 * unequal variances) and its size is beyond `tolerance` (absolute, in the KPI's unit).
 * When both sides have zero variance the difference is significant exactly when it is not 0.
 */
export function compareSummaries(
  baseline: Summary,
  current: Summary,
  tolerance: number,
  direction: KpiDirection,
): Comparison {
  if (baseline.mean === null || current.mean === null) {
    return {
      difference: null,
      tStatistic: null,
      degreesOfFreedom: null,
      pValue: null,
      significant: null,
      beyondTolerance: false,
      change: 'none',
      regression: false,
    };
  }
  const difference = current.mean - baseline.mean;
  const test = welch(baseline, current, difference);
  const beyondTolerance = Math.abs(difference) > tolerance;
  let change: Comparison['change'] = 'none';
  if (beyondTolerance && test.significant !== false) {
    if (direction === 'neutral') change = 'changed';
    else change = difference > 0 === (direction === 'higher') ? 'better' : 'worse';
  }
  return { difference, ...test, beyondTolerance, change, regression: change === 'worse' };
}

interface WelchTest {
  readonly tStatistic: number | null;
  readonly degreesOfFreedom: number | null;
  readonly pValue: number | null;
  readonly significant: boolean | null;
}

function welch(a: Summary, b: Summary, difference: number): WelchTest {
  if (a.sd === null || b.sd === null || a.n < 2 || b.n < 2) {
    return { tStatistic: null, degreesOfFreedom: null, pValue: null, significant: null };
  }
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const se2 = va + vb;
  if (se2 === 0) {
    // No variation on either side: any difference is real.
    return {
      tStatistic: null,
      degreesOfFreedom: null,
      pValue: difference === 0 ? 1 : 0,
      significant: difference !== 0,
    };
  }
  const t = difference / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  return {
    tStatistic: t,
    degreesOfFreedom: df,
    pValue: Math.min(1, 2 * studentTUpperTail(Math.abs(t), df)),
    significant: Math.abs(t) > studentTQuantile(0.975, df),
  };
}
