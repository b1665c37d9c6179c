import { describe, expect, it } from 'vitest';
import { SpanBuffer } from '../../src/masking/spanBuffer.js';

describe('SpanBuffer', () => {
  it('stores triples and grows past its initial size', () => {
    const buffer = new SpanBuffer();
    for (let k = 0; k < 1000; k++) buffer.push(k % 5, k * 10, k * 10 + 3);
    expect(buffer.length).toBe(1000);
    expect([buffer.kind(999), buffer.start(999), buffer.end(999)]).toEqual([4, 9990, 9993]);
    expect([buffer.kind(0), buffer.start(0), buffer.end(0)]).toEqual([0, 0, 3]);
    buffer.length = 0;
    buffer.push(1, 2, 3);
    expect([buffer.kind(0), buffer.start(0), buffer.end(0)]).toEqual([1, 2, 3]);
  });
});
