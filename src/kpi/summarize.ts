import { studentTQuantile } from './studentT.js';

/**
 * A KPI across replications: sample mean, sample standard deviation (n − 1 in the denominator)
 * and the 95% confidence interval of the mean by Student's t with n − 1 degrees of freedom,
 * mean ± t(0.975, n − 1)·sd/√n. Fields that need more values than there are are null: no
 * mean for n = 0, no sd or interval for n = 1.
 */
export interface Summary {
  readonly mean: number | null;
  readonly sd: number | null;
  readonly n: number;
  readonly halfWidth95: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  if (n === 0) return { mean: null, sd: null, n, halfWidth95: null, low: null, high: null };
  let total = 0;
  for (const v of values) total += v;
  let mean = total / n;
  // One correction pass (the "corrected two-pass" algorithm): equal values give their own value.
  let drift = 0;
  for (const v of values) drift += v - mean;
  mean += drift / n;
  if (n === 1) return { mean, sd: null, n, halfWidth95: null, low: null, high: null };
  // Two passes: the squares of deviations, not of values, so equal values give exactly 0.
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  const halfWidth95 = (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return { mean, sd, n, halfWidth95, low: mean - halfWidth95, high: mean + halfWidth95 };
}
