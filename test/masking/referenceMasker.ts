/**
 * A slow, plain reimplementation of the masking rules (docs/masking.md) for the differential
 * test. It shares no code with src/masking: it deletes invisible characters first and maps
 * offsets back, finds chunks, IBANs and e-mails with sticky regular expressions on the cleaned
 * text, reads digit values from `\p{Nd}` alone (a digit's value is its distance from the first
 * digit of its run of ten), folds full-width letters with NFKC, checks IBANs with BigInt, and
 * cuts number runs by a memoised search over every way of cutting them, where the scanner uses
 * linear passes over tables.
 */
import type { SensitiveKind, SensitiveSpan } from '../../src/masking/index.js';

const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/;
const SP = '[ \\u00A0\\u2000-\\u200A\\u202F\\u205F\\u3000]';
const DASH = '[\\-\\u2010-\\u2015\\u2212\\uFE58\\uFE63\\uFF0D]';
const DOT = '[.\\uFF0E]';
const SLASH = '[/\\uFF0F]';
const PLUS = '[+\\uFF0B]';
const OPEN = '[(\\uFF08]';
const CLOSE = '[)\\uFF09]';
const COLON = /^[:\uFF1A]$/;
const IS_SP = new RegExp(`^${SP}$`);
const IS_DASH = new RegExp(`^${DASH}$`);
const IS_DOT = new RegExp(`^${DOT}$`);
const IS_SLASH = new RegExp(`^${SLASH}$`);
const IS_BRACKET = new RegExp(`${OPEN}|${CLOSE}`, 'g');
const HAS_OPEN = new RegExp(OPEN);
const HAS_CLOSE = new RegExp(CLOSE);
const HAS_PLUS = new RegExp(PLUS);
const STARTS_OPEN = new RegExp(`^${OPEN}`);
const ENDS_OPEN = new RegExp(`${OPEN}$`);
const IS_PREFIX = new RegExp(`^(?:${PLUS}|${OPEN})$`);
const IS_DIGIT = /^\p{Nd}$/u;
const IBAN_LETTER_CLASS = 'A-Za-z\\uFF21-\\uFF3A\\uFF41-\\uFF5A';
const IS_COUNTRY = new RegExp(`^[${IBAN_LETTER_CLASS}]{2}$`);
// Digits of any script, Latin letters with their combining marks, `%` and currency signs.
const LATIN =
  '\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02AF\\u0300-\\u036F\\u1E00-\\u1EFF\\u2C60-\\u2C7F\\uA720-\\uA7FF\\uAB30-\\uAB6F\\uFF21-\\uFF3A\\uFF41-\\uFF5A';
const CURRENCY =
  '\\u00A2-\\u00A5\\u058F\\u060B\\u07FE\\u07FF\\u09F2\\u09F3\\u09FB\\u0AF1\\u0BF9\\u0E3F\\u17DB\\u20A0-\\u20C0\\uA838\\uFDFC\\uFE69\\uFF04\\uFFE0\\uFFE1\\uFFE5\\uFFE6';
const GLUE = new RegExp(`^[\\p{Nd}A-Za-z${LATIN}%\\uFF05$${CURRENCY}]$`, 'u');

const LOCAL_RUN_AT_END = /[A-Za-z0-9._%+*\-\p{L}\p{M}\p{Nd}]+$/u;
const DOMAIN_AT_START = /^[A-Za-z0-9\-\p{L}\p{M}\p{Nd}]+(?:\.[A-Za-z0-9\-\p{L}\p{M}\p{Nd}]+)+/u;
const SEPARATOR = `(?:${SP}|${DASH}|${DOT}|${SLASH})`;
// `**` and at most three characters, none white space or `*`, before a chunk; then the (at most
// four) characters of the tail.
const MASKED_BEFORE = new RegExp(`\\*\\*(?:(?!${SP})[^*]){0,3}$`);
const TAIL = new RegExp(`^(?:(?!${SP}).){0,4}`, 'su');
const GAP = `${CLOSE}?${SEPARATOR}{0,3}${OPEN}?`;
const CHUNK = new RegExp(
  `(?:${OPEN}(?:${PLUS}${SP}?)?|${PLUS}${SP}?${OPEN}?)?\\p{Nd}+(?:${GAP}\\p{Nd}+)*`,
  'uy',
);

