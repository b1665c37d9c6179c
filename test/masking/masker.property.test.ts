import { ar, base, de, en, en_GB, en_US, Faker, fr, ja, ru } from '@faker-js/faker';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSensitive, maskAsNumber, maskText } from '../../src/masking/index.js';
import { isLuhnValid } from '../../src/masking/luhn.js';

// Fixed seeds everywhere: a failure prints fast-check's counterexample and reproduces as is.
const SEED = 42;
const RUNS = 400;

function seeded(locale: ConstructorParameters<typeof Faker>[0]['locale'], seed: number): Faker {
  const f = new Faker({ locale });
  f.seed(seed);
  return f;
}

// A vocabulary drawn once from seeded fakers: Latin, Arabic, Cyrillic and Japanese words, emoji.
const vocabulary = (() => {
  const words = new Set<string>();
  const en1 = seeded([en, base], 1);
  const ar1 = seeded([ar, en, base], 2);
  const ru1 = seeded([ru, en, base], 3);
  const ja1 = seeded([ja, en, base], 4);
  for (let k = 0; k < 200; k++) {
    words.add(en1.word.sample());
    words.add(en1.lorem.word());
  }
  for (let k = 0; k < 40; k++) {
    for (const w of [...ar1.lorem.words(3).split(' '), ...ru1.lorem.words(3).split(' ')])
      words.add(w);
    words.add(ja1.lorem.word());
    words.add(en1.internet.emoji());
  }
  return [...words].filter((w) => w.length > 0 && !/[\d@+(]/.test(w));
})();

/** Decimal digit zeros of scripts people write numbers in (digits.ts has them all). */
const SCRIPTS: readonly number[] = [
  0x30, // ASCII
  0xff10, // full-width
  0x660, // Arabic-Indic
  0x6f0, // Extended Arabic-Indic (Persian, Urdu)
  0x966, // Devanagari
  0x9e6, // Bengali
  0xe50, // Thai
  0x1d7ce, // mathematical bold (astral: two code units each)
];

/** `text` with its ASCII digits written in the script of `zero`. */
function inScript(text: string, zero: number): string {
  return text.replace(/[0-9]/g, (d) => String.fromCodePoint(zero + Number(d)));
}

/** Digits in one script, or each digit in a script of its own. */
const script = fc.oneof(
  fc.constantFrom(...SCRIPTS).map((zero) => (text: string) => inScript(text, zero)),
  fc
    .array(fc.constantFrom(...SCRIPTS), { minLength: 19, maxLength: 19 })
    .map((zeros) => (text: string) => {
      let k = 0;
      return text.replace(/[0-9]/g, (d) => String.fromCodePoint(zeros[k++ % 19]! + Number(d)));
    }),
);

/**
 * A separator between digit groups as people type them (MASKING.md): one space-like or dash-like
 * character, or a run of two or three spaces, dashes, dots and slashes, ASCII, Unicode or
 * full-width. A single dot or slash is left out: between the wrong groups it makes a decimal
 * number, an address or a date, which the rules leave alone on purpose.
 */
const SINGLE_SEPARATORS = [' ', '-', '\u00a0', '\u2009', '\u2013', '\u2212', '\uff0d', '\u3000'];
const RUN_CHARACTERS = [' ', '-', '.', '/', '\u00a0', '\u2013', '\uff0f', '\uff0e', '\uff0d'];
const groupSeparator = fc.oneof(
  fc.constantFrom(...SINGLE_SEPARATORS),
  fc
    .array(fc.constantFrom(...RUN_CHARACTERS), { minLength: 2, maxLength: 3 })
    .map((run) => run.join('')),
);

/** Digit groups joined by separators: one separator for all gaps, or one per gap. */
function joinGroups(groups: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    groupSeparator.map((sep) => groups.join(sep)),
    fc
      .array(groupSeparator, { minLength: groups.length, maxLength: groups.length })
      .map((seps) => groups.map((g, k) => (k === 0 ? g : `${seps[k]}${g}`)).join('')),
  );
}

/** Splits a digit string into groups of the given sizes, the last taking the rest. */
function splitDigits(digits: string, sizes: number[]): string[] {
  const groups: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at + size >= digits.length) break;
    groups.push(digits.slice(at, at + size));
    at += size;
  }
  groups.push(digits.slice(at));
  return groups;
}

