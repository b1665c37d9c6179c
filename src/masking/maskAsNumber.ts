import { isInvisible, isSpace } from './charClass.js';
import { stars } from './render.js';

function isDropped(c: number): boolean {
  return isSpace(c) || isInvisible(c) || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0x1680;
}

/**
 * The number output rule applied to a whole string, for fields that are a number by definition
 * (customer number, business number): white space and invisible characters are dropped, every
 * remaining character but the last four becomes `*`. Characters are code points, so a stray
 * emoji is never cut in half.
 */
export function maskAsNumber(text: string): string {
  let kept = 0;
  for (let q = 0; q < text.length; q++) {
    const c = text.charCodeAt(q);
    if (isDropped(c)) continue;
    if (c >= 0xd800 && c <= 0xdbff && q + 1 < text.length) {
      const low = text.charCodeAt(q + 1);
      if (low >= 0xdc00 && low <= 0xdfff) q++;
    }
    kept++;
  }
  let result = stars(kept - 4);
  let seen = 0;
  for (let q = 0; q < text.length; q++) {
    const c = text.charCodeAt(q);
    if (isDropped(c)) continue;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && q + 1 < text.length) {
      const low = text.charCodeAt(q + 1);
      if (low >= 0xdc00 && low <= 0xdfff) width = 2;
    }
    if (seen >= kept - 4) result += text.slice(q, q + width);
    seen++;
    q += width - 1;
  }
  return result;
}
