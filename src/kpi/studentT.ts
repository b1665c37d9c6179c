import { normalQuantile } from './normalQuantile.js';
import { incompleteBeta, lnGamma } from './specialFunctions.js';

/**
 * Above this many degrees of freedom the quantile comes from the Cornish–Fisher expansion about
 * the normal (error below 1e-20 there), where the incomplete beta would lose digits to ln Γ.
 */
const LARGE_DF = 1e5;

/** P(T > t) for Student's t with `df` > 0 degrees of freedom (any real df). */
export function studentTUpperTail(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 0;
  if (t === Number.NEGATIVE_INFINITY) return 1;
  const half = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? half : 1 - half;
}

/** P(T ≤ t). */
export function studentTCdf(t: number, df: number): number {
  return 1 - studentTUpperTail(t, df);
}

function density(t: number, df: number): number {
  return Math.exp(
    lnGamma((df + 1) / 2) -
      lnGamma(df / 2) -
      0.5 * Math.log(df * Math.PI) -
      ((df + 1) / 2) * Math.log1p((t * t) / df),
  );
}

/**
 * The p-quantile of Student's t with `df` > 0 degrees of freedom (any real df, as Welch's test
 * needs): Hill's algorithm 396 (CACM 1970) as a start, then Newton steps on the exact tail
 * probability until they no longer change the result. Accurate to about 1e-12 relative.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  if (df > LARGE_DF) return cornishFisher(normalQuantile(p), df);
  const q = 1 - p; // upper tail to reach
  let t = hill(2 * q, df);
  if (df === 1 || df === 2) return t; // Hill's formulas are exact there
  for (let i = 0; i < 50; i++) {
    const step = (studentTUpperTail(t, df) - q) / density(t, df);
    if (!Number.isFinite(step)) break;
    const next = Math.max(t + step, t / 2); // never jump across 0
    if (Math.abs(next - t) <= 1e-14 * Math.abs(t)) return next;
    t = next;
  }
  return t;
}

/** t quantile from the normal quantile z by the Cornish–Fisher expansion in 1/df (4 terms). */
function cornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/** Hill's approximation of the t quantile whose two-sided tail probability is `twoSided`. */
function hill(twoSided: number, df: number): number {
  const P = twoSided;
  if (df === 2) return Math.sqrt(2 / (P * (2 - P)) - 2);
  if (df === 1) return 1 / Math.tan((P * Math.PI) / 2);
  const a = 1 / (df - 0.5);
  const b = 48 / (a * a);
  let c = ((20700 * a) / b - 98) * a - 16;
  c = c * a + 96.36;
  const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt((a * Math.PI) / 2) * df;
  let y = (d * P) ** (2 / df);
  if ((df < 2.1 && P > 0.5) || y > 0.05 + a) {
    const x = normalQuantile(0.5 * P);
    y = x * x;
    if (df < 5) c += 0.3 * (df - 4.5) * (x + 0.6);
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
    y = Math.expm1(a * y * y);
  } else {
    y =
      ((1 / (((df + 6) / (df * y) - 0.089 * d - 0.822) * (df + 2) * 3) + 0.5 / (df + 4)) * y - 1) *
        ((df + 1) / (df + 2)) +
      1 / y;
  }
  return Math.sqrt(df * y);
}
