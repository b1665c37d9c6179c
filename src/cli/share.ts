import { shown, usageError } from './usage.js';

/**
 * The one convention for shares on every command (`--max-occupancy`, `--shrinkage`,
 * `--confidence`): a percent with its sign, `85%`, or a fraction below 1, `0.85`. A bare number
 * of 1 or more is refused: `1` could be 100% or 1%, and `85` is what the percent-taking flags of
 * other tools accept, so a script written for them must not silently mean something else.
 */
export interface ShareRange {
  /** Fractions; `min` inclusive, `max` inclusive unless `maxExclusive`. */
  readonly min: number;
  readonly max: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
}

/** The range of each share flag, the same on every command that takes it. */
export const SHARE_RANGES = {
  maxOccupancy: { min: 0, max: 1, minExclusive: true },
  shrinkage: { min: 0, max: 0.95 },
  confidence: { min: 0.5, max: 0.9999 },
} as const satisfies Record<string, ShareRange>;

const NUMBER = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$/;

/** "0% to 95%", "above 0% to 100%". */
export function describeRange(r: ShareRange): string {
  const pct = (x: number) => `${Number((x * 100).toFixed(4))}%`;
  return `${r.minExclusive ? 'above ' : ''}${pct(r.min)} to ${r.maxExclusive ? 'below ' : ''}${pct(r.max)}`;
}

export function inRange(x: number, r: ShareRange): boolean {
  return (r.minExclusive ? x > r.min : x >= r.min) && (r.maxExclusive ? x < r.max : x <= r.max);
}

/** `85%` → 0.85, `0.85` → 0.85; undefined when the flag was not given. */
export function parseShare(flag: string, value: unknown, range: ShareRange): number | undefined {
  if (value === undefined) return undefined;
  const allowed = `a share from ${describeRange(range)}, written as a percent (85%) or a fraction (0.85)`;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  const m = NUMBER.exec(text);
  if (!m) throw usageError(`--${flag} must be ${allowed}; got ${shown(value)}`);
  const n = Number(m[1]);
  const percent = m[2] === '%';
  if (!percent && n >= 1) {
    // `1`: only the readings the range allows are offered (a shrinkage cannot be 100%).
    const readings =
      n === 1 ? ['100%', '1%'].filter((r) => inRange(Number.parseFloat(r) / 100, range)) : [];
    const fix = n === 1 ? readings.join(' or ') || '1%' : `${n}% (or ${n / 100})`;
    throw usageError(`--${flag} ${text.trim()} is ambiguous: write ${fix}; it takes ${allowed}`);
  }
  const share = percent ? n / 100 : n;
  if (!inRange(share, range)) throw usageError(`--${flag} must be ${allowed}; got ${text.trim()}`);
  return share;
}
