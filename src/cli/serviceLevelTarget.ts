import { CliError } from './cliError.js';

export interface ServiceLevelTarget {
  /** Share answered within the threshold, in (0, 1). */
  readonly serviceLevel: number;
  /** Absent when the text gave only the percentage. */
  readonly thresholdSeconds?: number;
}

/**
 * A service-level target as planners write it: `80/20` (80 % within 20 s), also `80%/20s`,
 * `0.8/20`, or `80` alone. Refused with `code` (the calling command's own) when malformed.
 */
export function parseServiceLevelTarget(text: string, code: string): ServiceLevelTarget {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*(?:\/\s*(\d+(?:\.\d+)?)\s*s?\s*)?$/.exec(text);
  const level = m ? Number(m[1]) : Number.NaN;
  const serviceLevel = level >= 1 ? level / 100 : level;
  const threshold = m?.[2] === undefined ? undefined : Number(m[2]);
  if (!(serviceLevel > 0 && serviceLevel < 1) || (threshold !== undefined && !(threshold >= 0))) {
    throw new CliError(
      code,
      `--target must be <percent>/<seconds>, e.g. 80/20 (80% within 20 s); got "${text}"`,
    );
  }
  return threshold === undefined ? { serviceLevel } : { serviceLevel, thresholdSeconds: threshold };
}
