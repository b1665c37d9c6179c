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

  it('gaps are runs of up to three spaces, dashes, dots and slashes, with brackets', () => {
    expect(chunk('1234  5678')[0]).toBe(10);
    expect(chunk('1234 - 5678')[0]).toBe(11);
    expect(chunk('1234/5678')[0]).toBe(9);
    expect(chunk('1234.-/5678')[0]).toBe(11);
    expect(chunk('1234) / (5678')[0]).toBe(13);
    expect(chunk('1234\u00a0\u2013\u200b\u00a05678')[0]).toBe(12);
    expect(chunk('１２３４／５６７８')[0]).toBe(9);
  });

  it('a chunk ends at four separators, a letter, a colon or another character', () => {
    expect(chunk('1234    5678')[0]).toBe(4);
    expect(chunk('1234 -- 5678')[0]).toBe(4);
    expect(chunk('1234x')[0]).toBe(4);
    expect(chunk('10:30')[0]).toBe(2);
    expect(chunk('1234,5678')[0]).toBe(4);
    expect(chunk('1234_5678')[0]).toBe(4);
  });

  it('reads digits of any script as one group', () => {
    expect(chunk('٠٧٩٦٦١٩٧٥٤٢')).toEqual([11, [[KIND_PHONE, '٠٧٩٦٦١٩٧٥٤٢']]]);
    expect(chunk('07966١٩٧٥٤٢')).toEqual([11, [[KIND_PHONE, '07966١٩٧٥٤٢']]]);
    expect(chunk('𝟎𝟕𝟗𝟔𝟔𝟏𝟗𝟕𝟓𝟒𝟐')).toEqual([22, [[KIND_PHONE, '𝟎𝟕𝟗𝟔𝟔𝟏𝟗𝟕𝟓𝟒𝟐']]]);
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

  it('R10: sets aside dates, times, slashed dates and IPv4 addresses', () => {
    expect(chunk('2024-05-12 0796619754')[1]).toEqual([[KIND_PHONE, '0796619754']]);
    expect(chunk('12/05/2024 0796619754')[1]).toEqual([[KIND_PHONE, '0796619754']]);
    expect(chunk('0796619754 12/25')[1]).toEqual([[KIND_PHONE, '0796619754']]);
    expect(chunk('0796619754 05/2027')[1]).toEqual([[KIND_PHONE, '0796619754']]);
    // Pairs in a longer slashed sequence are a number, not dates.
    expect(chunk('06/12/34/56/78')[1]).toEqual([[KIND_PHONE, '06/12/34/56/78']]);
    expect(chunk('192.168.1.1/24 0796619754')[1]).toEqual([[KIND_PHONE, '0796619754']]);
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
    // The tail is at most four characters and has no white space; what follows is read.
    expect(chunk('**.123-45-6789', 3)[1]).toEqual([]);
    expect(chunk('**3000 07966197542', 2)[1]).toEqual([[KIND_PHONE, '07966197542']]);
    expect(chunk('** 07966197542', 3)[1]).toEqual([[KIND_PHONE, '07966197542']]);
  });

  it('R9/R10: a run that cannot be cut whole leaves out groups typed apart from its pieces', () => {
    expect(chunk('07966197542 / 12345')[1]).toEqual([[KIND_PHONE, '07966197542']]);
    expect(chunk('12345 / 07966197542')[1]).toEqual([[KIND_PHONE, '07966197542']]);
    expect(chunk('4111 1111 1111 1111 / 123')[1]).toEqual([[KIND_CARD, '4111 1111 1111 1111']]);
    // Typed like the pieces around them, groups are not left out: nothing is cut out.
    expect(chunk('4111 1111 1111 1112')[1]).toEqual([]);
    expect(chunk('4111 / 1111 / 1111 / 1112')[1]).toEqual([]);
    expect(chunk('07966 197542 12345')[1]).toEqual([]);
    // Nor at a single dot: a decimal point holds a number together.
    expect(chunk('3.14159265358979')[1]).toEqual([]);
    // Most digits masked: the phone, not the SSN inside the same groups.
    expect(chunk('9471111..123-45-6789')[1]).toEqual([[KIND_PHONE, '9471111..123']]);
  });

  it('grows its tables for chunks of thousands of groups', () => {
    const text = '07966197542 '.repeat(500).trimEnd();
    expect(chunk(text)[1]).toHaveLength(500);
  });
});
