import { isInvisible, isSpace } from './charClass.js';
import { KIND_EMAIL } from './kinds.js';
import type { SpanBuffer } from './spanBuffer.js';

const STAR_RUN = '*'.repeat(128);

export function stars(count: number): string {
  if (count <= 0) return '';
  return count <= STAR_RUN.length ? STAR_RUN.slice(0, count) : '*'.repeat(count);
}

/**
 * The number output rule (SPEC R11) over `text[start, end)`: white space and invisible
 * characters are dropped, every remaining character but the last four becomes `*`.
 */
export function maskNumberSpan(text: string, start: number, end: number): string {
  // One backward pass: the last four kept characters first, then a count of the others.
  let q = end - 1;
  let found = 0;
  let tailStart = end;
  let dropsInTail = false;
  for (; q >= start && found < 4; q--) {
    const c = text.charCodeAt(q);
    if (isSpace(c) || isInvisible(c)) {
      dropsInTail = true;
      continue;
    }
    found++;
    tailStart = q;
  }
  let hidden = 0;
  for (; q >= start; q--) {
    const c = text.charCodeAt(q);
    if (!isSpace(c) && !isInvisible(c)) hidden++;
  }
  let tail = text.slice(tailStart, end);
  if (dropsInTail) {
    tail = '';
    for (let r = tailStart; r < end; r++) {
      const c = text.charCodeAt(r);
      if (!isSpace(c) && !isInvisible(c)) tail += text[r];
    }
  }
  return stars(hidden) + tail;
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
