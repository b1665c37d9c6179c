import { isInvisible } from './charClass.js';

/** The first index at or after `i` that holds a visible character, or `n`. */
export function nextVisible(text: string, i: number, n: number): number {
  while (i < n && isInvisible(text.charCodeAt(i))) i++;
  return i;
}

/** The last index before `i` that holds a visible character, or -1. */
export function prevVisible(text: string, i: number): number {
  i--;
  while (i >= 0 && isInvisible(text.charCodeAt(i))) i--;
  return i;
}

/**
 * `text.charCodeAt(i)`, or -1 outside the string. Reading past the end through charCodeAt gives
 * NaN, which V8 then has to expect in every comparison of the caller: measurably slower.
 */
export function codeAt(text: string, i: number, n: number): number {
  return i >= 0 && i < n ? text.charCodeAt(i) : -1;
}
