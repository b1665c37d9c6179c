import { AnalyticError } from './analyticError.js';

/** Throws `ANALYTIC_INVALID_INPUT` unless `value` is a finite number `>= 0` (or `> 0` if `positive`). */
export function requireNonNegative(name: string, value: number, positive = false): void {
  const ok =
    typeof value === 'number' && Number.isFinite(value) && (positive ? value > 0 : value >= 0);
  if (!ok) {
    const bound = positive ? 'a finite number > 0' : 'a finite number >= 0';
    throw new AnalyticError('ANALYTIC_INVALID_INPUT', `${name} must be ${bound}, got ${value}`);
  }
}

/** Throws `ANALYTIC_INVALID_INPUT` unless `value` is an integer `>= min`. */
export function requireInteger(name: string, value: number, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new AnalyticError(
      'ANALYTIC_INVALID_INPUT',
      `${name} must be an integer >= ${min}, got ${value}`,
    );
  }
}

/** Throws `ANALYTIC_INVALID_INPUT` unless `value` is a probability strictly inside (0, 1]. */
export function requireFraction(name: string, value: number): void {
  if (typeof value !== 'number' || !(value > 0 && value <= 1)) {
    throw new AnalyticError(
      'ANALYTIC_INVALID_INPUT',
      `${name} must be a fraction in (0, 1], got ${value}`,
    );
  }
}
