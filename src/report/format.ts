import type { Summary } from '../kpi/index.js';

/** Number formats shared by the report's tables. */

export function fixed(value: number | null | undefined, digits = 1): string | null {
  return value === null || value === undefined || !Number.isFinite(value)
    ? null
    : value.toFixed(digits);
}

export function percent(value: number | null | undefined, digits = 1): string | null {
  return value === null || value === undefined ? null : `${(value * 100).toFixed(digits)}%`;
}

/** "88.9% ± 0.6" (percent), "7.6 s ± 0.6" (seconds) or "123.4 ± 5.6". */
export function withCi(s: Summary, unit: 'ratio' | 'seconds' | 'count', digits = 1): string | null {
  if (s.mean === null) return null;
  const scale = unit === 'ratio' ? 100 : 1;
  const suffix = unit === 'ratio' ? '%' : unit === 'seconds' ? ' s' : '';
  const mean = `${(s.mean * scale).toFixed(digits)}${suffix}`;
  return s.halfWidth95 === null ? mean : `${mean} ± ${(s.halfWidth95 * scale).toFixed(digits)}`;
}

/** Clock label "HH:MM" of a horizon start plus seconds. */
export function clockAfter(start: string, seconds: number): string {
  const [h, m] = start.split(':').map(Number);
  const minutes = Math.floor((h ?? 0) * 60 + (m ?? 0) + seconds / 60);
  const hh = Math.floor(minutes / 60) % 24;
  return `${String(hh).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Epoch milliseconds (UTC, day 0) of a horizon start plus seconds: the x of time-series charts. */
export function timeOfDayMs(start: string, seconds: number): number {
  const [h, m] = start.split(':').map(Number);
  return (((h ?? 0) * 60 + (m ?? 0)) * 60 + seconds) * 1000;
}