/** Phrases with numbers that are not sensitive; each starts and ends with a word. */
const harmless = fc.oneof(
  fc.integer({ min: 0, max: 9_999_999 }).map((n) => `order ${n} ships`),
  fc
    .tuple(
      fc.integer({ min: 1990, max: 2030 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
    )
    .map(([y, m, d]) => `on ${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')} then`),
  fc
    .tuple(
      fc.integer({ min: 1, max: 28 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1990, max: 2030 }),
    )
    .map(([d, m, y]) => `since ${d}/${m}/${y} ok`),
  fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `at ${h}:${String(m).padStart(2, '0')} pm`),
  fc.integer({ min: 0, max: 99_999 }).map((c) => `costs $${(c / 100).toFixed(2)} total`),
  fc.integer({ min: 0, max: 9_999_999 }).map((c) => `about ${c.toLocaleString('en-US')} EUR`),
  fc
    .array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 })
    .map((q) => `IP ${q.join('.')} fine`),
  fc.integer({ min: 1, max: 99 }).map((n) => `${n}% off`.replace(/^/, 'get ')),
  // The new separators and scripts make none of these sensitive.
  fc
    .tuple(
      fc.integer({ min: 1990, max: 2030 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      fc.constantFrom('/', '-', '.'),
    )
    .map(([y, m, d, sep]) => `on ${[y, m, d].map((v) => String(v).padStart(2, '0')).join(sep)} ok`),
  fc
    .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 24, max: 35 }))
    .map(([m, y]) => `exp ${String(m).padStart(2, '0')}/${y} ok`),
  fc.constantFrom(
    'open 24/7 now',
    'split 50/50 ok',
    'CIDR 10.0.0.0/8 ok',
    'CIDR 192.168.1.0/24 ok',
  ),
  fc
    // Two 8-digit order numbers: 16 digits that start with 7 to 9 are no card and no phone
    // number, and 8 digits alone are nothing.
    .tuple(
      fc.integer({ min: 70_000_000, max: 99_999_999 }),
      fc.integer({ min: 10_000_000, max: 99_999_999 }),
    )
    .map(([a, b]) => `orders ${a} / ${b} ok`),
  fc
    .integer({ min: 0, max: 99_999_999 })
    .map((c) => `total ${(c / 100).toLocaleString('de-DE')} EUR`),
  fc
    .tuple(fc.integer({ min: 0, max: 9_999_999 }), script)
    .map(([n, s]) => `order ${s(String(n))} ships`),
  fc
    .tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 1, max: 12 }), script)
    .map(([y, m, s]) => `on ${s(`${y}-${String(m).padStart(2, '0')}-15`)} then`),
  // A card that fails Luhn, in any of the separators: it is no card and no phone number.
  fc
    .tuple(
      fc.stringMatching(/^4[0-9]{14}$/),
      fc.integer({ min: 1, max: 9 }),
      fc.constantFrom(...SINGLE_SEPARATORS, '  ', ' / ', ' - ', '/', '.', '.-'),
      script,
    )
    .map(([body, off, sep, s]) => {
      const wrong = (luhnCheckDigit(body) + off) % 10;
      return `card ${s(splitDigits(`${body}${wrong}`, [4, 4, 4]).join(sep))} declined`;
    }),
);

/** The digit that makes `body` followed by it pass Luhn. */
function luhnCheckDigit(body: string): number {
  for (let d = 0; d < 10; d++) if (isLuhnValid(`${body}${d}`)) return d;
  throw new Error('unreachable: one digit always completes a Luhn sum');
}

const separator = fc.constantFrom(' ', ', ', '. ', '\n', ' — ', ' 😀 ', '! ');
const chat = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...vocabulary) },
      { weight: 1, arbitrary: harmless },
    ),
    {
      minLength: 0,
      maxLength: 12,
    },
  )
  .chain((parts) =>
    fc
      .array(separator, { minLength: parts.length, maxLength: parts.length })
      .map((seps) => parts.map((p, k) => (k === 0 ? p : `${seps[k]}${p}`)).join('')),
  );

/** Separators around an embedded value that keep it apart from the words next to it. */
const before = fc.constantFrom(' ', '\n', ': ', ' (', ', ', ' 😀 ', ' \u200f', ' — ', '\t', ' «');
const after = fc.constantFrom(' ', '\n', ') ', ', ', '. ', ' 😀', '\u200f ', ' — ', '!', '» ');

const fakerSeed = fc.integer({ min: 1, max: 2 ** 31 - 1 });

