import { isInvisible, isSpace } from './charClass.js';
import { KIND_EMAIL } from './kinds.js';
import type { SpanBuffer } from './spanBuffer.js';

// Every count of stars a number or local part of ordinary length needs, made once: masking a
// span then allocates only its visible tail.
const STARS: readonly string[] = Array.from({ length: 129 }, (_, k) => '*'.repeat(k));

export function stars(count: number): string {
  if (count <= 0) return '';
  return count < STARS.length ? STARS[count]! : '*'.repeat(count);
}

/** White space and invisible characters: what the number rule drops. ASCII answers first. */
function isDropped(c: number): boolean {
  return c === 0x20 || (c >= 0xa0 && (isSpace(c) || isInvisible(c)));
}

function isSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdfff;
}

/**
 * The number output rule (SPEC R11) over `text[start, end)`: white space and invisible
 * characters are dropped, every remaining character but the last four becomes `*`. Characters
 * are code points: a number in astral digits (`𝟒𝟏𝟏𝟏…`) keeps its last four digits whole.
 */
export function maskNumberSpan(text: string, start: number, end: number): string {
  // Plain ints for V8 (see numberRun.ts).
  start |= 0;
  end |= 0;
  // One backward pass: the last four kept characters first, then a count of the others.
  let q = end - 1;
  let found = 0;
  let tailStart = end;
  let dropsInTail = false;
  // The kept characters of the tail, last first (when something inside it is dropped).
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  for (; q >= start && found < 4; q--) {
    const c = text.charCodeAt(q);
    if (isDropped(c)) {
      dropsInTail = true;
      continue;
    }
    if (isSurrogate(c)) return maskAstralNumberSpan(text, start, end);
    if (found === 0) t0 = c;
    else if (found === 1) t1 = c;
    else if (found === 2) t2 = c;
    else t3 = c;
    found++;
    tailStart = q;
  }
  let hidden = 0;
  for (; q >= start; q--) {
    const c = text.charCodeAt(q);
    if (isDropped(c)) continue;
    if (isSurrogate(c)) return maskAstralNumberSpan(text, start, end);
    hidden++;
  }
  if (!dropsInTail) return stars(hidden) + text.slice(tailStart, end);
  const tail =
    found === 4
      ? String.fromCharCode(t3, t2, t1, t0)
      : found === 3
        ? String.fromCharCode(t2, t1, t0)
        : found === 2
          ? String.fromCharCode(t1, t0)
          : found === 1
            ? String.fromCharCode(t0)
            : '';
  return stars(hidden) + tail;
}

/** maskNumberSpan for a span with surrogates in it: the rare and slower way, by code points. */
function maskAstralNumberSpan(text: string, start: number, end: number): string {
  const kept: string[] = [];
  for (let q = start; q < end; q++) {
    const c = text.charCodeAt(q);
    if (isDropped(c)) continue;
    const low = q + 1 < end ? text.charCodeAt(q + 1) : 0;
    if (c >= 0xd800 && c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
      kept.push(text.slice(q, q + 2));
      q++;
    } else {
      kept.push(text[q]!);
    }
  }
  return stars(kept.length - 4) + kept.slice(-4).join('');
}

/**
 * The e-mail output rule (SPEC R11) over `text[start, end)`: the first character of the local
 * part stays, each other one becomes `*` (invisible characters are dropped), the `@` and the
 * domain stay.
 */
export function maskEmailSpan(text: string, start: number, end: number): string {
  const at = text.indexOf('@', start);
  const first = text.codePointAt(start)!;
  const firstWidth = first > 0xffff ? 2 : 1;
  let hidden = 0;
  for (let q = start + firstWidth; q < at; q++) {
    const c = text.charCodeAt(q);
    if (isInvisible(c)) continue;
    // The low half of a surrogate pair was counted with its high half.
    if (c >= 0xdc00 && c <= 0xdfff && q > start) {
      const h = text.charCodeAt(q - 1);
      if (h >= 0xd800 && h <= 0xdbff) continue;
    }
    hidden++;
  }
  return text.slice(start, start + firstWidth) + stars(hidden) + text.slice(at, end);
}

/** `text` with every span of `spans` masked; `text` itself (no copy) when there is none. */
export function render(text: string, spans: SpanBuffer): string {
  const count = spans.length;
  if (count === 0) return text;
  let result = '';
  let at = 0;
  for (let k = 0; k < count; k++) {
    const start = spans.start(k);
    const end = spans.end(k);
    result += text.slice(at, start);
    result +=
      spans.kind(k) === KIND_EMAIL
        ? maskEmailSpan(text, start, end)
        : maskNumberSpan(text, start, end);
    at = end;
  }
  return result + text.slice(at);
}
