/** `LUHN_DOUBLE[d]` is the Luhn contribution of digit `d` in a doubled position. */
export const LUHN_DOUBLE: readonly number[] = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];

/** The Luhn (mod 10) check over a string of ASCII digits. */
export function isLuhnValid(digits: string): boolean {
  if (digits.length === 0) return false;
  let sum = 0;
  let doubled = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digits.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return false;
    sum += doubled ? LUHN_DOUBLE[d]! : d;
    doubled = !doubled;
  }
  return sum % 10 === 0;
}