const IBAN_LENGTHS: Record<string, number> = {};
for (const entry of (
  'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 ' +
  'DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 ' +
  'IE22 IL23 IQ23 IR26 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ' +
  'ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 ' +
  'SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30'
).split(' ')) {
  IBAN_LENGTHS[entry.slice(0, 2)] = Number(entry.slice(2));
}

type Span = { kind: SensitiveKind; start: number; end: number };

const valueCache = new Map<number, number>();

/** The value of a decimal digit: Unicode assigns them in runs of ten, 0 to 9 in order. */
function digitValue(ch: string): number {
  const cp = ch.codePointAt(0)!;
  let value = valueCache.get(cp);
  if (value === undefined) {
    let first = cp;
    while (IS_DIGIT.test(String.fromCodePoint(first - 1))) first--;
    value = (cp - first) % 10;
    valueCache.set(cp, value);
  }
  return value;
}

/** A string of digits of any script as ASCII digits. */
function ascii(digits: string): string {
  return [...digits].map((d) => String(digitValue(d))).join('');
}

/** The code point that starts at `i` of `s`, or ''. */
function charAt(s: string, i: number): string {
  return i >= 0 && i < s.length ? String.fromCodePoint(s.codePointAt(i)!) : '';
}

/** The code point that ends just before `i` of `s`, or ''. */
function charBefore(s: string, i: number): string {
  if (i <= 0) return '';
  const pair = s.slice(Math.max(0, i - 2), i);
  return pair.length === 2 && /^[\ud800-\udbff][\udc00-\udfff]$/.test(pair) ? pair : s[i - 1]!;
}

function luhn(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((ch, i) => {
    let d = Number(ch);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  });
  return sum % 10 === 0;
}

function ibanMod97(compact: string): boolean {
  const chars = [...compact];
  const moved = [...chars.slice(4), ...chars.slice(0, 4)];
  const numeric = moved
    .map((ch) =>
      IS_DIGIT.test(ch)
        ? String(digitValue(ch))
        : String(Number.parseInt(ch.normalize('NFKC'), 36)),
    )
    .join('');
  return BigInt(numeric) % 97n === 1n;
}

function ssnRanges(digits: string): boolean {
  const area = Number(digits.slice(0, 3));
  return (
    area !== 0 &&
    area !== 666 &&
    area < 900 &&
    digits.slice(3, 5) !== '00' &&
    digits.slice(5) !== '0000'
  );
}

/** The separator kind of one character. */
function kindOfChar(c: string): string {
  if (IS_SP.test(c)) return 'space';
  if (IS_DASH.test(c)) return 'dash';
  if (IS_DOT.test(c)) return 'dot';
  return IS_SLASH.test(c) ? 'slash' : 'other';
}

/** The gap between two digit groups, described. */
function describeGap(gap: string) {
  const separators = gap.replace(IS_BRACKET, '');
  return {
    close: HAS_CLOSE.test(gap),
    open: HAS_OPEN.test(gap),
    // The separators as typed, by kind: ` - ` and `\u00a0–\u00a0` are the same.
    signature: [...separators].map(kindOfChar).join(','),
    // One separator and nothing else: its kind; anything else: 'other'.
    kind: gap.length === 1 ? kindOfChar(gap) : 'other',
  };
}

interface Group {
  start: number;
  end: number;
  digits: string;
}

