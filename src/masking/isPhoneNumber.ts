import { isInvisible, isSpace } from './charClass.js';
import { chunkIsOnePhone, readChunk } from './numberRun.js';

function isBlank(c: number): boolean {
  return isSpace(c) || isInvisible(c) || (c >= 0x09 && c <= 0x0d);
}

/**
 * True when the whole string, trimmed, is one phone number by the phone rule (SPEC R13: a
 * customer name that is a mobile number is masked as a number). A card or SSN that also reads as
 * a phone counts: the question is what the name looks like, not which rule would claim it first.
 */
export function isPhoneNumber(text: string): boolean {
  let first = 0;
  let last = text.length;
  while (first < last && isBlank(text.charCodeAt(first))) first++;
  while (last > first && isBlank(text.charCodeAt(last - 1))) last--;
  if (first === last) return false;
  return readChunk(text, first, text.length) === last && chunkIsOnePhone();
}
