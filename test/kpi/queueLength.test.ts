import { describe, expect, it } from 'vitest';
import { queueLength, waitingForAnswer } from '../../src/kpi/queueLength.js';
import { maximum } from '../../src/kpi/stepFunction.js';
import { leg, record, s } from './builders.js';

describe('queueLength', () => {
  it('counts each conversation from arrival to its first offer, or to its end if never offered', () => {
    const f = queueLength([
      record('a', {
        arrivedAt: 0,
        firstOfferedAt: 10,
        acceptedAt: 12,
        endedAt: 20,
        outcome: 'handled',
        legs: [leg('x', 'answer', [10, 12, 20, 20])],
      }),
      record('b', { arrivedAt: 5, endedAt: 8, outcome: 'abandoned' }),
      record('c', { arrivedAt: 10, endedAt: 30, outcome: 'interrupted' }),
    ]);
    expect(maximum(f, 0, s(7))).toBe(2);
    // At 10 s a leaves the queue as c joins it.
    expect(maximum(f, s(8), s(100))).toBe(1);
  });

  it('adds the stint after a transfer to a queue, until the next owner is offered it', () => {
    const f = queueLength([
      record('t', {
        arrivedAt: 0,
        firstOfferedAt: 0,
        acceptedAt: 1,
        endedAt: 90,
        outcome: 'handled',
        transferCount: 1,
        legs: [leg('x', 'answer', [0, 1, 10, 12]), leg('y', 'transfer', [40, 45, 90, 95])],
      }),
    ]);
    expect(maximum(f, 0, s(10))).toBe(0);
    expect(maximum(f, s(10), s(40))).toBe(1);
    expect(maximum(f, s(40), s(100))).toBe(0);
  });

  it('a transfer to an agent is offered at once: no queue; a disconnected one neither', () => {
    const f = queueLength([
      record('t', {
        arrivedAt: 0,
        firstOfferedAt: 0,
        acceptedAt: 0,
        endedAt: 60,
        outcome: 'transfer-disconnected',
        transferCount: 1,
        legs: [leg('x', 'answer', [0, 0, 30, 31])],
      }),
      record('u', {
        arrivedAt: 0,
        firstOfferedAt: 0,
        acceptedAt: 0,
        endedAt: 60,
        outcome: 'handled',
        transferCount: 1,
        legs: [leg('x', 'answer', [0, 0, 30, 31]), leg('y', 'transfer', [30, 32, 60, 60])],
      }),
    ]);
    expect(maximum(f, 0, s(100))).toBe(0);
  });

  it('a conversation abandoned in the queue it was transferred to waits until its end', () => {
    const f = queueLength([
      record('t', {
        arrivedAt: 0,
        firstOfferedAt: 0,
        acceptedAt: 0,
        endedAt: 50,
        outcome: 'abandoned',
        transferCount: 1,
        legs: [leg('x', 'answer', [0, 0, 30, 31])],
      }),
    ]);
    expect(maximum(f, s(30), s(50))).toBe(1);
    expect(maximum(f, s(50), s(60))).toBe(0);
  });
});

describe('waitingForAnswer', () => {
  it('spans arrival to first accept, or to the end when never answered', () => {
    const f = waitingForAnswer([
      record('a', {
        arrivedAt: 0,
        firstOfferedAt: 10,
        acceptedAt: 12,
        endedAt: 20,
        outcome: 'handled',
        legs: [leg('x', 'answer', [10, 12, 20, 20])],
      }),
      record('b', { arrivedAt: 5, endedAt: 8, outcome: 'abandoned' }),
    ]);
    expect(maximum(f, s(5), s(8))).toBe(2);
    expect(maximum(f, s(8), s(12))).toBe(1);
    expect(maximum(f, s(12), s(100))).toBe(0);
  });
});