/** The numbers of the chunk at `at`; `open` when it starts where an IBAN or address ended. */
function numbersInChunk(s: string, at: number, chunk: string, open: boolean): Span[] {
  const groups: Group[] = [...chunk.matchAll(/\p{Nd}+/gu)].map((m) => ({
    start: at + m.index,
    end: at + m.index + m[0].length,
    digits: ascii(m[0]),
  }));
  const prefix = chunk.slice(0, groups[0]!.start - at);
  const gaps = groups.map((g, k) => (k === 0 ? '' : s.slice(groups[k - 1]!.end, g.start)));
  const described = gaps.map(describeGap);
  const end = groups.at(-1)!.end;
  const leftGlued = !open && GLUE.test(charBefore(s, at));
  const rightGlued = GLUE.test(charAt(s, end));
  const excluded = groups.map(() => false);
  if (prefix === '' && COLON.test(charBefore(s, at)) && IS_DIGIT.test(charBefore(s, at - 1))) {
    excluded[0] = true;
  }
  if (COLON.test(charAt(s, end)) && IS_DIGIT.test(charAt(s, end + 1))) {
    excluded[groups.length - 1] = true;
  }
  // The visible tail of a number masked before: up to four characters after `**`.
  const near = Math.max(0, at - 5);
  const tail = MASKED_BEFORE.exec(s.slice(near, at));
  const tailStart = tail ? near + tail.index + 2 : -1;
  const tailEnd = tail ? tailStart + TAIL.exec(s.slice(tailStart))![0].length : -1;
  // Groups of the tail are set aside, and make no date, address or slashed pair with others.
  const tailGroups = groups.map((g) => g.start < tailEnd);
  groups.forEach((_, k) => {
    if (tailGroups[k]) excluded[k] = true;
  });
  const num = (k: number) => Number(groups[k]!.digits);
  const len = (k: number) => groups[k]!.digits.length;
  const kindOf = (k: number) => described[k]!.kind;
  const year = (j: number) => len(j) === 4 && num(j) >= 1900 && num(j) <= 2099;
  for (let k = 0; k + 2 < groups.length; k++) {
    if (tailGroups[k] || tailGroups[k + 1] || tailGroups[k + 2]) continue;
    const kind = kindOf(k + 1);
    if ((kind !== 'dash' && kind !== 'dot' && kind !== 'slash') || kindOf(k + 2) !== kind) continue;
    const small = (j: number, max: number) => len(j) <= 2 && num(j) >= 1 && num(j) <= max;
    const ymd = year(k) && small(k + 1, 12) && small(k + 2, 31);
    const dmy =
      year(k + 2) && small(k, 31) && small(k + 1, 31) && (num(k) <= 12 || num(k + 1) <= 12);
    if (ymd || dmy) excluded[k] = excluded[k + 1] = excluded[k + 2] = true;
  }
  for (let k = 0; k + 1 < groups.length; k++) {
    if (tailGroups[k] || tailGroups[k + 1]) continue;
    if (kindOf(k + 1) !== 'slash' || len(k) > 2 || (len(k + 1) > 2 && !year(k + 1))) continue;
    // Not in a longer sequence of short groups and slashes.
    if (k > 0 && kindOf(k) === 'slash' && len(k - 1) <= 2) continue;
    if (k + 2 < groups.length && kindOf(k + 2) === 'slash' && len(k + 2) <= 2) continue;
    excluded[k] = excluded[k + 1] = true;
  }
  for (let k = 0; k + 3 < groups.length; k++) {
    if (k > 0 && kindOf(k) === 'dot') continue;
    if (k + 4 < groups.length && kindOf(k + 4) === 'dot') continue;
    const quad = [k, k + 1, k + 2, k + 3];
    if (quad.some((j) => tailGroups[j])) continue;
    if (quad.every((j) => (j === k || kindOf(j) === 'dot') && len(j) <= 3 && num(j) <= 255)) {
      for (const j of quad) excluded[j] = true;
    }
  }

  const last = groups.length - 1;
  const piece = (k: number, e: number): Span | undefined => {
    if ((k === 0 && leftGlued) || (e === last && rightGlued)) return undefined;
    const digits = groups
      .slice(k, e + 1)
      .map((g) => g.digits)
      .join('');
    const inner = described.slice(k + 1, e + 1);
    const sizes = groups.slice(k, e + 1).map((g) => g.digits.length);
    const endAt = groups[e]!.end;
    const plusPrefix = k === 0 && HAS_PLUS.test(prefix);
    // Shapes of amounts: thousands groups behind one repeated space or dot; one dot, two groups.
    const firstKind = inner.length > 0 ? inner[0]!.kind : '';
    const amount =
      (sizes.length >= 2 &&
        sizes[0]! <= 3 &&
        sizes.slice(1).every((n) => n === 3) &&
        (firstKind === 'space' || firstKind === 'dot') &&
        inner.every((d) => d.kind === firstKind)) ||
      (sizes.length === 2 && firstKind === 'dot');
    if (
      !plusPrefix &&
      !amount &&
      digits.length >= 13 &&
      digits.length <= 19 &&
      /^[2-6]/.test(digits) &&
      inner.every((d) => !d.open && !d.close) &&
      luhn(digits)
    ) {
      return { kind: 'card', start: groups[k]!.start, end: endAt };
    }
    const ssnShape =
      (sizes.length === 1 && sizes[0] === 9) ||
      (sizes.join() === '3,2,4' &&
        kindOf(k + 1) === kindOf(k + 2) &&
        (kindOf(k + 1) === 'space' || kindOf(k + 1) === 'dash'));
    if (!plusPrefix && ssnShape && ssnRanges(digits))
      return { kind: 'ssn', start: groups[k]!.start, end: endAt };

    const variants: { start: number; open: boolean; plus: boolean }[] = [];
    if (k === 0) {
      const plusAt = prefix.search(HAS_PLUS);
      const plus = plusAt >= 0;
      if (STARTS_OPEN.test(prefix)) {
        variants.push({ start: at, open: true, plus });
        variants.push({ start: plus ? at + plusAt : groups[0]!.start, open: false, plus });
      } else if (HAS_OPEN.test(prefix)) {
        variants.push({ start: at, open: true, plus });
      } else {
        variants.push({ start: at, open: false, plus });
      }
    } else if (ENDS_OPEN.test(gaps[k]!)) {
      variants.push({ start: groups[k]!.start - 1, open: true, plus: false });
      variants.push({ start: groups[k]!.start, open: false, plus: false });
    } else {
      variants.push({ start: groups[k]!.start, open: false, plus: false });
    }
    for (const v of variants) {
      if (digits.length > 15 || digits.length < (v.plus ? 8 : 10)) continue;
      let depth = v.open ? 1 : 0;
      let balanced = true;
      for (const d of inner) {
        if (d.close) {
          if (depth !== 1) balanced = false;
          depth = 0;
        }
        if (d.open) {
          if (depth !== 0) balanced = false;
          depth = 1;
        }
      }
      if (!balanced || depth !== 0) continue;
      if (!v.open && !v.plus && amount) continue;
      return { kind: 'phone', start: v.start, end: endAt };
    }
    return undefined;
  };

  const spans: Span[] = [];
  let a = 0;
  while (a < groups.length) {
    if (excluded[a]) {
      a++;
      continue;
    }
    let b = a;
    while (b + 1 < groups.length && !excluded[b + 1]) b++;
    spans.push(...cutRun(a, b, piece, described, groups));
    a = b + 1;
  }
  return spans;
}

