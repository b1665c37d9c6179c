import { describe, expect, it } from 'vitest';
import { meanOf, normalQuantile, sampler, varianceOf } from '../../src/scenario/distributions.js';
import { createRandom } from '../../src/scenario/random.js';
import type { Distribution } from '../../src/scenario/schema.js';

const N = 200_000;

/** The fourth central moment, to get the standard error of a sample variance. */
function fourthCentralMoment(dist: Distribution): number {
  const v = varianceOf(dist);
  switch (dist.dist) {
    case 'exponential':
      return 9 * v * v;
    case 'lognormal': {
      const s2 = Math.log1p(v / dist.mean ** 2);
      const excess = Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 6;
      return (excess + 3) * v * v;
    }
    case 'gamma':
      return (3 + 6 / dist.shape) * v * v;
    case 'uniform':
      return (dist.max - dist.min) ** 4 / 80;
    case 'deterministic':
      return 0;
    case 'empirical': {
      const m = meanOf(dist);
      const w = dist.weights ?? dist.values.map(() => 1);
      const total = w.reduce((a, b) => a + b, 0);
      return dist.values.reduce((s, x, i) => s + (w[i]! * (x - m) ** 4) / total, 0);
    }
  }
}

function sampleMoments(dist: Distribution, seed: number) {
  const draw = sampler(dist);
  const rng = createRandom(seed, `dist:${dist.dist}`);
  let sum = 0;
  let sumSq = 0;
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < N; i++) {
    const x = draw(rng);
    sum += x;
    sumSq += x * x;
    if (x < min) min = x;
  }
  const mean = sum / N;
  return { mean, variance: (sumSq - N * mean * mean) / (N - 1), min };
}

const cases: Distribution[] = [
  { dist: 'exponential', mean: 180 },
  { dist: 'lognormal', mean: 60, sd: 30 },
  { dist: 'lognormal', mean: 45, sd: 20 },
  { dist: 'gamma', mean: 120, shape: 3.3 },
  { dist: 'gamma', mean: 120, shape: 1 },
  { dist: 'gamma', mean: 50, shape: 0.4 },
  { dist: 'uniform', min: 10, max: 70 },
  { dist: 'empirical', values: [1, 2, 3, 8], weights: [5, 3, 1, 1] },
  { dist: 'empirical', values: [4, 9, 20] },
];

describe('sampler', () => {
  // Each check allows 5 standard errors: a correct sampler fails one with probability ~6e-7
  // (normal approximation; with fixed seeds the tests are deterministic anyway). The standard
  // error of the mean is sqrt(var/N); of the variance, sqrt((mu4 - var^2)/N).
  for (const dist of cases) {
    it(`${JSON.stringify(dist)}: sample mean and variance match within 5 standard errors`, () => {
      const { mean, variance, min } = sampleMoments(dist, 2024);
      const v = varianceOf(dist);
      const seMean = Math.sqrt(v / N);
      const seVar = Math.sqrt((fourthCentralMoment(dist) - v * v) / N);
      expect(Math.abs(mean - meanOf(dist))).toBeLessThan(5 * seMean);
      expect(Math.abs(variance - v)).toBeLessThan(5 * seVar);
      expect(min).toBeGreaterThanOrEqual(0);
    });
  }

  it('deterministic always gives its value, and draws nothing', () => {
    const draw = sampler({ dist: 'deterministic', value: 7 });
    const rng = createRandom(1, 'x');
    const before = createRandom(1, 'x').next();
    expect(draw(rng)).toBe(7);
    expect(rng.next()).toBe(before);
  });

  it('empirical frequencies follow the weights (chi-square)', () => {
    const weights = [5, 3, 1, 1, 0, 10];
    const values = [10, 20, 30, 40, 50, 60];
    const draw = sampler({ dist: 'empirical', values, weights });
    const rng = createRandom(8, 'emp');
    const counts = new Map<number, number>();
    for (let i = 0; i < N; i++) {
      const x = draw(rng);
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    expect(counts.has(50)).toBe(false);
    const total = weights.reduce((a, b) => a + b, 0);
    let chi2 = 0;
    values.forEach((v, i) => {
      const expected = (N * weights[i]!) / total;
      if (expected > 0) chi2 += ((counts.get(v) ?? 0) - expected) ** 2 / expected;
    });
    // 4 degrees of freedom (5 positive weights): mean 4, sd sqrt(8) = 2.83; 5 sd above.
    expect(chi2).toBeLessThan(4 + 5 * 2.83);
  });

  it('empirical with one value, and rejects weights that sum to 0', () => {
    expect(sampler({ dist: 'empirical', values: [3] })(createRandom(1, 'x'))).toBe(3);
    expect(() => sampler({ dist: 'empirical', values: [1, 2], weights: [0, 0] })).toThrow(
      RangeError,
    );
  });

  it('is deterministic and shares no state between streams', () => {
    const draw = sampler({ dist: 'lognormal', mean: 60, sd: 30 });
    const a = createRandom(1, 'a');
    const b = createRandom(1, 'b');
    const interleaved = [draw(a), draw(b), draw(a), draw(b)];
    const a2 = createRandom(1, 'a');
    const b2 = createRandom(1, 'b');
    expect([interleaved[0], interleaved[2]]).toEqual([draw(a2), draw(a2)]);
    expect([interleaved[1], interleaved[3]]).toEqual([draw(b2), draw(b2)]);
  });

  it('an exponential sample is finite even for the extreme uniforms', () => {
    const draw = sampler({ dist: 'exponential', mean: 1 });
    const low = { next: () => 0, int: () => 0, uint32: () => 0 };
    const high = { next: () => 1 - 2 ** -32, int: () => 0, uint32: () => 2 ** 32 - 1 };
    expect(draw(low)).toBe(0);
    expect(Number.isFinite(draw(high))).toBe(true);
    const lognormal = sampler({ dist: 'lognormal', mean: 1, sd: 1 });
    expect(Number.isFinite(lognormal(low))).toBe(true);
    expect(Number.isFinite(lognormal(high))).toBe(true);
  });

  it('uses no global randomness', () => {
    const original = Math.random;
    Math.random = () => {
      throw new Error('Math.random used');
    };
    try {
      for (const dist of cases) sampler(dist)(createRandom(1, 'x'));
    } finally {
      Math.random = original;
    }
  });
});

describe('normalQuantile (AS 241)', () => {
  it('matches reference values', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 14);
    expect(normalQuantile(0.841344746068543)).toBeCloseTo(1, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    expect(normalQuantile(1 - 1e-10)).toBeCloseTo(6.361340902404056, 5);
    expect(normalQuantile(1e-300)).toBeCloseTo(-37.0471, 3);
  });
});

describe('meanOf / varianceOf', () => {
  it('give the moments of each distribution', () => {
    expect(meanOf({ dist: 'uniform', min: 2, max: 4 })).toBe(3);
    expect(varianceOf({ dist: 'uniform', min: 2, max: 4 })).toBeCloseTo(1 / 3, 12);
    expect(meanOf({ dist: 'deterministic', value: 5 })).toBe(5);
    expect(meanOf({ dist: 'empirical', values: [1, 3], weights: [3, 1] })).toBe(1.5);
    expect(varianceOf({ dist: 'gamma', mean: 10, shape: 2 })).toBe(50);
    expect(varianceOf({ dist: 'lognormal', mean: 10, sd: 2 })).toBe(4);
  });
});
