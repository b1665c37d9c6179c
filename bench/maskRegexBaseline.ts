// The baseline of the masking benchmark: what one would write first, a combined regular
// expression plus the same checksum validation on its matches (Luhn, IBAN mod-97, SSN ranges), so
// that the comparison is about scanning, not about skipping work. It is not exactly equivalent
// to src/masking (no run splitting, no date/IP exclusion inside number runs) and is quadratic on
// `'a'.repeat(4095) + '@'`, which is the point of the worst-case table.
import { IBAN_LENGTHS, ibanChecksumValid } from '../src/masking/iban.js';
import { isLuhnValid } from '../src/masking/luhn.js';

const COMBINED =
  /([\p{L}\p{N}._%+-]+)@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)|\b([A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30})\b|(?<![\p{L}\d])(\+ ?\(?|\()?(\d[\d \u00a0\u2009().-]{6,}\d)(?![\p{L}\d])/gu;

function maskNumber(text: string): string {
  const kept = text.replace(/[\s\u00a0\u2009\u200b-\u200f]/g, '');
  return '*'.repeat(Math.max(0, kept.length - 4)) + kept.slice(-4);
}

function validIban(candidate: string): boolean {
  const compact = candidate.replace(/ /g, '').toUpperCase();
  if (IBAN_LENGTHS[compact.slice(0, 2)] !== compact.length) return false;
  const values = [...compact].map((ch) => Number.parseInt(ch, 36));
  return ibanChecksumValid(values, values.length);
}

function validSsn(candidate: string): boolean {
  const m = /^(\d{3})([- ]?)(\d{2})\2(\d{4})$/.exec(candidate);
  if (!m) return false;
  const area = Number(m[1]);
  return area !== 0 && area !== 666 && area < 900 && m[3] !== '00' && m[4] !== '0000';
}

function validNumber(prefix: string | undefined, body: string): boolean {
  const digits = body.replace(/\D/g, '');
  if (/^\d{4}-\d{2}-\d{2}$|^\d{1,3}(\.\d{1,3}){3}$/.test(body)) return false;
  if (
    digits.length >= 13 &&
    digits.length <= 19 &&
    /^[\d -]+$/.test(body) &&
    /^[2-6]/.test(digits) &&
    isLuhnValid(digits)
  ) {
    return true;
  }
  if (validSsn(body)) return true;
  const min = prefix?.includes('+') ? 8 : 10;
  return digits.length >= min && digits.length <= 15;
}

export function regexMask(text: string): string {
  return text.replace(
    COMBINED,
    (
      match: string,
      local: string | undefined,
      domain: string | undefined,
      iban: string | undefined,
      prefix: string | undefined,
      body: string | undefined,
    ) => {
      if (local !== undefined) return `${local[0]}${'*'.repeat(local.length - 1)}@${domain}`;
      if (iban !== undefined) return validIban(iban) ? maskNumber(iban) : match;
      if (body !== undefined && validNumber(prefix, body.trimEnd())) return maskNumber(match);
      return match;
    },
  );
}
