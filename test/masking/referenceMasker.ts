/**
 * A slow, plain reimplementation of the masking rules (docs/masking.md) for the differential
 * test. It shares no code with src/masking: it deletes invisible characters first and maps
 * offsets back, finds chunks, IBANs and e-mails with sticky regular expressions on the cleaned
 * text, checks IBANs with BigInt, and cuts number runs by a depth-first search over every
 * partition (longest piece first), where the scanner uses two linear passes.
 */
import type { SensitiveKind, SensitiveSpan } from '../../src/masking/index.js';

const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/;
const SP = '[ \\u00A0\\u2000-\\u200A\\u202F\\u205F\\u3000]';
const DASH = '[\\-\\u2010-\\u2015\\u2212]';
const IS_SP = new RegExp(`^${SP}$`);
const IS_DASH = new RegExp(`^${DASH}$`);
// Digits, Latin letters with their combining marks, `%` and currency signs.
const LATIN =
  '\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02AF\\u0300-\\u036F\\u1E00-\\u1EFF\\u2C60-\\u2C7F\\uA720-\\uA7FF\\uAB30-\\uAB6F\\uFF21-\\uFF3A\\uFF41-\\uFF5A';
const CURRENCY =
  '\\u00A2-\\u00A5\\u058F\\u060B\\u07FE\\u07FF\\u09F2\\u09F3\\u09FB\\u0AF1\\u0BF9\\u0E3F\\u17DB\\u20A0-\\u20C0\\uA838\\uFDFC\\uFE69\\uFF04\\uFFE0\\uFFE1\\uFFE5\\uFFE6';
const GLUE = new RegExp(`[0-9A-Za-z${LATIN}%$${CURRENCY}]`);
const LOCAL_RUN_AT_END = /[A-Za-z0-9._%+*\-\p{L}\p{M}\p{Nd}]+$/u;
const DOMAIN_AT_START = /^[A-Za-z0-9\-\p{L}\p{M}\p{Nd}]+(?:\.[A-Za-z0-9\-\p{L}\p{M}\p{Nd}]+)+/u;
const GAP = `\\)?${SP}?(?:(?:\\.|${DASH})${SP}?)?\\(?`;
const CHUNK = new RegExp(`(?:\\((?:\\+${SP}?)?|\\+${SP}?\\(?)?\\d+(?:${GAP}\\d+)*`, 'y');

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
  const moved = compact.slice(4) + compact.slice(0, 4);
  const numeric = [...moved.toUpperCase()].map((ch) => String(Number.parseInt(ch, 36))).join('');
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

/** The gap between two digit groups, described: which characters it has. */
function describeGap(gap: string) {
  return {
    close: gap.includes(')'),
    open: gap.includes('('),
    single: gap.length === 1,
    kind: IS_SP.test(gap) ? 'space' : IS_DASH.test(gap) ? 'dash' : gap === '.' ? 'dot' : 'other',
  };
}

interface Group {
  start: number;
  end: number;
  digits: string;
}

