import { isAsciiLetter, isGlue, isInvisible, isSpace } from './charClass.js';
import { nextVisible } from './visible.js';

// Country code and IBAN length, as printed in the registry.
const REGISTRY =
  'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 ' +
  'CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 ' +
  'GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 IR26 IS26 IT27 ' +
  'JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 ' +
  'MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 ' +
  'RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 ' +
  'TR26 UA29 VA22 VG24 XK20 YE30';

/** IBAN length per country (ISO 13616 registry, SWIFT release of 2024, plus IR in national use). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(REGISTRY.split(' ').map((e) => [e.slice(0, 2), Number(e.slice(2))])),
);

export const MAX_IBAN_LENGTH = 34;

const lengthByCode = new Uint8Array(26 * 26);
for (const [country, length] of Object.entries(IBAN_LENGTHS)) {
  lengthByCode[(country.charCodeAt(0) - 0x41) * 26 + (country.charCodeAt(1) - 0x41)] = length;
}

/** The IBAN length of a country given as two ASCII letter codes of either case; 0 when unknown. */
export function ibanLengthOf(c0: number, c1: number): number {
  return lengthByCode[((c0 & 0xdf) - 0x41) * 26 + ((c1 & 0xdf) - 0x41)] ?? 0;
}

/** ISO 7064 mod 97-10 over IBAN character values (0-9 digits, 10-35 letters), first four moved last. */
export function ibanChecksumValid(values: ArrayLike<number>, length: number): boolean {
  let r = 0;
  for (let k = 4; k < length + 4; k++) {
    const v = values[k < length ? k : k - length]!;
    r = v < 10 ? (r * 10 + v) % 97 : (r * 100 + v) % 97;
  }
  return r === 1;
}

const values = new Uint8Array(MAX_IBAN_LENGTH);

/** ASCII code unit to IBAN character value: 0-9 digits, 10-35 letters, 36 space, 37 other. */
const ASCII_VALUE = new Uint8Array(128).fill(37);
for (let c = 0x30; c <= 0x39; c++) ASCII_VALUE[c] = c - 0x30;
for (let c = 0x41; c <= 0x5a; c++) ASCII_VALUE[c] = ASCII_VALUE[c + 0x20] = c - 55;
ASCII_VALUE[0x20] = 36;
const SPACE = 36;
const OTHER = 37;

/**
 * Reads an IBAN whose country code starts at `start` (case-insensitive, single spaces allowed
 * between any two characters, invisible characters ignored). Returns the end of the IBAN when it
 * is valid; minus the end when it has the exact shape of one (country length, printed compact or
 * in the standard groups of four) but fails mod-97, so that callers can leave the whole token
 * alone instead of finding phone numbers inside a mistyped IBAN; 0 when it is neither.
 */
export function readIban(text: string, start: number, n: number): number {
  const c0 = text.charCodeAt(start);
  const p1 = nextVisible(text, start + 1, n);
  if (p1 >= n) return 0;
  const c1 = text.charCodeAt(p1);
  if (!isAsciiLetter(c0) || !isAsciiLetter(c1)) return 0;
  const length = ibanLengthOf(c0, c1);
  if (length === 0) return 0;
  values[0] = (c0 & 0xdf) - 55;
  values[1] = (c1 & 0xdf) - 55;
  let count = 2;
  let standard = true;
  let end = p1 + 1;
  let p = end;
  let afterCharacter = true;
  while (count < length) {
    if (p >= n) return 0;
    const c = text.charCodeAt(p++);
    let v = c < 0x80 ? ASCII_VALUE[c]! : OTHER;
    if (v === OTHER && c >= 0x80) {
      if (isInvisible(c)) continue;
      if (isSpace(c)) v = SPACE;
    }
    if (v === SPACE) {
      // One space, between two characters.
      if (!afterCharacter) return 0;
      if (count !== 2 && (count & 3) !== 0) standard = false;
      afterCharacter = false;
      continue;
    }
    if (v === OTHER || (count < 4 && v > 9)) return 0;
    values[count++] = v;
    afterCharacter = true;
    end = p;
  }
  const after = nextVisible(text, end, n);
  if (after < n && isGlue(text.charCodeAt(after))) return 0;
  if (ibanChecksumValid(values, length)) return end;
  return standard ? -end : 0;
}
