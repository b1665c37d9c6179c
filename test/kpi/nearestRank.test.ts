import { describe, expect, it } from 'vitest';
import { nearestRank } from '../../src/kpi/index.js';

describe('nearestRank', () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('is the value at rank ⌈p·n⌉, never an interpolation', () => {
    expect(nearestRank(ten, 0.5)).toBe(5);
    expect(nearestRank(ten, 0.9)).toBe(9); // 0.9·10 is 9.000000000000002 in floating point
    expect(nearestRank(ten, 0.91)).toBe(10);
    expect(nearestRank(ten, 0.99)).toBe(10);
    expect(nearestRank([1, 2, 3, 4], 0.5)).toBe(2);
    expect(nearestRank([1, 2, 3], 0.5)).toBe(2);
  });

  it('p = 0 gives the minimum, p = 1 the maximum, no values null', () => {
    expect(nearestRank(ten, 0)).toBe(1);
    expect(nearestRank(ten, 1)).toBe(10);
    expect(nearestRank([], 0.5)).toBeNull();
  });
});

describe('nearestRank on large samples', () => {
  it('p·n that is whole up to rounding is taken as whole', () => {
    const n = 10_000_000;
    const values = { length: n } as ArrayLike<number>;
    const indexed = new Proxy(values, { get: (_target, k) => (k === 'length' ? n : Number(k)) });
    expect(nearestRank(indexed, 0.99)).toBe(9_899_999); // rank 9,900,000
    expect(nearestRank(indexed, 0.9)).toBe(8_999_999);
  });
});
