import { AnalyticError } from './analyticError.js';
import { logPowerOverRisingFactorial, shiftedHarmonic } from './gammaRatios.js';

/**
 * The series behind every Erlang A measure. With s = Nμ/θ and t_q = y^q / (s (s+1) ⋯ (s+q)):
 *
 *   M = Σ_q t_q                       (= e^y y^{−s} γ(s, y), a scaled lower incomplete gamma)
 *   M₁ = Σ_q t_q · s/(s+q+1)          (= s·M(s+1, y), the same one order up)
 *   D = Σ_q q · t_q                   (= 1 + (y − s)·M, without its cancellation)
 *   W = Σ_q t_q · s/(s+q+1) · H_q     with H_q = Σ_{i=1}^{q+1} 1/(s+i)
 *
 * At y = λ/θ, t_q is proportional to the stationary probability of q contacts waiting, which is
 * why these sums give P(wait), P(abandon) and the mean wait of answered contacts.
 *
 * The terms are log-concave in q with one peak at q* = max(0, ⌈y − s − 1⌉). They are summed from
 * the peak outwards, relative to the peak term, until the bound on the rest of each series is
 * below 1e-17 of it. This costs O(√y) terms whatever the load (a plain forward sum would need
 * ~q* terms: 10^9 for an overloaded queue with near-infinite patience), never overflows (the
 * scale e^{logScale} is returned separately) and subtracts nothing, so P(abandon) stays accurate
 * to the last digits as patience → ∞, where it tends to 0.
 */
export interface ImpatientQueueSums {
  /** ln of the peak term; every sum below is relative to it. */
  readonly logScale: number;
  readonly m: number;
  readonly m1: number;
  readonly d: number;
  readonly w: number;
}

const RELATIVE_TAIL = 1e-17;
const MAX_TERMS = 10_000_000;

/** The sums for s > 0 and y ≥ 0 (y = 0 leaves only the term q = 0). */
export function impatientQueueSums(s: number, y: number): ImpatientQueueSums {
  const peak = y > s + 1 ? Math.ceil(y - s - 1) : 0;
  const logScale = -Math.log(s) + (peak > 0 ? logPowerOverRisingFactorial(y, s + 1, peak) : 0);
  const peakHarmonic = shiftedHarmonic(s + 1, peak + 1);

  let m = 0;
  let m1 = 0;
  let d = 0;
  let w = 0;
  let terms = 0;

  // Right of the peak (inclusive): t_{q+1} = t_q · y/(s+q+1), ratios falling below 1.
  let t = 1;
  let h = peakHarmonic;
  for (let q = peak; ; q++) {
    const f = s / (s + q + 1);
    m += t;
    m1 += t * f;
    d += q * t;
    w += t * f * h;
    const r = y / (s + q + 1);
    t *= r;
    h += 1 / (s + q + 2);
    if (t === 0) break;
    if (r < 1) {
      // Later terms shrink at least geometrically by r; bound each remaining tail by that.
      const g = 1 / (1 - r);
      const tailM = t * g;
      const tailD = tailM * (q + 1 + r * g);
      const tailW = tailM * (h + (r * g) / (s + q + 2));
      if (tailM <= RELATIVE_TAIL * m && tailD <= RELATIVE_TAIL * d && tailW <= RELATIVE_TAIL * w) {
        break;
      }
    }
    if (++terms > MAX_TERMS) throw noConvergence(s, y);
  }

  // Left of the peak: t_{q−1} = t_q · (s+q)/y, ratios below 1 all the way down to q = 0.
  t = 1;
  h = peakHarmonic;
  for (let q = peak - 1; q >= 0; q--) {
    t *= (s + q + 1) / y;
    h -= 1 / (s + q + 2);
    const f = s / (s + q + 1);
    m += t;
    m1 += t * f;
    d += q * t;
    w += t * f * h;
    const rho = (s + q) / y;
    const tailM = (t * rho) / (1 - rho);
    if (
      tailM <= RELATIVE_TAIL * m &&
      q * tailM <= RELATIVE_TAIL * d &&
      h * tailM <= RELATIVE_TAIL * w
    ) {
      break;
    }
    if (++terms > MAX_TERMS) throw noConvergence(s, y);
  }

  return { logScale, m, m1, d, w };
}

function noConvergence(s: number, y: number): AnalyticError {
  return new AnalyticError(
    'ANALYTIC_NO_CONVERGENCE',
    `Erlang A series did not converge (s = ${s}, y = ${y}); patience is too long for this load, use Erlang C`,
  );
}
