import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createRandom,
  hashString,
  replicationSeed,
  reseedableXoshiro128,
  xoshiro128FromState,
} from '../../src/scenario/random.js';

function draws(seed: number, stream: string, n: number): number[] {
  const rng = createRandom(seed, stream);
  return Array.from({ length: n }, () => rng.next());
}

function correlation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < n; i++) {
    sa += a[i]!;
    sb += b[i]!;
  }
  const ma = sa / n;
  const mb = sb / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  return cov / Math.sqrt(va * vb);
}

/** Pearson's chi-square statistic of observed counts against equal expected counts. */
function chiSquareUniform(counts: readonly number[]): number {
  const total = counts.reduce((s, c) => s + c, 0);
  const expected = total / counts.length;
  return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
}

describe('createRandom', () => {
  it('is deterministic: the same (seed, stream) gives the same sequence', () => {
    expect(draws(42, 'arrivals', 1000)).toEqual(draws(42, 'arrivals', 1000));
  });

  it('matches the reference xoshiro128** output for the state {1, 2, 3, 4}', () => {
    // From the reference C implementation (prng.di.unimi.it/xoshiro128starstar.c).
    const rng = xoshiro128FromState(1, 2, 3, 4);
    const out = Array.from({ length: 6 }, () => rng.uint32());
    expect(out.slice(0, 4)).toEqual([11520, 0, 5927040, 70819200]);
    expect(out.slice(4)).toEqual([2031721883, 1637235492]);
  });

  it('reseeds to the reference output for the state {1, 2, 3, 4}, after any earlier use', () => {
    const rng = reseedableXoshiro128();
    rng.reseed(9, 8, 7, 6);
    for (let i = 0; i < 5; i++) rng.uint32();
    rng.reseed(1, 2, 3, 4);
    const out = Array.from({ length: 6 }, () => rng.uint32());
    expect(out).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it('gives the output of a BigInt xoshiro128** for states with words of 2^31 and more', () => {
    // The generator keeps its words as signed int32 (random.ts); this reference keeps them as
    // unsigned 32-bit BigInts, so any word the two read differently would show.
    const M = 0xffffffffn;
    const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M;
    const reference = (state: bigint[]) => () => {
      const [s0, s1, s2, s3] = state as [bigint, bigint, bigint, bigint];
      const result = (rotl((s1 * 5n) & M, 7n) * 9n) & M;
      const t = (s1 << 9n) & M;
      const n2 = s2 ^ s0;
      const n3 = s3 ^ s1;
      const n1 = s1 ^ n2;
      const n0 = s0 ^ n3;
      state.splice(0, 4, n0, n1, n2 ^ t, rotl(n3, 11n));
      return Number(result);
    };
    const words = [0xdeadbeef, 0x80000000, 0xffffffff, 0x7fffffff, 0x9e3779b9, 0xc2b2ae35];
    for (let i = 0; i < words.length; i++) {
      const state = [0, 1, 2, 3].map((j) => words[(i + j) % words.length]!);
      const rng = xoshiro128FromState(state[0]!, state[1]!, state[2]!, state[3]!);
      const reseeded = reseedableXoshiro128();
      reseeded.reseed(state[0]!, state[1]!, state[2]!, state[3]!);
      const next = reference(state.map(BigInt));
      for (let k = 0; k < 200; k++) {
        const expected = next();
        expect(rng.uint32()).toBe(expected);
        expect(reseeded.uint32()).toBe(expected);
      }
    }
  });

  it('pins the first outputs, so a change to the generator cannot go unnoticed', () => {
    const rng = createRandom(1, 'arrivals');
    const first = [rng.uint32(), rng.uint32(), rng.uint32()];
    expect(first).toMatchInlineSnapshot(`
      [
        1187917670,
        242247689,
        4061048601,
      ]
    `);
  });

  it('gives different sequences for different streams and different seeds', () => {
    const base = draws(1, 'arrivals', 16);
    expect(draws(1, 'patience', 16)).not.toEqual(base);
    expect(draws(2, 'arrivals', 16)).not.toEqual(base);
    // Seeds that differ only above bit 32 still differ.
    expect(draws(1 + 2 ** 32, 'arrivals', 16)).not.toEqual(base);
    // Names that differ in one character (agent streams) differ.
    expect(draws(1, 'agent:sales-1', 16)).not.toEqual(draws(1, 'agent:sales-2', 16));
  });

  it('next() lies in [0, 1) on the 2^-32 grid', () => {
    const rng = createRandom(7, 'grid');
    let bad = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = rng.next();
      if (!(u >= 0 && u < 1) || !Number.isInteger(u * 2 ** 32)) bad++;
    }
    expect(bad).toBe(0);
  });

  it('next() is uniform: chi-square over 100 bins', () => {
    const rng = createRandom(3, 'uniformity');
    const bins = new Array<number>(100).fill(0);
    for (let i = 0; i < 1_000_000; i++) bins[Math.floor(rng.next() * 100)]!++;
    // 99 degrees of freedom: mean 99, sd sqrt(198) = 14.07; accept within 5 sd on either side
    // (too small a statistic would mean a generator that is suspiciously regular).
    const chi2 = chiSquareUniform(bins);
    expect(chi2).toBeLessThan(99 + 5 * 14.07);
    expect(chi2).toBeGreaterThan(99 - 5 * 14.07);
  });

  it('pairs of consecutive draws are uniform on the unit square (chi-square, 20x20 cells)', () => {
    const rng = createRandom(11, 'pairs');
    const cells = new Array<number>(400).fill(0);
    for (let i = 0; i < 400_000; i++) {
      const x = Math.floor(rng.next() * 20);
      const y = Math.floor(rng.next() * 20);
      cells[x * 20 + y]!++;
    }
    // 399 degrees of freedom: sd sqrt(798) = 28.25; 5 sd.
    expect(Math.abs(chiSquareUniform(cells) - 399)).toBeLessThan(5 * 28.25);
  });

  it('streams are uncorrelated, also between neighbouring names and seeds', () => {
    const n = 100_000;
    // The sample correlation of independent uniforms has sd 1/sqrt(n) = 0.00316; 5 sd = 0.0158.
    const bound = 5 / Math.sqrt(n);
    const a = draws(1, 'agent:sales-1', n);
    expect(Math.abs(correlation(a, draws(1, 'agent:sales-2', n)))).toBeLessThan(bound);
    expect(Math.abs(correlation(a, draws(2, 'agent:sales-1', n)))).toBeLessThan(bound);
    expect(Math.abs(correlation(a, draws(1, 'arrivals', n)))).toBeLessThan(bound);
    // Lag-1 autocorrelation within one stream.
    expect(Math.abs(correlation(a.slice(1), a.slice(0, -1)))).toBeLessThan(bound);
  });

  it('int(n) is uniform over [0, n) and rejects bad n', () => {
    const rng = createRandom(5, 'int');
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 700_000; i++) counts[rng.int(7)]!++;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(700_000);
    // 6 degrees of freedom: mean 6, sd sqrt(12) = 3.46; 5 sd above.
    expect(chiSquareUniform(counts)).toBeLessThan(6 + 5 * 3.46);
    expect(rng.int(1)).toBe(0);
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => rng.int(2.5)).toThrow(RangeError);
    expect(() => rng.int(2 ** 33)).toThrow(RangeError);
  });

  it('rejects seeds that are not non-negative safe integers', () => {
    expect(() => createRandom(-1, 'x')).toThrow(RangeError);
    expect(() => createRandom(1.5, 'x')).toThrow(RangeError);
    expect(() => createRandom(2 ** 53, 'x')).toThrow(RangeError);
  });
});

