import { describe, expect, it } from 'vitest';
import { ALL_KINDS_MASK, KIND_EMAIL, KIND_IBAN, KIND_PHONE } from '../../src/masking/kinds.js';
import { scan } from '../../src/masking/scanner.js';
import { SpanBuffer } from '../../src/masking/spanBuffer.js';

function spans(text: string, kinds = ALL_KINDS_MASK): [number, string][] {
  const out = new SpanBuffer();
  scan(text, kinds, out);
  const result: [number, string][] = [];
  for (let k = 0; k < out.length; k++)
    result.push([out.kind(k), text.slice(out.start(k), out.end(k))]);
  return result;
}

describe('scan', () => {
  it('precedence: an e-mail address takes the numbers of its local part', () => {
    expect(spans('+447966197542@x.com')).toEqual([[KIND_EMAIL, '+447966197542@x.com']]);
    expect(spans('202-555-0143.john@x.com')).toEqual([[KIND_EMAIL, '202-555-0143.john@x.com']]);
  });

  it('a number the local part starts in is cut where the address begins', () => {
    expect(spans('4111 1111 1111 1111melissa@gmail.com')).toEqual([
      [KIND_PHONE, '4111 1111 1111'],
      [KIND_EMAIL, '1111melissa@gmail.com'],
    ]);
  });

  it('an IBAN the local part starts in is read again as a plain chunk', () => {
    expect(spans('DE89 3704 0044 0532 0130 00.x@y.com')).toEqual([[KIND_EMAIL, '00.x@y.com']]);
  });

  it('precedence: an IBAN is read before the numbers in it', () => {
    expect(spans('IBAN GB82 WEST 1234 5698 7654 32')).toEqual([
      [KIND_IBAN, 'GB82 WEST 1234 5698 7654 32'],
    ]);
  });

  it('a domain without a local part is still no place for a phone number', () => {
    expect(spans('@12025550143.com')).toEqual([]);
  });

  it('finds IBANs from their check digits, at a word start only', () => {
    expect(spans('x DE89370400440532013000')).toHaveLength(1);
    expect(spans('xDE89370400440532013000')).toEqual([]);
    expect(spans('1DE89370400440532013000')).toEqual([]);
  });

  it('detects every kind whatever the options, and reports only those asked for', () => {
    const text = 'DE89 3704 0044 0532 0130 00';
    expect(spans(text, 1 << KIND_PHONE)).toEqual([]);
    expect(spans(text, 1 << KIND_IBAN)).toEqual([[KIND_IBAN, text]]);
    expect(spans(text, 0)).toEqual([]);
  });

  it('starts numbers at digits of any script, astral ones included', () => {
    expect(spans('x ٠٧٩٦٦١٩٧٥٤٢ y')).toEqual([[KIND_PHONE, '٠٧٩٦٦١٩٧٥٤٢']]);
    expect(spans('x 𝟎𝟕𝟗𝟔𝟔𝟏𝟗𝟕𝟓𝟒𝟐 y')).toEqual([[KIND_PHONE, '𝟎𝟕𝟗𝟔𝟔𝟏𝟗𝟕𝟓𝟒𝟐']]);
    expect(spans('x ＋４４７９６６１９７５４２ y')).toEqual([
      [KIND_PHONE, '＋４４７９６６１９７５４２'],
    ]);
    // An emoji shares its high surrogate with astral digits; it starts nothing.
    expect(spans('🤔🤔 07966197542')).toEqual([[KIND_PHONE, '07966197542']]);
  });

  it('an IBAN or an address ends at a boundary that glues nothing', () => {
    expect(spans('DE89370400440532013000(07966197542)')).toEqual([
      [KIND_IBAN, 'DE89370400440532013000'],
      [KIND_PHONE, '07966197542'],
    ]);
    expect(spans('a@b.co\u200b+447966197542')).toEqual([
      [KIND_EMAIL, 'a@b.co'],
      [KIND_PHONE, '+447966197542'],
    ]);
    // A chunk after another chunk is still glued to its last digit.
    expect(spans('1234(+447966197542')).toEqual([]);
  });

  it('starts empty on every call', () => {
    const out = new SpanBuffer();
    scan('+447966197542', ALL_KINDS_MASK, out);
    scan('nothing', ALL_KINDS_MASK, out);
    expect(out.length).toBe(0);
  });
});