type Described = ReturnType<typeof describeGap>;

/**
 * The pieces of groups a..b: as many digits in pieces as possible, where a group may be left out
 * only next to a gap that has separators, is not a single dot, and differs (in its signature)
 * from every gap inside the piece on its other side. On ties: a piece before leaving a group out,
 * the longest piece first. A run that can be cut whole is cut whole, as that masks every digit.
 */
function cutRun(
  a: number,
  b: number,
  piece: (k: number, e: number) => Span | undefined,
  gaps: Described[],
  groups: Group[],
): Span[] {
  const leaveAt = (j: number) => gaps[j]!.signature !== '' && gaps[j]!.signature !== 'dot';
  const inside = (j: number, k: number, e: number) =>
    gaps.slice(k + 1, e + 1).some((d) => d.signature === gaps[j]!.signature);
  const digits = (k: number, e: number) =>
    groups.slice(k, e + 1).reduce((sum, g) => sum + g.digits.length, 0);
  const pieces = new Map<string, Span | undefined>();
  const pieceOf = (k: number, e: number) => {
    const key = `${k}-${e}`;
    if (!pieces.has(key)) pieces.set(key, piece(k, e));
    return pieces.get(key);
  };
  // prev: 'start', 'left' (group k - 1 was left out) or the piece [from, k - 1] before k.
  type Prev = 'start' | 'left' | number;
  type Best = { value: number; take: Span | null; e: number };
  const memo = new Map<string, Best>();
  const solve = (k: number, prev: Prev): Best => {
    if (k > b) return { value: 0, take: null, e: k };
    const key = `${k}:${prev}`;
    const known = memo.get(key);
    if (known) return known;
    let best: Best = { value: -1, take: null, e: k };
    // No piece has more than 19 digits.
    let longest = k;
    while (longest < b && digits(k, longest + 1) <= 19) longest++;
    for (let e = longest; e >= k; e--) {
      const p = pieceOf(k, e);
      if (!p) continue;
      if (prev === 'left' && (!leaveAt(k) || inside(k, k, e))) continue;
      const rest = solve(e + 1, k);
      if (rest.value < 0) continue;
      const value = digits(k, e) + rest.value;
      if (value > best.value) best = { value, take: p, e };
    }
    const mayLeave =
      prev === 'start' || prev === 'left' || (leaveAt(k) && !inside(k, prev as number, k - 1));
    if (mayLeave) {
      const rest = solve(k + 1, 'left');
      if (rest.value > best.value) best = { value: rest.value, take: null, e: k };
    }
    memo.set(key, best);
    return best;
  };
  const spans: Span[] = [];
  let k = a;
  let prev: Prev = 'start';
  while (k <= b) {
    const best = solve(k, prev);
    if (best.value < 0) break;
    if (best.take) {
      spans.push(best.take);
      prev = k;
      k = best.e + 1;
    } else {
      prev = 'left';
      k++;
    }
  }
  return spans;
}

