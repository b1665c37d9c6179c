import type { Random } from './random.js';
import type { Distribution } from './schema.js';

/**
 * Samplers for the scenario distributions. `sampler(dist)` does the per-distribution set-up once
 * (lognormal mu/sigma, gamma constants, the alias table of an empirical distribution) and returns
 * a closure that allocates nothing per sample, for the simulator's hot path.
 *
 * Normal variates come from the inverse CDF (one uniform each, no cached spare), so a sampler
 * holds no state between calls and can be shared by every stream.
 */
export type Sampler = (rng: Random) => number;

const INV_TWO_POW_32 = 1 / 4294967296;

/** A uniform in the open interval (0, 1): the midpoints of the 2^32 grid, symmetric about 1/2. */
function openUniform(rng: Random): number {
  return (rng.uint32() + 0.5) * INV_TWO_POW_32;
}

// Coefficients of AS 241 (Wichura 1988), lowest power first, rounded to doubles.
const A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const B = [
  1.0, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597,
  39307.89580009271, 28729.085735721943, 5226.495278852546,
];
const C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const D = [
  1.0, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
  0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9,
];
const E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
  0.026532189526576124, 0.0012426609473880784, 2.7115555687434876e-5, 2.0103343992922881e-7,
];
const F = [
  1.0, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  1.8463183175100548e-5, 1.421511758316446e-7, 2.0442631033899397e-15,
];

/** Evaluates the degree-7 polynomial with coefficients `c` (lowest power first) at x. */
function poly7(c: readonly number[], x: number): number {
  return (
    ((((((c[7]! * x + c[6]!) * x + c[5]!) * x + c[4]!) * x + c[3]!) * x + c[2]!) * x + c[1]!) * x +
    c[0]!
  );
}

/**
 * The standard normal quantile function, Wichura's algorithm AS 241 (PPND16): relative error
 * about 1e-16 on (0, 1).
 */
export function normalQuantile(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly7(A, r)) / poly7(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = poly7(C, r) / poly7(D, r);
  } else {
    r -= 5;
    value = poly7(E, r) / poly7(F, r);
  }
  return q < 0 ? -value : value;
}

function standardNormal(rng: Random): number {
  return normalQuantile(openUniform(rng));
}

/**
 * Gamma(shape, scale) by Marsaglia & Tsang (2000). For shape < 1 it samples shape + 1 and
 * multiplies by U^(1/shape) (their boosting trick), which keeps the fast squeeze.
 */
function gammaSampler(mean: number, shape: number): Sampler {
  const scale = mean / shape;
  const boosted = shape < 1;
  const k = boosted ? shape + 1 : shape;
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const invShape = 1 / shape;
  return (rng) => {
    let x: number;
    let v: number;
    for (;;) {
      do {
        x = standardNormal(rng);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = openUniform(rng);
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) break;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) break;
    }
    let g = d * v;
    if (boosted) g *= openUniform(rng) ** invShape;
    return g * scale;
  };
}

/**
 * Vose's alias method: O(n) set-up, O(1) per sample with a single uniform (its integer part picks
 * a column, its fraction decides between the column's value and its alias).
 */
function empiricalSampler(values: readonly number[], weights?: readonly number[]): Sampler {
  const n = values.length;
  if (n === 0) throw new RangeError('an empirical distribution needs at least one value');
  if (weights !== undefined && weights.length !== n) {
    throw new RangeError('an empirical distribution needs one weight per value');
  }
  const w = weights ?? values.map(() => 1);
  const total = w.reduce((sum, x) => sum + x, 0);
  if (!(total > 0) || !Number.isFinite(total)) {
    throw new RangeError('the weights of an empirical distribution must sum to more than 0');
  }
  const prob = new Float64Array(n);
  const alias = new Uint32Array(n);
  const scaled = w.map((x) => (x * n) / total);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((p, i) => {
    (p < 1 ? small : large).push(i);
  });
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    (scaled[l]! < 1 ? small : large).push(l);
  }
  // What remains is 1 up to rounding.
  for (const i of large) prob[i] = 1;
  for (const i of small) prob[i] = 1;
  for (let i = 0; i < n; i++) if (prob[i] === 1) alias[i] = i;
  const table = Float64Array.from(values);
  if (n === 1) {
    const only = table[0]!;
    return () => only;
  }
  return (rng) => {
    const x = rng.next() * n;
    const i = x | 0;
    return x - i < prob[i]! ? table[i]! : table[alias[i]!]!;
  };
}

/** Compiles a distribution into a sampler. Throws RangeError on parameters it cannot sample. */
export function sampler(dist: Distribution): Sampler {
  switch (dist.dist) {
    case 'exponential': {
      const mean = dist.mean;
      // 1 - next() lies in (0, 1], so the log is finite; `0 -` turns -0 into 0.
      return (rng) => 0 - mean * Math.log(1 - rng.next());
    }
    case 'lognormal': {
      // If X is lognormal with mean m and sd s, ln X ~ N(mu, sigma^2) with
      // sigma^2 = ln(1 + s^2/m^2) and mu = ln m - sigma^2/2.
      const sigma2 = Math.log1p((dist.sd * dist.sd) / (dist.mean * dist.mean));
      const sigma = Math.sqrt(sigma2);
      const mu = Math.log(dist.mean) - sigma2 / 2;
      return (rng) => Math.exp(mu + sigma * standardNormal(rng));
    }
    case 'gamma':
      return gammaSampler(dist.mean, dist.shape);
    case 'uniform': {
      const min = dist.min;
      const width = dist.max - dist.min;
      return (rng) => min + width * rng.next();
    }
    case 'deterministic': {
      const value = dist.value;
      return () => value;
    }
    case 'empirical':
      return empiricalSampler(dist.values, dist.weights);
  }
}

function empiricalMoments(values: readonly number[], weights?: readonly number[]) {
  let total = 0;
  let sum = 0;
  let sumSq = 0;
  values.forEach((v, i) => {
    const w = weights?.[i] ?? 1;
    total += w;
    sum += w * v;
    sumSq += w * v * v;
  });
  const mean = sum / total;
  return { mean, variance: sumSq / total - mean * mean };
}

/** The mean of a distribution (exact, from its parameters). */
export function meanOf(dist: Distribution): number {
  switch (dist.dist) {
    case 'exponential':
    case 'lognormal':
    case 'gamma':
      return dist.mean;
    case 'uniform':
      return (dist.min + dist.max) / 2;
    case 'deterministic':
      return dist.value;
    case 'empirical':
      return empiricalMoments(dist.values, dist.weights).mean;
  }
}

/** The variance of a distribution (exact, from its parameters). */
export function varianceOf(dist: Distribution): number {
  switch (dist.dist) {
    case 'exponential':
      return dist.mean * dist.mean;
    case 'lognormal':
      return dist.sd * dist.sd;
    case 'gamma':
      return (dist.mean * dist.mean) / dist.shape;
    case 'uniform':
      return (dist.max - dist.min) ** 2 / 12;
    case 'deterministic':
      return 0;
    case 'empirical':
      return Math.max(0, empiricalMoments(dist.values, dist.weights).variance);
  }
}