function numbersInChunk(s: string, at: number, chunk: string): Span[] {
  const groups: Group[] = [...chunk.matchAll(/\d+/g)].map((m) => ({
    start: at + m.index,
    end: at + m.index + m[0].length,
    digits: m[0],
  }));
  const prefix = chunk.slice(0, groups[0]!.start - at);
  const gaps = groups.map((g, k) => (k === 0 ? '' : s.slice(groups[k - 1]!.end, g.start)));
  const end = groups.at(-1)!.end;
  const leftGlued = at > 0 && (GLUE.test(s[at - 1]!) || s.slice(at - 2, at) === '**');
  const rightGlued = end < s.length && GLUE.test(s[end]!);
  const excluded = groups.map(() => false);
  if (prefix === '' && at >= 2 && /[:/]/.test(s[at - 1]!) && /\d/.test(s[at - 2]!)) {
    excluded[0] = true;
  }
  if (/[:/]/.test(s[end] ?? '') && /\d/.test(s[end + 1] ?? '')) excluded[groups.length - 1] = true;
  const kindOf = (k: number) => {
    const d = describeGap(gaps[k]!);
    return d.single ? d.kind : 'other';
  };
  const num = (k: number) => Number(groups[k]!.digits);
  const len = (k: number) => groups[k]!.digits.length;
  for (let k = 0; k + 2 < groups.length; k++) {
    const kind = kindOf(k + 1);
    if ((kind !== 'dash' && kind !== 'dot') || kindOf(k + 2) !== kind) continue;
    const year = (j: number) => len(j) === 4 && num(j) >= 1900 && num(j) <= 2099;
    const small = (j: number, max: number) => len(j) <= 2 && num(j) >= 1 && num(j) <= max;
    const ymd = year(k) && small(k + 1, 12) && small(k + 2, 31);
    const dmy =
      year(k + 2) && small(k, 31) && small(k + 1, 31) && (num(k) <= 12 || num(k + 1) <= 12);
    if (ymd || dmy) excluded[k] = excluded[k + 1] = excluded[k + 2] = true;
  }
  for (let k = 0; k + 3 < groups.length; k++) {
    if (k > 0 && kindOf(k) === 'dot') continue;
    if (k + 4 < groups.length && kindOf(k + 4) === 'dot') continue;
    const quad = [k, k + 1, k + 2, k + 3];
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
    const inner = gaps.slice(k + 1, e + 1);
    const endAt = groups[e]!.end;
    const plusPrefix = k === 0 && prefix.includes('+');
    if (
      !plusPrefix &&
      digits.length >= 13 &&
      digits.length <= 19 &&
      /^[2-6]/.test(digits) &&
      inner.every((g) => IS_SP.test(g) || IS_DASH.test(g)) &&
      luhn(digits)
    ) {
      return { kind: 'card', start: groups[k]!.start, end: endAt };
    }
    const sizes = groups.slice(k, e + 1).map((g) => g.digits.length);
    const ssnShape =
      (sizes.length === 1 && sizes[0] === 9) ||
      (sizes.join() === '3,2,4' &&
        kindOf(k + 1) === kindOf(k + 2) &&
        (kindOf(k + 1) === 'space' || kindOf(k + 1) === 'dash'));
    if (!plusPrefix && ssnShape && ssnRanges(digits))
      return { kind: 'ssn', start: groups[k]!.start, end: endAt };

    const variants: { start: number; open: boolean; plus: boolean }[] = [];
    if (k === 0) {
      const plusAt = prefix.indexOf('+');
      const plus = plusAt >= 0;
      if (prefix.startsWith('(')) {
        variants.push({ start: at, open: true, plus });
        variants.push({ start: plus ? at + plusAt : groups[0]!.start, open: false, plus });
      } else if (prefix.includes('(')) {
        variants.push({ start: at, open: true, plus });
      } else {
        variants.push({ start: at, open: false, plus });
      }
    } else if (gaps[k]!.endsWith('(')) {
      variants.push({ start: groups[k]!.start - 1, open: true, plus: false });
      variants.push({ start: groups[k]!.start, open: false, plus: false });
    } else {
      variants.push({ start: groups[k]!.start, open: false, plus: false });
    }
    for (const v of variants) {
      if (digits.length > 15 || digits.length < (v.plus ? 8 : 10)) continue;
      let depth = v.open ? 1 : 0;
      let balanced = true;
      for (const g of inner) {
        const d = describeGap(g);
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
      if (!v.open && !v.plus) {
        const firstKind = inner.length > 0 ? kindOf(k + 1) : '';
        const thousands =
          sizes.length >= 2 &&
          sizes[0]! <= 3 &&
          sizes.slice(1).every((n) => n === 3) &&
          (firstKind === 'space' || firstKind === 'dot') &&
          inner.every((_, j) => kindOf(k + 1 + j) === firstKind);
        const decimal = sizes.length === 2 && firstKind === 'dot';
        if (thousands || decimal) continue;
      }
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
    const failed = new Set<number>();
    const cut = (k: number): Span[] | undefined => {
      if (k > b) return [];
      if (failed.has(k)) return undefined;
      for (let e = b; e >= k; e--) {
        const p = piece(k, e);
        if (!p) continue;
        const rest = cut(e + 1);
        if (rest) return [p, ...rest];
      }
      failed.add(k);
      return undefined;
    };
    spans.push(...(cut(a) ?? []));
    a = b + 1;
  }
  return spans;
}

/** The spans of every kind, in the cleaned text's coordinates. */
function detect(s: string): Span[] {
  const spans: Span[] = [];
  // The chunks and IBAN-like tokens read since the last e-mail.
  const tokens: { from: number; start: number; end: number }[] = [];
  let floor = 0;
  let emailFloor = 0;
  let p = 0;
  while (p < s.length) {
    const ch = s[p]!;
    if (ch === '@') {
      const domain = DOMAIN_AT_START.exec(s.slice(p + 1));
      if (!domain) {
        p++;
        continue;
      }
      const end = p + 1 + domain[0].length;
      const local = /^\**(.+)$/su.exec(LOCAL_RUN_AT_END.exec(s.slice(emailFloor, p))?.[0] ?? '');
      const localStart = local ? p - local[1]!.length : -1;
      if (localStart >= 0) {
        while (tokens.length > 0 && tokens.at(-1)!.start >= localStart) tokens.pop();
        const top = tokens.at(-1);
        if (top && top.end > localStart) {
          tokens.pop();
          while (spans.length > 0 && spans.at(-1)!.start >= top.start) spans.pop();
          const limited = s.slice(0, localStart);
          CHUNK.lastIndex = top.from;
          const m = top.from < localStart ? CHUNK.exec(limited) : null;
          if (m) spans.push(...numbersInChunk(limited, top.from, m[0]));
        }
        while (spans.length > 0 && spans.at(-1)!.end > localStart) spans.pop();
      }
      if (localStart >= 0) spans.push({ kind: 'email', start: localStart, end });
      p = floor = emailFloor = end;
      tokens.length = 0;
      continue;
    }
    if (/\d/.test(ch)) {
      const q = IS_SP.test(s[p - 1] ?? '') && p - 1 >= floor ? p - 1 : p;
      const cc = s.slice(q - 2, q);
      if (
        q - 2 >= floor &&
        /^[A-Za-z]{2}$/.test(cc) &&
        !(q - 3 >= 0 && GLUE.test(s[q - 3]!)) &&
        IBAN_LENGTHS[cc.toUpperCase()] !== undefined
      ) {
        const length = IBAN_LENGTHS[cc.toUpperCase()]!;
        const m = new RegExp(
          `[A-Za-z]{2}(?:${SP}?\\d){2}(?:${SP}?[A-Za-z0-9]){${length - 4}}`,
          'y',
        );
        m.lastIndex = q - 2;
        const found = m.exec(s);
        if (found) {
          const end = q - 2 + found[0].length;
          if (!(end < s.length && GLUE.test(s[end]!))) {
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
              tokens.push({ from: p, start: q - 2, end });
              p = floor = end;
              continue;
            }
          }
        }
      }
    }
    if (/[\d+(]/.test(ch)) {
      CHUNK.lastIndex = p;
      const m = CHUNK.exec(s);
      if (m) {
        spans.push(...numbersInChunk(s, p, m[0]));
        tokens.push({ from: p, start: p, end: p + m[0].length });
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
