import { describe, expect, it } from 'vitest';
import { Deque } from '../../src/core/deque.js';

interface Entry {
  readonly id: number;
  removed: boolean;
}

const entry = (id: number): Entry => ({ id, removed: false });
const ids = (deque: Deque<Entry>) => [...deque].map((e) => e.id);

describe('Deque', () => {
  it('keeps FIFO order across emptying, refilling and pushes at the front', () => {
    const deque = new Deque<Entry>();
    const one = entry(1);
    deque.pushBack(one);
    deque.remove(one);
    expect(deque.size).toBe(0);
    expect(deque.peek()).toBeUndefined();
    // Emptied: the next entries reuse the slots.
    const [two, three, four] = [entry(2), entry(3), entry(4)];
    deque.pushBack(two);
    deque.pushBack(three);
    deque.pushFront(four);
    expect(ids(deque)).toEqual([4, 2, 3]);
    deque.remove(four);
    deque.pushFront(entry(5));
    expect(ids(deque)).toEqual([5, 2, 3]);
    deque.remove(three);
    expect(ids(deque)).toEqual([5, 2]);
    expect(deque.peek()!.id).toBe(5);
    expect(deque.size).toBe(2);
  });

  it('matches a plain array model over a long mixed sequence', () => {
    const deque = new Deque<Entry>();
    let model: Entry[] = [];
    let next = 0;
    let x = 12345;
    const rand = () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x / 2 ** 32;
    };
    for (let step = 0; step < 5000; step++) {
      const r = rand();
      if (r < 0.4) {
        const e = entry(next++);
        deque.pushBack(e);
        model.push(e);
      } else if (r < 0.5) {
        const e = entry(next++);
        deque.pushFront(e);
        model.unshift(e);
      } else if (model.length > 0) {
        const victim = model[Math.floor(rand() * Math.min(model.length, r < 0.9 ? 1 : 50))]!;
        deque.remove(victim);
        model = model.filter((e) => e !== victim);
      }
      expect(deque.size).toBe(model.length);
      expect(deque.peek()).toBe(model[0]);
    }
    expect(ids(deque)).toEqual(model.map((e) => e.id));
  });
});