/** The spans of every kind, in the cleaned text's coordinates. */
function detect(s: string): Span[] {
  const spans: Span[] = [];
  // The chunks and IBAN-like tokens read since the last e-mail.
  const tokens: { from: number; start: number; end: number; open: boolean }[] = [];
  let floor = 0;
  let emailFloor = 0;
  // The end of the last IBAN-like token or address: nothing glues to it.
  let boundary = -1;
  let p = 0;
  while (p < s.length) {
    const ch = charAt(s, p);
    if (ch === '@') {
      const domain = DOMAIN_AT_START.exec(s.slice(p + 1));
      if (!domain) {
        p++;
        continue;
      }
      const end = p + 1 + domain[0].length;
      // `*` is read in a local part, but never starts one.
      const local = (LOCAL_RUN_AT_END.exec(s.slice(emailFloor, p))?.[0] ?? '').replace(/^\*+/, '');
      const localStart = local !== '' ? p - local.length : -1;
      if (localStart >= 0) {
        while (tokens.length > 0 && tokens.at(-1)!.start >= localStart) tokens.pop();
        const top = tokens.at(-1);
        if (top && top.end > localStart) {
          tokens.pop();
          while (spans.length > 0 && spans.at(-1)!.start >= top.start) spans.pop();
          const limited = s.slice(0, localStart);
          CHUNK.lastIndex = top.from;
          const m = top.from < localStart ? CHUNK.exec(limited) : null;
          if (m) spans.push(...numbersInChunk(limited, top.from, m[0], top.open));
        }
        while (spans.length > 0 && spans.at(-1)!.end > localStart) spans.pop();
      }
      if (localStart >= 0) spans.push({ kind: 'email', start: localStart, end });
      p = floor = emailFloor = boundary = end;
      tokens.length = 0;
      continue;
    }
    if (IS_DIGIT.test(ch)) {
      const q = IS_SP.test(s[p - 1] ?? '') && p - 1 >= floor ? p - 1 : p;
      const cc = s.slice(q - 2, q);
      const country = cc.normalize('NFKC').toUpperCase();
      if (
        q - 2 >= floor &&
        IS_COUNTRY.test(cc) &&
        !GLUE.test(charBefore(s, q - 2)) &&
        IBAN_LENGTHS[country] !== undefined
      ) {
        const length = IBAN_LENGTHS[country]!;
        const m = new RegExp(
          `[${IBAN_LETTER_CLASS}]{2}(?:${SP}?\\p{Nd}){2}(?:${SP}?[${IBAN_LETTER_CLASS}\\p{Nd}]){${length - 4}}`,
          'uy',
        );
        m.lastIndex = q - 2;
        const found = m.exec(s);
        if (found) {
          const end = q - 2 + found[0].length;
          if (!GLUE.test(charAt(s, end))) {
            const compact = found[0].replace(new RegExp(SP, 'g'), '');
            // Where the spaces are, counted in IBAN characters before them.
            const spaceAt: number[] = [];
            let count = 0;
            for (const c of found[0]) {
              if (IS_SP.test(c)) spaceAt.push(count);
              else count++;
            }
            const standard = spaceAt.every((n) => n === 2 || n % 4 === 0);
            if (ibanMod97(compact) || standard) {
              if (ibanMod97(compact)) spans.push({ kind: 'iban', start: q - 2, end });
              tokens.push({ from: p, start: q - 2, end, open: false });
              p = floor = boundary = end;
              continue;
            }
          }
        }
      }
    }
    if (IS_DIGIT.test(ch) || IS_PREFIX.test(ch)) {
      CHUNK.lastIndex = p;
      const m = CHUNK.exec(s);
      if (m) {
        spans.push(...numbersInChunk(s, p, m[0], p === boundary));
        tokens.push({ from: p, start: p, end: p + m[0].length, open: p === boundary });
        p = floor = p + m[0].length;
        continue;
      }
    }
    p++;
  }
  return spans;
}

