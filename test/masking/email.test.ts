import { describe, expect, it } from 'vitest';
import { domainEnd, localPartStart } from '../../src/masking/email.js';

describe('localPartStart', () => {
  const start = (text: string, floor = 0) => localPartStart(text, text.indexOf('@'), floor);

  it('R10: finds the maximal run of local characters before the @', () => {
    expect(start('mail john.doe+tag@x.org')).toBe(5);
    expect(start('(melissa@gmail.com)')).toBe(1);
    expect(start('josé@x.es')).toBe(0);
    expect(start('ab𝐀c@x.es')).toBe(0);
    expect(start('x:y%z_1-2@x.es')).toBe(2);
  });

  it('is -1 when the local part is empty', () => {
    expect(start('@gmail.com')).toBe(-1);
    expect(start('hi @gmail.com')).toBe(-1);
    expect(start('***@gmail.com')).toBe(-1);
  });

  it('never starts with a * but reads one inside: a masked address is the same address', () => {
    expect(start('m******@gmail.com')).toBe(0);
    expect(start('*melissa@gmail.com')).toBe(1);
    expect(start('john*doe@x.org')).toBe(0);
  });

  it('reads through invisible characters but never starts on one', () => {
    expect(start('\u200bmel\u200bissa@x.org')).toBe(1);
  });

  it('does not scan back past the floor', () => {
    expect(start('abc.def@x.org', 4)).toBe(4);
    expect(start('abc@x.org', 3)).toBe(-1);
  });
});

describe('domainEnd', () => {
  const end = (text: string) => domainEnd(text, text.indexOf('@'), text.length);

  it('R10: needs at least two labels', () => {
    expect(end('a@gmail.com')).toBe(11);
    expect(end('a@mail.example.co.uk!')).toBe(20);
    expect(end('a@localhost')).toBe(-1);
    expect(end('a@')).toBe(-1);
    expect(end('a@.com')).toBe(-1);
  });

  it('stops before a final dot and at a double dot', () => {
    expect(end('a@gmail.com.')).toBe(11);
    expect(end('a@gmail..com')).toBe(-1);
    expect(end('a@x.y..z')).toBe(5);
  });

  it('R10: takes Unicode labels and astral letters', () => {
    expect(end('a@пример.рф')).toBe(11);
    expect(end('a@例子.中国')).toBe(7);
    expect(end('a@𝐀.com')).toBe(8);
  });

  it('ignores a lone surrogate as a label character', () => {
    expect(end('a@b\ud800.com')).toBe(-1);
  });
});