const cardDigits = fakerSeed.map((seed) => {
  const f = seeded([en_US, en, base], seed);
  for (;;) {
    const raw = f.finance.creditCardNumber();
    const digits = raw.replace(/\D/g, '');
    if (!/^[2-6]\d{12,18}$/.test(digits) || !isLuhnValid(digits)) continue;
    return { raw, digits };
  }
});

const card = fakerSeed.chain((seed) =>
  cardDigits.map(({ raw, digits }) =>
    seeded([en, base], seed).helpers.arrayElement([digits, raw, raw.replace(/-/g, ' ')]),
  ),
);

/** A valid card typed the ways MASKING.md names: its groups (or groups of four) joined by runs. */
const typedCard = fc
  .tuple(cardDigits, fc.boolean(), script)
  .chain(([{ raw, digits }, fakerGroups, s]) =>
    joinGroups(fakerGroups ? raw.split('-') : splitDigits(digits, [4, 4, 4, 4])).map(s),
  );

const iban = fc.tuple(fakerSeed, fc.boolean(), fc.boolean()).map(([seed, formatted, lower]) => {
  const value = seeded([en, base], seed).finance.iban({ formatted });
  return lower ? value.toLowerCase() : value;
});

/** An IBAN in digits of any script, its letters perhaps full-width, its spaces perhaps not ASCII. */
const typedIban = fc
  .tuple(iban, script, fc.boolean(), fc.constantFrom(' ', '\u00a0', '\u3000'))
  .map(([value, s, wide, space]) => {
    const letters = wide
      ? value.replace(/[A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
      : value;
    return s(letters).replace(/ /g, space);
  });

const ssn = fc
  .tuple(
    fc.integer({ min: 1, max: 899 }).filter((a) => a !== 666),
    fc.integer({ min: 1, max: 99 }),
    fc.integer({ min: 1, max: 9999 }),
    fc.constantFrom('-', ' ', ''),
  )
  .map(
    ([a, g, s, d]) =>
      `${String(a).padStart(3, '0')}${d}${String(g).padStart(2, '0')}${d}${String(s).padStart(4, '0')}`,
  );

const phone = fc
  .tuple(fakerSeed, fc.constantFrom('us-national', 'us-intl', 'gb-intl', 'de-intl', 'fr-intl'))
  .map(([seed, style]) => {
    const locale = { us: en_US, gb: en_GB, de, fr }[style.slice(0, 2) as 'us' | 'gb' | 'de' | 'fr'];
    const f = seeded([locale, en, base], seed);
    return f.phone.number({ style: style.endsWith('intl') ? 'international' : 'national' });
  });

/**
 * A phone number typed the ways MASKING.md names: its digits (a `+` kept, or a `＋`) in groups
 * of two to five, the last of four, joined by separator runs, in any script.
 */
const typedPhone = fc
  .tuple(
    phone,
    fc.array(fc.integer({ min: 2, max: 5 }), { minLength: 1, maxLength: 4 }),
    script,
    fc.constantFrom('+', '\uff0b'),
  )
  .chain(([value, sizes, s, plus]) => {
    const digits = value.replace(/\D/g, '');
    const groups = splitDigits(digits.slice(0, -4), sizes).concat(digits.slice(-4));
    const prefix = value.startsWith('+') ? plus : '';
    return joinGroups(groups.filter((g) => g !== '')).map((joined) => `${prefix}${s(joined)}`);
  });

/** A valid SSN in digits of any script, with full-width or Unicode delimiters too. */
const typedSsn = fc
  .tuple(
    fc.integer({ min: 1, max: 899 }).filter((a) => a !== 666),
    fc.integer({ min: 1, max: 99 }),
    fc.integer({ min: 1, max: 9999 }),
    fc.constantFrom('-', ' ', '', '\uff0d', '\u2013', '\u00a0', '\u3000'),
    script,
  )
  .map(([a, g, n, d, s]) =>
    s(
      `${String(a).padStart(3, '0')}${d}${String(g).padStart(2, '0')}${d}${String(n).padStart(4, '0')}`,
    ),
  );

const email = fakerSeed.map((seed) => seeded([en, base], seed).internet.email());

function expectedEmail(value: string): string {
  const at = value.indexOf('@');
  const [first, ...rest] = [...value.slice(0, at)];
  return `${first}${'*'.repeat(rest.length)}${value.slice(at)}`;
}

describe('properties over generated chat (fast-check + faker, fixed seeds)', () => {
  it('R9/R10: chat text without sensitive data comes back unchanged', () => {
    fc.assert(
      fc.property(chat, (text) => {
        expect(maskText(text)).toBe(text);
        expect(findSensitive(text)).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  const embedded: [string, fc.Arbitrary<string>][] = [
    ['R9: a valid card', card],
    ['R9: a valid IBAN', iban],
    ['R9: a valid SSN', ssn],
    ['R10: a phone number', phone],
    ['R9: a valid card typed with separator runs, in any script', typedCard],
    ['R9: a valid IBAN in any script, full-width letters', typedIban],
    ['R9: a valid SSN in any script', typedSsn],
    ['R10: a phone number typed with separator runs, in any script', typedPhone],
  ];
  for (const [name, value] of embedded) {
    it(`${name} anywhere in chat is masked, keeping exactly its last four characters`, () => {
      fc.assert(
        fc.property(chat, before, value, after, chat, (head, left, v, right, tail) => {
          const text = `${head}${left}${v}${right}${tail}`;
          const masked = maskText(text);
          const compact = v.replace(/[\s\u00a0]/g, '');
          expect(masked).toBe(`${head}${left}${maskAsNumber(v)}${right}${tail}`);
          expect(masked).not.toContain(v);
          expect(masked.replace(/[\s\u00a0]/g, '')).not.toContain(compact);
          // The last four characters as typed (code points: astral digits are two code units).
          expect(maskAsNumber(v).endsWith([...compact].slice(-4).join(''))).toBe(true);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }

  it('R10: an e-mail address anywhere in chat keeps its first character and domain', () => {
    fc.assert(
      fc.property(chat, before, email, after, chat, (head, left, v, right, tail) => {
        const text = `${head}${left}${v}${right}${tail}`;
        const masked = maskText(text);
        expect(masked).toBe(`${head}${left}${expectedEmail(v)}${right}${tail}`);
        expect(masked).not.toContain(v);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('masking is idempotent on chat with sensitive values', () => {
    const value = fc.oneof(
      card,
      iban,
      ssn,
      phone,
      email,
      typedCard,
      typedIban,
      typedSsn,
      typedPhone,
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(chat, before, value, after), { maxLength: 4 }),
        chat,
        (parts, tail) => {
          const text = parts.map(([c, l, v, r]) => `${c}${l}${v}${r}`).join('') + tail;
          const once = maskText(text);
          expect(maskText(once)).toBe(once);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('properties over arbitrary strings', () => {
  const codeUnits = fc
    .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 })
    .map((units) => String.fromCharCode(...units));
  const anyString = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    codeUnits,
  );

  it('never throws, on full Unicode and lone surrogates alike', () => {
    fc.assert(
      fc.property(anyString, (text) => {
        expect(() => maskText(text)).not.toThrow();
        expect(() => findSensitive(text)).not.toThrow();
      }),
      { seed: SEED, numRuns: RUNS * 5 },
    );
  });

  it('is idempotent, and spans are in order, inside the text and non-overlapping', () => {
    fc.assert(
      fc.property(anyString, (text) => {
        const once = maskText(text);
        expect(maskText(once)).toBe(once);
        let end = 0;
        for (const span of findSensitive(text)) {
          expect(span.start).toBeGreaterThanOrEqual(end);
          expect(span.end).toBeGreaterThan(span.start);
          expect(span.end).toBeLessThanOrEqual(text.length);
          end = span.end;
        }
      }),
      { seed: SEED, numRuns: RUNS * 5 },
    );
  });

  it('R11: the output is the text with each span replaced by its output rule, nothing else', () => {
    const invisible =
      /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/;
    const emailRule = (span: string) => {
      const at = span.indexOf('@');
      const [first, ...rest] = [...span.slice(0, at)].filter((c) => !invisible.test(c));
      return `${first}${'*'.repeat(rest.length)}${span.slice(at)}`;
    };
    fc.assert(
      fc.property(anyString, (text) => {
        let expected = '';
        let at = 0;
        for (const span of findSensitive(text)) {
          const original = text.slice(span.start, span.end);
          expected += text.slice(at, span.start);
          expected += span.kind === 'email' ? emailRule(original) : maskAsNumber(original);
          at = span.end;
        }
        expect(maskText(text)).toBe(expected + text.slice(at));
      }),
      { seed: SEED, numRuns: RUNS * 5 },
    );
  });
});
