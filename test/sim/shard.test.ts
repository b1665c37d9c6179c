import { describe, expect, it } from 'vitest';
import { inShard, shardIndexes } from '../../sim/shard.js';

describe('shards', () => {
  it('split 0..total-1 into disjoint round-robin shards whose union is everything', () => {
    for (const total of [0, 1, 3, 7, 20]) {
      for (const count of [1, 2, 3, 8]) {
        const all: number[] = [];
        for (let index = 1; index <= count; index++) {
          const mine = shardIndexes(total, { index, count });
          expect(mine.every((i) => inShard(i, { index, count }))).toBe(true);
          all.push(...mine);
        }
        expect(all.sort((a, b) => a - b)).toEqual([...Array(total).keys()]);
      }
    }
    expect(shardIndexes(10, { index: 2, count: 4 })).toEqual([1, 5, 9]);
  });
});
