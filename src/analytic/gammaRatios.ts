import { log1pmx } from './logSpace.js';

/**
 * Ratios of gamma functions that the Erlang A sums need at their peak term, computed so that the
 * huge parts cancel analytically instead of numerically: ln Γ(10^9) is about 2·10^10, and taking
 * the difference of two such numbers in floating point would lose six digits.
 */

/** Arguments below this are shifted up by direct products; above it Stirling's series is exact to ~1e-17. */
const ASYMPTOTIC_FROM = 10;
/** Counts up to this many factors are multiplied out directly. */
const DIRECT_UP_TO = 32;

/** ln Γ(z) − [(z − ½) ln z − z + ½ ln 2π]: Stirling's correction series, for z ≥ 10. */
function stirlingCorrection(z: number): number {
  const r = 1 / z;
  const r2 = r * r;
  return (
    r *
    (1 / 12 +
      r2 *
        (-1 / 360 +
          r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 / 156))))))
  );
}

/** ψ(z) − ln z + 1/(2z): the asymptotic tail of the digamma function, for z ≥ 10. */
function digammaTail(z: number): number {
  const r2 = 1 / (z * z);
  return (
    r2 *
    (-1 / 12 +
      r2 *
        (1 / 120 +
          r2 * (-1 / 252 + r2 * (1 / 240 + r2 * (-1 / 132 + r2 * (691 / 32760 + r2 * (-1 / 12)))))))
  );
}

/**
 * ln( y^q / (a (a+1) ⋯ (a+q−1)) ) for y > 0, a > 0 and an integer q ≥ 0: a power over a rising
 * factorial, i.e. q·ln y − [ln Γ(a+q) − ln Γ(a)].
 */
export function logPowerOverRisingFactorial(y: number, a: number, q: number): number {
  let acc = 0;
  while (q > 0 && (a < ASYMPTOTIC_FROM || q <= DIRECT_UP_TO)) {
    acc += Math.log(y / a);
    a += 1;
    q -= 1;
  }
  if (q === 0) return acc;
  // Stirling for both gammas, rearranged so that q·ln y cancels against q·ln(a+q) exactly:
  // q ln(y/(a+q)) + a·(d − ln(1+d)) + ½ ln(1+d) − [c(a+q) − c(a)], with d = q/a.
  const b = a + q;
  const d = q / a;
  const logRatio = Math.abs(y - b) < 0.5 * b ? Math.log1p((y - b) / b) : Math.log(y / b);
  return (
    acc +
    q * logRatio +
    a * log1pmx(d) +
    0.5 * Math.log1p(d) -
    (stirlingCorrection(b) - stirlingCorrection(a))
  );
}

/** Σ_{k=0}^{n−1} 1/(a+k) = ψ(a+n) − ψ(a) for a > 0 and an integer n ≥ 0. */
export function shiftedHarmonic(a: number, n: number): number {
  let acc = 0;
  while (n > 0 && (a < ASYMPTOTIC_FROM || n <= DIRECT_UP_TO)) {
    acc += 1 / a;
    a += 1;
    n -= 1;
  }
  if (n === 0) return acc;
  const b = a + n;
  return acc + Math.log1p(n / a) - (0.5 / b - 0.5 / a) + (digammaTail(b) - digammaTail(a));
}
