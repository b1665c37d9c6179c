import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventScheduler, PRIORITY_URGENT } from '../../sim/eventScheduler.js';

function drain(engine: EventScheduler, until = Number.POSITIVE_INFINITY): [number, number][] {
  const out: [number, number][] = [];
  while (engine.next(until)) out.push([engine.now, engine.arg]);
  return out;
}

describe('EventScheduler', () => {
  it('runs events in time order and same-time events in scheduling order', () => {
    const engine = new EventScheduler(4);
    engine.schedule(5, 0, 1);
    engine.schedule(1, 0, 2);
    engine.schedule(5, 0, 3);
    engine.schedule(1, 0, 4);
    engine.schedule(0, 0, 5);
    expect(drain(engine)).toEqual([
      [0, 5],
      [1, 2],
      [1, 4],
      [5, 1],
      [5, 3],
    ]);
    expect(engine.size).toBe(0);
  });

  it('runs an urgent event before every normal one due at the same instant, urgent ones in order', () => {
    const engine = new EventScheduler(4);
    engine.schedule(5, 0, 1);
    engine.schedule(5, 0, 2, undefined, PRIORITY_URGENT);
    engine.schedule(3, 0, 3);
    engine.schedule(5, 0, 4, undefined, PRIORITY_URGENT);
    engine.schedule(5, 0, 5);
    expect(engine.next(10)).toBe(true);
    expect(engine.arg).toBe(3);
    // Scheduled while the clock is at 3, due at 5: still after the urgent ones already there.
    engine.schedule(5, 0, 6, undefined, PRIORITY_URGENT);
    expect(drain(engine)).toEqual([
      [5, 2],
      [5, 4],
      [5, 6],
      [5, 1],
      [5, 5],
    ]);
    // An urgent event for "now", scheduled from an event, runs before the rest due now.
    engine.schedule(7, 0, 7);
    engine.schedule(7, 0, 8);
    expect(engine.next(10)).toBe(true);
    engine.schedule(engine.now, 0, 9, undefined, PRIORITY_URGENT);
    expect(drain(engine)).toEqual([
      [7, 9],
      [7, 8],
    ]);
  });

  it('stops at `until` without moving the clock past the last event run', () => {
    const engine = new EventScheduler();
    engine.schedule(10, 0, 1);
    engine.schedule(20, 0, 2);
    expect(drain(engine, 15)).toEqual([[10, 1]]);
    expect(engine.now).toBe(10);
    expect(engine.peekTime()).toBe(20);
    engine.advanceTo(15);
    expect(engine.now).toBe(15);
    expect(drain(engine)).toEqual([[20, 2]]);
  });

  it('cancels lazily, once, and never a later event that reuses the slot', () => {
    const engine = new EventScheduler();
    const h1 = engine.schedule(1, 0, 1);
    const h2 = engine.schedule(2, 0, 2);
    expect(engine.cancel(h1)).toBe(true);
    expect(engine.cancel(h1)).toBe(false);
    expect(engine.size).toBe(1);
    expect(drain(engine)).toEqual([[2, 2]]);
    expect(engine.cancel(h2)).toBe(false);
    // The freed slots are reused; the old handles must not reach the new events.
    engine.schedule(3, 0, 3);
    engine.schedule(4, 0, 4);
    expect(engine.cancel(h1)).toBe(false);
    expect(engine.cancel(h2)).toBe(false);
    expect(drain(engine)).toEqual([
      [3, 3],
      [4, 4],
    ]);
  });

  it('carries kind and payload', () => {
    const engine = new EventScheduler();
    const payload = { x: 1 };
    engine.schedule(1, 7, 42, payload);
    expect(engine.next(10)).toBe(true);
    expect([engine.kind, engine.arg, engine.payload]).toEqual([7, 42, payload]);
  });

  it('refuses to schedule in the past', () => {
    const engine = new EventScheduler();
    engine.schedule(5, 0);
    engine.next(10);
    expect(() => engine.schedule(4, 0)).toThrow(RangeError);
  });

  it('matches a stable sort by time under random schedules, cancels and growth', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.integer({ min: 0, max: 50 }),
            cancel: fc.boolean(),
            popFirst: fc.integer({ min: 0, max: 3 }),
          }),
          { maxLength: 300 },
        ),
        (ops) => {
          const engine = new EventScheduler(16);
          const expected: { at: number; id: number }[] = [];
          const got: { at: number; id: number }[] = [];
          ops.forEach((op, id) => {
            // Interleave pops with schedules; later schedules never go before the clock.
            for (let k = 0; k < op.popFirst && engine.next(Number.POSITIVE_INFINITY); k++) {
              got.push({ at: engine.now, id: engine.arg });
            }
            const at = engine.now + op.at;
            const handle = engine.schedule(at, 0, id);
            if (op.cancel) engine.cancel(handle);
            else expected.push({ at, id });
          });
          while (engine.next(Number.POSITIVE_INFINITY))
            got.push({ at: engine.now, id: engine.arg });
          expected.sort((x, y) => x.at - y.at || x.id - y.id);
          const sortedGot = [...got].sort((x, y) => x.at - y.at || x.id - y.id);
          // Everything not cancelled ran exactly once, and the clock never went backwards.
          expect(sortedGot).toEqual(expected);
          for (let i = 1; i < got.length; i++)
            expect(got[i]!.at).toBeGreaterThanOrEqual(got[i - 1]!.at);
          // Same-time events ran in scheduling (id) order.
          for (let i = 1; i < got.length; i++) {
            if (got[i]!.at === got[i - 1]!.at) expect(got[i]!.id).toBeGreaterThan(got[i - 1]!.id);
          }
        },
      ),
    );
  });

  it('matches a sort by (time, priority, sequence) under random urgent and normal events and cancels', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            delay: fc.constantFrom(0, 0, 0, 1, 2, 5),
            urgent: fc.boolean(),
            cancel: fc.integer({ min: 0, max: 4 }),
            popFirst: fc.integer({ min: 0, max: 2 }),
          }),
          { maxLength: 300 },
        ),
        (ops) => {
          const engine = new EventScheduler(16);
          const reference: { at: number; urgent: boolean; id: number; live: boolean }[] = [];
          const order: number[] = [];
          const expectedOrder: number[] = [];
          const pop = () => {
            if (!engine.next(Number.POSITIVE_INFINITY)) return false;
            order.push(engine.arg);
            // The reference: the live pending event with the least (time, priority, sequence).
            let best = -1;
            reference.forEach((e, i) => {
              if (!e.live) return;
              const b = reference[best];
              if (
                b === undefined ||
                e.at < b.at ||
                (e.at === b.at && Number(b.urgent) < Number(e.urgent)) ||
                (e.at === b.at && b.urgent === e.urgent && e.id < b.id)
              ) {
                best = i;
              }
            });
            reference[best]!.live = false;
            expectedOrder.push(reference[best]!.id);
            return true;
          };
          const handles: number[] = [];
          ops.forEach((op, id) => {
            for (let k = 0; k < op.popFirst && pop(); k++);
            const at = engine.now + op.delay;
            handles.push(
              engine.schedule(at, 0, id, undefined, op.urgent ? PRIORITY_URGENT : undefined),
            );
            reference.push({ at, urgent: op.urgent, id, live: true });
            // Sometimes cancel an earlier event (maybe one already run: a no-op then).
            if (op.cancel === 0 && id > 0) {
              const victim = id - 1;
              if (engine.cancel(handles[victim]!)) reference[victim]!.live = false;
            }
          });
          while (pop());
          expect(order).toEqual(expectedOrder);
          expect(reference.every((e) => !e.live)).toBe(true);
          expect(engine.size).toBe(0);
        },
      ),
    );
  });
});