describe('replicationSeed', () => {
  it('is deterministic, distinct per index and per seed, and a valid seed itself', () => {
    const seeds = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const s = replicationSeed(1, i);
      expect(s).toBe(replicationSeed(1, i));
      expect(Number.isSafeInteger(s) && s >= 0).toBe(true);
      seeds.add(s);
      seeds.add(replicationSeed(2, i));
    }
    expect(seeds.size).toBe(2000);
    expect(() => createRandom(replicationSeed(1, 0), 'arrivals')).not.toThrow();
  });

  it('gives uncorrelated streams for neighbouring replications', () => {
    const n = 100_000;
    const a = draws(replicationSeed(9, 0), 'arrivals', n);
    const b = draws(replicationSeed(9, 1), 'arrivals', n);
    expect(Math.abs(correlation(a, b))).toBeLessThan(5 / Math.sqrt(n));
  });
});

describe('hashString', () => {
  it('is deterministic and seed-dependent', () => {
    expect(hashString('ann')).toBe(hashString('ann'));
    expect(hashString('ann')).not.toBe(hashString('bob'));
    expect(hashString('ann', 1)).not.toBe(hashString('ann', 2));
  });
});

describe('purity', () => {
  it('the pure scenario modules use no Math.random, clock, timer or node: module', () => {
    const dir = new URL('../../src/scenario/', import.meta.url);
    // load.ts is the one file reader; everything else is pure.
    const pure = readdirSync(dir).filter(
      (f) => f.endsWith('.ts') && f !== 'load.ts' && f !== 'index.ts',
    );
    expect(pure).toEqual(
      expect.arrayContaining(['random.ts', 'distributions.ts', 'parse.ts', 'views.ts']),
    );
    for (const file of pure) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      expect(source, file).not.toMatch(
        /Math\.random|Date\.now|new Date|setTimeout|setInterval|performance\.now|from 'node:/,
      );
    }
  });
});
