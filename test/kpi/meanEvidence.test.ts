import { describe, expect, it } from 'vitest';
import { meanEvidence } from '../../src/kpi/index.js';

/**
 * Issue 14 item 5 ("staffing is confident on noise"): the betting evidence behind a staffing
 * decision holds its level without a normal approximation, where Student t does not.
 */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A bounded, left-skewed service level with mean exactly 0.8: about 0.95 (uniform on 0.93–0.97)
 * with probability 0.8/0.95, 0 otherwise (a replication that enters the interval with a deep
 * backlog). A sample of 10 misses the 0 with probability (0.8/0.95)¹⁰ ≈ 17.9%, and then looks
 * like a sure 95%.
 */
const skewed = (rand: () => number) => (rand() < 0.8 / 0.95 ? 0.93 + 0.04 * rand() : 0);

describe('meanEvidence', () => {
  it('holds its level under the null at every n (Ville), on a skewed two-point law', () => {
    const rand = mulberry32(7);
    const a = 0.05;
    const runs = 4000;
    let rejected = 0;
    for (let run = 0; run < runs; run++) {
      const xs = Array.from({ length: 200 }, () => skewed(rand));
      if (meanEvidence(xs, 0.8).above >= 1 / a) rejected++;
    }
    // P(reject) ≤ a = 5% whatever the law; 3 standard errors of a 5% rate over 4000 runs: 1.0%.
    expect(rejected / runs).toBeLessThan(a + 3 * Math.sqrt((a * (1 - a)) / runs));
  });

  it('where Student t at the same level calls it above the mean far more often', () => {
    // The same law, n = 10, one-sided 5%: mean − t(0.95, 9)·sd/√10 ≥ 0.8 whenever the sample
    // missed the 0 (≈ 0.95 − 1.83·0.012/√10): about 18% of samples, not 5%. Betting can at
    // most multiply its capital by 1 + 1.125·0.17 per replication: 10 never reach 1/0.05.
    const rand = mulberry32(11);
    const runs = 4000;
    let tAbove = 0;
    let betAbove = 0;
    for (let run = 0; run < runs; run++) {
      const xs = Array.from({ length: 10 }, () => skewed(rand));
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
      if (sd > 0 && mean - (1.8331 * sd) / Math.sqrt(10) >= 0.8) tAbove++;
      if (meanEvidence(xs, 0.8).above >= 20) betAbove++;
    }
    expect(tAbove / runs).toBeGreaterThan(0.15);
    expect(betAbove / runs).toBeLessThan(0.05);
  });

  it('decides a clear difference, in both directions, with enough replications', () => {
    const rand = mulberry32(3);
    // Mean 0.9 (0.95 or 0.85), and mean 0.7.
    const high = Array.from({ length: 200 }, () => (rand() < 0.5 ? 0.95 : 0.85));
    const low = Array.from({ length: 200 }, () => (rand() < 0.5 ? 0.75 : 0.65));
    expect(meanEvidence(high, 0.8).above).toBeGreaterThan(1e6);
    expect(meanEvidence(high, 0.8).below).toBe(1);
    expect(meanEvidence(low, 0.8).below).toBeGreaterThan(1e6);
    expect(meanEvidence(low, 0.8).above).toBe(1);
  });

  it('skips replications with nothing offered; its capital is the most it ever reached', () => {
    expect(meanEvidence([null, 1, null], 0.8)).toEqual(meanEvidence([1], 0.8));
    expect(meanEvidence([null, 1, null], 0.8).n).toBe(1);
    const highs = Array<number>(30).fill(1);
    expect(meanEvidence([...highs, 0, 0, 0], 0.8).above).toBe(meanEvidence(highs, 0.8).above);
  });
});
