import { shown, usageError } from './usage.js';

/**
 * Numeric flag values, checked before any work. yargs gives NaN for a word and an array for a
 * repeated flag; both are refused here with the flag's name and what it takes.
 */

/** A whole number ≥ `min` (and ≤ `max`); undefined stays undefined (the flag was not given). */
export function integerOption(
  flag: string,
  value: unknown,
  range: { readonly min: number; readonly max?: number },
): number | undefined {
  if (value === undefined) return undefined;
  const ok =
    typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    value >= range.min &&
    (range.max === undefined || value <= range.max);
  if (!ok) {
    const bounds =
      range.max === undefined ? `>= ${range.min}` : `from ${range.min} to ${range.max}`;
    throw usageError(`--${flag} must be an integer ${bounds}, got ${shown(value)}`);
  }
  return value;
}

/** A finite number above (or at, with `inclusive`) `min`. */
export function numberOption(
  flag: string,
  value: unknown,
  range: { readonly min: number; readonly inclusive?: boolean },
): number | undefined {
  if (value === undefined) return undefined;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (range.inclusive ? value >= range.min : value > range.min);
  if (!ok) {
    throw usageError(
      `--${flag} must be a number ${range.inclusive ? '>=' : '>'} ${range.min}, got ${shown(value)}`,
    );
  }
  return value;
}

/** A string flag given once (yargs makes a repeated one an array). */
export function stringOption(flag: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw usageError(`--${flag} takes one value, got ${shown(value)}`);
  // `--junit` with nothing after it: yargs gives "", which no flag takes (not a path, not a name).
  if (value === '') throw usageError(`--${flag} needs a value`);
  return value;
}
