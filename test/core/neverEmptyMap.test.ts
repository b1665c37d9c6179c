import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NeverEmptyMap } from '../../src/core/neverEmptyMap.js';

/**
 * NeverEmptyMap (src/core/neverEmptyMap.ts) keeps an entry of its own so that V8 does not
 * reallocate its table each time the last entry goes; to its callers (the router's pending
 * offers) it must be a Map: the same size, lookups, deletes and order after any sequence of
 * operations.
 */
describe('NeverEmptyMap', () => {
  const op = fc.oneof(
    fc.record({
      kind: fc.constant('set' as const),
      key: fc.integer({ min: 1, max: 6 }),
      value: fc.integer(),
    }),
    fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 6 }) }),
  );

  it('behaves as a Map of the same entries after any sets and deletes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const map = new Map<string, number>();
        const kept = new NeverEmptyMap<string, number>('');
        for (const o of ops) {
          // Key 0 is the empty id: never set by a caller, but deleting or reading it is allowed.
          const key = o.key === 0 ? '' : `offer-${o.key}`;
          if (o.kind === 'set') {
            map.set(key, o.value);
            kept.set(key, o.value);
          } else {
            expect(kept.delete(key)).toBe(map.delete(key));
          }
          expect(kept.size).toBe(map.size);
          expect([...kept.values()]).toEqual([...map.values()]);
          for (let k = 0; k <= 6; k++) {
            const probe = k === 0 ? '' : `offer-${k}`;
            expect(kept.has(probe)).toBe(map.has(probe));
            expect(kept.get(probe)).toBe(map.get(probe));
          }
        }
      }),
    );
  });

  it('refuses its own key', () => {
    expect(() => new NeverEmptyMap<string, number>('').set('', 1)).toThrow(/its own/);
  });
});
