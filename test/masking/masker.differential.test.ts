import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_KINDS, findSensitive, maskText } from '../../src/masking/index.js';
import { referenceFind, referenceMask } from './referenceMasker.js';

/**
 * A grammar of near misses: digit groups of every length, every separator the rules know and a
 * few they do not, country codes, `@` and domains, invisible and astral characters, lone
 * surrogates, and whole valid values to be glued to all of them.
 */
const TOKENS = [
  ...[
    '0',
    '1',
    '2',
    '3',
    '12',
    '123',
    '234',
    '567',
    '890',
    '4567',
    '2024',
    '1999',
    '05',
    '13',
    '31',
  ],
  ...['99', '0143', '202', '555', '7966', '197542', '07966', '4111', '1111', '1112', '45', '6789'],
  ...['666', '000', '00', '0000', '255', '256', '10', '9', '98765432109'],
  ...[' ', '  ', '-', '.', '(', ')', '+', '/', ':', ',', '\u00a0', '\u2009', '\u202f', '\u3000'],
  ...[
    '\u200b',
    '\u200f',
    '\u2066',
    '\u00ad',
    '\ufeff',
    '\u2013',
    '\u2212',
    ') ',
    ' (',
    ' - ',
    '(+',
  ],
  ...['+ (', '+ ', '..', '.-', '*', '**'],
  ...['a', 'DE', 'de', 'GB', 'gb', 'AT', 'at', 'NO', 'x', 'é', 'Ж', '中', 'ab', 'WEST', 'west'],
  ...['89', '82', '@', '@@', '.com', '.co.uk', 'mail', '_', '%', '$', '€', '😀', '𝐀', '\ud800'],
  ...['\udc00', '\n', '\t', 'T', 'e\u0301', 'ش'],
  ...['4111 1111 1111 1111', '123-45-6789', 'DE89 3704 0044 0532 0130 00', '+447966197542'],
  ...['de89370400440532013000', 'melissa@gmail.com', '2024-05-12', '10:30', '192.168.1.1'],
  ...['3782 822463 10005', '1 234 567 890', '+1 (202) 555-0143', 'NO93 8601 1117 947'],
  // Separator runs, the full-width forms of separators and brackets, digits of other scripts.
  ...[
    '/',
    ' / ',
    '   ',
    '  -',
    '.-',
    '-/',
    '//',
    ' /',
    '\u00a0-\u00a0',
    '\uff0f',
    '\uff0d',
    '\uff0e',
  ],
  ...['\uff08', '\uff09', '\uff0b', '\uff1a', '\uff05', '٤', '١٢٣', '٠٧٩٦٦', '١٩٧٥٤٢', '٨٩', '４'],
  ...[
    '１１１１',
    '１２',
    '𝟒',
    '𝟏𝟏',
    '𝟎𝟕𝟗𝟔𝟔',
    '४',
    '१२३४',
    'ＤＥ',
    'ｇｂ',
    'ＷＥＳＴ',
    '12/25',
    '05/2027',
  ],
  ...['4111  1111  1111  1111', '4111 - 1111 - 1111 - 1111', '4111.1111.1111.1111', '030/12345678'],
  ...[
    '4111/1111/1111/1111',
    '12/05/2024',
    '٤١١١ ١١١١ ١١١١ ١١١١',
    '４１１１－１１１１－１１１１－１１１１',
  ],
  ...[
    'ＤＥ８９ ３７０４ ００４４ ０５３２ ０１３０ ００',
    '𝟒𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏',
    '*******7542',
    '***',
  ],
];

const nearMiss = fc
  .array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 40 })
  .map((parts) => parts.join(''));
const kinds = fc.option(fc.subarray([...ALL_KINDS]), { nil: undefined });

describe('differential: the scanner against a slow reference (test/masking/referenceMasker.ts)', () => {
  it('R9/R10/R11: finds the same spans and masks the same way on near-miss inputs', () => {
    fc.assert(
      fc.property(nearMiss, kinds, (text, only) => {
        const options = only === undefined ? undefined : { kinds: only };
        expect(findSensitive(text, options)).toEqual(referenceFind(text, only));
        expect(maskText(text, options)).toBe(referenceMask(text, only));
      }),
      { seed: 42, numRuns: 20_000 },
    );
  });

  it('masking near-miss inputs is idempotent', () => {
    fc.assert(
      fc.property(nearMiss, (text) => {
        const once = maskText(text);
        expect(maskText(once)).toBe(once);
      }),
      { seed: 43, numRuns: 20_000 },
    );
  });

  it('agrees with the reference on worst cases (cut down to a size it can take) and past finds', () => {
    const cases = [
      `${'a'.repeat(300)}@`,
      '1'.repeat(300),
      '+('.repeat(150),
      '1 '.repeat(150),
      '2-'.repeat(150),
      '(1'.repeat(150),
      '1.'.repeat(150),
      '(1) '.repeat(75),
      'a@'.repeat(150),
      'DE89 '.repeat(60),
      '1 234 567 890 '.repeat(20),
      '07966197542 '.repeat(25),
      '4111 1111 1111 1111 '.repeat(15),
      '123-45-'.repeat(40),
      '1\u200b'.repeat(150),
      // Found by the fuzzer: an invisible character between two lone surrogates.
      '  +1 (202) 555-0143x\ud800\u2066\udc00melissa@gmail.com',
    ];
    for (const text of cases) expect(findSensitive(text)).toEqual(referenceFind(text));
  });
});
