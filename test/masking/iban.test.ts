import { faker } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import {
  IBAN_LENGTHS,
  ibanChecksumValid,
  ibanLengthOf,
  MAX_IBAN_LENGTH,
  readIban,
} from '../../src/masking/iban.js';

const values = (iban: string) => [...iban].map((c) => Number.parseInt(c, 36));

describe('IBAN_LENGTHS', () => {
  it('has the registry lengths of well-known countries', () => {
    expect(IBAN_LENGTHS.DE).toBe(22);
    expect(IBAN_LENGTHS.GB).toBe(22);
    expect(IBAN_LENGTHS.NO).toBe(15);
    expect(IBAN_LENGTHS.FR).toBe(27);
    expect(IBAN_LENGTHS.MT).toBe(31);
    expect(IBAN_LENGTHS.LC).toBe(32);
    expect(IBAN_LENGTHS.RU).toBe(33);
    for (const length of Object.values(IBAN_LENGTHS)) {
      expect(length).toBeGreaterThanOrEqual(15);
      expect(length).toBeLessThanOrEqual(MAX_IBAN_LENGTH);
    }
  });

  it('agrees with every country faker generates IBANs for', () => {
    faker.seed(13616);
    for (let k = 0; k < 500; k++) {
      const iban = faker.finance.iban();
      expect(IBAN_LENGTHS[iban.slice(0, 2)], iban).toBe(iban.length);
    }
  });

  it('ibanLengthOf reads either case and knows no made-up country', () => {
    expect(ibanLengthOf(0x44, 0x45)).toBe(22);
    expect(ibanLengthOf(0x64, 0x65)).toBe(22);
    expect(ibanLengthOf(0x5a, 0x5a)).toBe(0);
  });

  it('ibanLengthOf reads full-width letters and nothing but Latin letters', () => {
    expect(ibanLengthOf('Ｄ'.charCodeAt(0), 'Ｅ'.charCodeAt(0))).toBe(22);
    expect(ibanLengthOf('ｇ'.charCodeAt(0), 'ｂ'.charCodeAt(0))).toBe(22);
    expect(ibanLengthOf('D'.charCodeAt(0), 'Ｅ'.charCodeAt(0))).toBe(22);
    for (const [a, b] of ['D[', '@E', 'Ｄ［', 'ÐE', 'D1']) {
      expect(ibanLengthOf(a!.charCodeAt(0), b!.charCodeAt(0)), `${a}${b}`).toBe(0);
    }
  });
});

describe('ibanChecksumValid', () => {
  it('R9: accepts valid IBANs and rejects a changed digit', () => {
    for (const iban of ['DE89370400440532013000', 'GB82WEST12345698765432', 'NO9386011117947']) {
      expect(ibanChecksumValid(values(iban), iban.length)).toBe(true);
    }
    expect(ibanChecksumValid(values('DE89370400440532013001'), 22)).toBe(false);
    expect(ibanChecksumValid(values('GB82WEST12345698765433'), 22)).toBe(false);
  });
});

describe('readIban', () => {
  const read = (text: string) => readIban(text, 0, text.length);

  it('R9: returns the end of a valid IBAN, grouped or not, of either case', () => {
    expect(read('DE89 3704 0044 0532 0130 00')).toBe(27);
    expect(read('de89370400440532013000')).toBe(22);
    expect(read('GB82 WEST 1234 5698 7654 32 thanks')).toBe(27);
    expect(read('DE89\u200b3704 0044 0532 0130 00')).toBe(27);
    expect(read('DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000')).toBe(27);
  });

  it('R9: reads full-width letters and digits of any script by value', () => {
    expect(read('ＤＥ８９ ３７０４ ００４４ ０５３２ ０１３０ ００')).toBe(27);
    expect(read('DE٨٩ ٣٧٠٤ ٠٠٤٤ ٠٥٣٢ ٠١٣٠ ٠٠')).toBe(27);
    expect(read('ｇｂ８２ｗｅｓｔ１２３４５６９８７６５４３２')).toBe(22);
    // An astral digit is two code units: the end is after its second.
    expect(read('DE89370400440532013𝟎𝟎𝟎')).toBe(25);
    expect(read('DE89370400440532013𝟎𝟎𝟏')).toBe(-25);
    expect(read('DE89370400440532013000𝟏')).toBe(0);
  });

  it('R9: returns minus the end of a well-formed IBAN that fails mod-97', () => {
    expect(read('DE89 3704 0044 0532 0130 01')).toBe(-27);
    expect(read('DE89370400440532013001')).toBe(-22);
  });

  it('returns 0 for anything else', () => {
    expect(read('DE89 3704 0044 0532 0130 0')).toBe(0);
    expect(read('DE89 3704 0044 0532 0130 001')).toBe(0);
    expect(read('DE89  3704 0044 0532 0130 00')).toBe(0);
    expect(read('DEX9 3704 0044 0532 0130 00')).toBe(0);
    expect(read('ZZ89 3704 0044 0532 0130 00')).toBe(0);
    expect(read('D')).toBe(0);
    expect(read('')).toBe(0);
    // A mistyped IBAN in unusual groups is not kept whole: it may hold other numbers.
    expect(read('DE8937 0400 4405 3201 3001')).toBe(0);
  });
});
