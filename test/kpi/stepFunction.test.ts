import { describe, expect, it } from 'vitest';
import { integral, maximum, SpanCollector } from '../../src/kpi/stepFunction.js';

function spans(...list: [number, number][]) {
  const collector = new SpanCollector();
  for (const [a, b] of list) collector.add(a, b);
  return collector.build();
}

describe('step functions of half-open spans', () => {
  it('a span ending when another starts does not overlap it', () => {
    const f = spans([0, 10], [10, 20]);
    expect(maximum(f, 0, 30)).toBe(1);
    expect(integral(f, 0, 30)).toBe(20);
  });

  it('zero-length and reversed spans count for nothing', () => {
    const f = spans([5, 5], [9, 3]);
    expect([...f.times]).toEqual([]);
    expect(maximum(f, 0, 10)).toBe(0);
  });

  it('integrates and maximises over any window, with the value in force at its start', () => {
    const f = spans([0, 10], [5, 15], [12, 30]);
    // 1 on [0,5), 2 on [5,10), 1 on [10,12), 2 on [12,15), 1 on [15,30).
    expect(integral(f, 0, 30)).toBe(10 + 10 + 18);
    expect(integral(f, 6, 11)).toBe(2 * 4 + 1);
    expect(maximum(f, 6, 7)).toBe(2);
    expect(maximum(f, 10, 12)).toBe(1);
    expect(maximum(f, 15, 100)).toBe(1);
    expect(maximum(f, -10, 0)).toBe(0);
  });

  it('an empty window has integral 0 and no maximum', () => {
    const f = spans([0, 10]);
    expect(integral(f, 5, 5)).toBe(0);
    expect(maximum(f, 5, 5)).toBeNull();
  });

  it('equal consecutive values merge; many spans grow the collector', () => {
    const f = spans([0, 10], [10, 20], [20, 30]);
    expect([...f.times]).toEqual([0, 30]);
    expect([...f.values]).toEqual([1, 0]);
    const many = spans(...Array.from({ length: 1000 }, (_, i): [number, number] => [i, i + 2]));
    expect(maximum(many, 0, 1002)).toBe(2);
    expect(integral(many, 0, 1002)).toBe(2000);
  });
});
