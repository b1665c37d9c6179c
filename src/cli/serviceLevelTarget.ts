import { describeRange, inRange, type ShareRange } from './share.js';
import { usageError } from './usage.js';

export interface ServiceLevelTarget {
  /** Share answered within the threshold, in (0, 1). */
  readonly serviceLevel: number;
  /** Absent when the text gave only the service level. */
  readonly thresholdSeconds?: number;
}

const LEVELS: ShareRange = { min: 0, max: 1, minExclusive: true, maxExclusive: true };

/**
 * The one parser of service-level targets, `SL/T` as planners write it: `80/20` is 80% within
 * 20 s; also `80%/20s`, `0.8/20`, or the level alone (`80`, `80%`). The level follows the
 * planners' notation — a number above 1 is a percent — and a fraction below 1 means the same
 * share (0.8/20 = 80/20); `1/20` is refused, since it reads as 1% and as 100% alike.
 */
export function parseServiceLevelTarget(text: string, flag = 'target'): ServiceLevelTarget {
  const form = `<percent>/<seconds>, e.g. 80/20 (80% within 20 s)`;
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*(?:\/\s*(\d+(?:\.\d+)?)\s*s?\s*)?$/.exec(text);
  if (!m) throw usageError(`--${flag} must be ${form}; got "${text}"`);
  const n = Number(m[1]);
  if (m[2] !== '%' && n === 1) {
    throw usageError(`--${flag} ${text.trim()} is ambiguous (1% or 100%?): write 1%/… or 100%/…`);
  }
  const serviceLevel = m[2] === '%' || n > 1 ? n / 100 : n;
  if (!inRange(serviceLevel, LEVELS)) {
    throw usageError(
      `--${flag} must be ${form}, with a service level from ${describeRange(LEVELS)}; got "${text}"`,
    );
  }
  return m[3] === undefined ? { serviceLevel } : { serviceLevel, thresholdSeconds: Number(m[3]) };
}
