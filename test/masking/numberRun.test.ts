import { describe, expect, it } from 'vitest';
import { KIND_CARD, KIND_PHONE, KIND_SSN } from '../../src/masking/kinds.js';
import { emitChunk, prefixedDigit, readChunk } from '../../src/masking/numberRun.js';
import { SpanBuffer } from '../../src/masking/spanBuffer.js';

/** Reads the chunk at `at` and returns [its end, its pieces as [kind, text]]. */
function chunk(text: string, at = 0): [number, [number, string][]] {
  const out = new SpanBuffer();
  const end = readChunk(text, at, text.length);
  if (end > 0) emitChunk(text, out);
  const pieces: [number, string][] = [];
  for (let k = 0; k < out.length; k++)
    pieces.push([out.kind(k), text.slice(out.start(k), out.end(k))]);
  return [end, pieces];
}

describe('prefixedDigit', () => {
  it('accepts the prefixes a phone number may start with', () => {
    for (const p of ['(', '(+', '(+ ', '+', '+ ', '+(', '+ (']) {
      expect(prefixedDigit(`${p}1`, 0, p.length + 1), p).toBe(p.length);
    }
  });

  it('refuses anything else', () => {
    for (const t of ['((1', '( 1', '++1', '+  1', '(+(1', '+x', '(', '+']) {
      expect(prefixedDigit(t, 0, t.length), t).toBe(-1);
    }
  });
});

describe('readChunk and emitChunk', () => {
  it('reads digit groups joined by the gaps a phone number may have', () => {
    expect(chunk('+1 (202) 555-0143 ok')).toEqual([17, [[KIND_PHONE, '+1 (202) 555-0143']]]);
    expect(chunk('202 - 555 - 0143')).toEqual([16, [[KIND_PHONE, '202 - 555 - 0143']]]);
  });

  it('a chunk ends at two spaces, a letter, a slash or a colon', () => {
    expect(chunk('1234  5678')[0]).toBe(4);
    expect(chunk('1234x')[0]).toBe(4);
    expect(chunk('12/25')[0]).toBe(2);
    expect(chunk('10:30')[0]).toBe(2);
  });

  it('is -1 where no chunk starts', () => {
    expect(chunk('+x')[0]).toBe(-1);
  });

  it('R9/R10: cuts a run into several valid pieces, longest first', () => {
    expect(chunk('123-45-6789 07966 197542')[1]).toEqual([
      [KIND_SSN, '123-45-6789'],
      [KIND_PHONE, '07966 197542'],
    ]);
    expect(chunk('4111 1111 1111 1111 1234567890')[1]).toEqual([
      [KIND_CARD, '4111 1111 1111 1111'],
      [KIND_PHONE, '1234567890'],
    ]);
  });

  it('R9: masks nothing when a run cannot be cut whole', () => {
    expect(chunk('4111 1111 1111 1112')[1]).toEqual([]);
    expect(chunk('1234 5678 9012 3456 78')[1]).toEqual([]);
  });

  it('R10: sets aside dates, times and IPv4 addresses', () => {
    expect(chunk('2024-05-12 0796619754')[1]).toEqual([[KIND_PHONE, '0796619754']]);
    expect(chunk('192.168.1.1 0796619754')[1]).toEqual([[KIND_PHONE, '0796619754']]);
    // Five dotted groups are not an address.
    expect(chunk('1.192.168.1.10')[1]).toEqual([[KIND_PHONE, '1.192.168.1.10']]);
    expect(chunk('0796619754 10:30')[1]).toEqual([[KIND_PHONE, '0796619754']]);
  });

  it('R10: a number glued to a letter, currency or % is none', () => {
    expect(chunk('x0796619754', 1)[1]).toEqual([]);
    expect(chunk('0796619754%')[1]).toEqual([]);
    expect(chunk('£0796619754', 1)[1]).toEqual([]);
  });

  it('leaves the visible tail of a masked number after ** alone', () => {
    expect(chunk('**3000 123456', 2)[1]).toEqual([]);
    expect(chunk('*3000 123456', 1)[1]).toEqual([[KIND_PHONE, '3000 123456']]);
  });

  it('grows its tables for chunks of thousands of groups', () => {
    const text = '07966197542 '.repeat(500).trimEnd();
    expect(chunk(text)[1]).toHaveLength(500);
  });
});