/** What findSensitive should return. */
export function referenceFind(text: string, kinds?: readonly SensitiveKind[]): SensitiveSpan[] {
  // Lone surrogates become U+FFFD first (neither is a letter, digit or glue), so that deleting
  // an invisible character between two of them cannot make a pair the original never had.
  const safe = text.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
  const pos: number[] = [];
  let s = '';
  for (let i = 0; i < safe.length; i++) {
    if (INVISIBLE.test(safe[i]!)) continue;
    pos.push(i);
    s += safe[i];
  }
  return detect(s)
    .filter((span) => kinds === undefined || kinds.includes(span.kind))
    .map((span) => ({ kind: span.kind, start: pos[span.start]!, end: pos[span.end - 1]! + 1 }));
}

function maskNumber(original: string): string {
  const kept = [...original].filter((c) => !IS_SP.test(c) && !INVISIBLE.test(c));
  return '*'.repeat(Math.max(0, kept.length - 4)) + kept.slice(-4).join('');
}

function maskEmail(original: string): string {
  const at = original.indexOf('@');
  const [first, ...rest] = [...original.slice(0, at)];
  return first + '*'.repeat(rest.filter((c) => !INVISIBLE.test(c)).length) + original.slice(at);
}

/** What maskText should return. */
export function referenceMask(text: string, kinds?: readonly SensitiveKind[]): string {
  let out = '';
  let at = 0;
  for (const span of referenceFind(text, kinds)) {
    const original = text.slice(span.start, span.end);
    out += text.slice(at, span.start);
    out += span.kind === 'email' ? maskEmail(original) : maskNumber(original);
    at = span.end;
  }
  return out + text.slice(at);
}
