import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SmallMap, SmallSet } from '../../src/core/index.js';

describe('SmallMap and SmallSet, for the few entries an agent holds', () => {
  it('behaves as a Map: insertion order, overwrite in place, delete from the middle', () => {
    const small = new SmallMap<string, number>();
    const map = new Map<string, number>();
    const ops: [string, string, number][] = [
      ['set', 'a', 1],
      ['set', 'b', 2],
      ['set', 'c', 3],
      ['set', 'b', 4],
      ['delete', 'a', 0],
      ['set', 'a', 5],
      ['delete', 'x', 0],
      ['delete', 'c', 0],
      ['set', 'd', 6],
    ];
    for (const [op, key, value] of ops) {
      if (op === 'set') {
        small.set(key, value);
        map.set(key, value);
      } else {
        expect(small.delete(key)).toBe(map.delete(key));
      }
      expect([...small]).toEqual([...map]);
      expect([...small.keys()]).toEqual([...map.keys()]);
      expect([...small.values()]).toEqual([...map.values()]);
      expect(small.size).toBe(map.size);
      for (const k of ['a', 'b', 'c', 'd', 'x']) {
        expect(small.get(k)).toBe(map.get(k));
        expect(small.has(k)).toBe(map.has(k));
      }
    }
  });

  it('iterates over a copy, so entries can be deleted while iterating', () => {
    const small = new SmallMap<string, number>();
    small.set('a', 1).set('b', 2).set('c', 3);
    const seen: string[] = [];
    for (const key of small.keys()) {
      seen.push(key);
      small.delete(key);
    }
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(small.size).toBe(0);
  });

  it('SmallSet keeps insertion order and ignores a second add', () => {
    const set = new SmallSet<string>();
    set.add('x').add('y').add('x');
    expect([...set]).toEqual(['x', 'y']);
    expect(set.delete('x')).toBe(true);
    expect(set.delete('x')).toBe(false);
    expect([...set.values()]).toEqual(['y']);
    expect(set.size).toBe(1);
  });

  // The first entry lives in the collection itself and the rest in an array: deleting the first
  // while others follow moves the second into its place. Random operations over a few keys reach
  // every such move, and after each the collection must read as a Map (a Set) does.
  const KEYS = ['a', 'b', 'c', 'd'];
  const op = fc.record({ kind: fc.constantFrom('set', 'delete'), key: fc.constantFrom(...KEYS) });

  it('SmallMap reads as a Map after any sequence of sets and deletes', () => {
    let firstDeletedBeforeOthers = 0;
    let laterDeleted = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 60 }), (ops) => {
        const small = new SmallMap<string, number>();
        const map = new Map<string, number>();
        ops.forEach(({ kind, key }, value) => {
          if (kind === 'set') {
            small.set(key, value);
            map.set(key, value);
          } else {
            const first = map.keys().next().value;
            if (map.has(key) && map.size > 1) {
              if (key === first) firstDeletedBeforeOthers++;
              else laterDeleted++;
            }
            expect(small.delete(key)).toBe(map.delete(key));
          }
          expect([...small]).toEqual([...map]);
          expect([...small.values()]).toEqual([...map.values()]);
          expect(small.size).toBe(map.size);
          for (const k of KEYS) {
            expect(small.get(k)).toBe(map.get(k));
            expect(small.has(k)).toBe(map.has(k));
          }
        });
      }),
      { numRuns: 200, seed: 13 },
    );
    expect(firstDeletedBeforeOthers).toBeGreaterThan(200);
    expect(laterDeleted).toBeGreaterThan(200);
  });

  it('SmallSet reads as a Set after any sequence of adds and deletes', () => {
    let firstDeletedBeforeOthers = 0;
    let laterDeleted = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 60 }), (ops) => {
        const small = new SmallSet<string>();
        const set = new Set<string>();
        for (const { kind, key } of ops) {
          if (kind === 'set') {
            small.add(key);
            set.add(key);
          } else {
            if (set.has(key) && set.size > 1) {
              if (key === set.values().next().value) firstDeletedBeforeOthers++;
              else laterDeleted++;
            }
            expect(small.delete(key)).toBe(set.delete(key));
          }
          expect([...small]).toEqual([...set]);
          expect(small.size).toBe(set.size);
          for (const k of KEYS) expect(small.has(k)).toBe(set.has(k));
        }
      }),
      { numRuns: 200, seed: 13 },
    );
    expect(firstDeletedBeforeOthers).toBeGreaterThan(200);
    expect(laterDeleted).toBeGreaterThan(200);
  });
});
