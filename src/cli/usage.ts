import { CliError } from './cliError.js';

/**
 * Usage errors (exit 2, `error CLI_USAGE: ...`), worded one way on every command: a bad value
 * names the flag, what it takes and what it got; a missing argument or flag says `missing X`.
 */
export function usageError(message: string): CliError {
  return new CliError('CLI_USAGE', message);
}

/** `missing <scenario>` or `missing --patience (--model a needs it)`. */
export function missing(what: string, why?: string): CliError {
  return usageError(`missing ${what}${why ? ` (${why})` : ''}`);
}

/** How a flag's value is shown back in an error: as typed where possible. */
export function shown(value: unknown): string {
  if (Array.isArray(value)) return `${value.length} values (give it once)`;
  if (typeof value === 'number' && Number.isNaN(value)) return 'something that is not a number';
  return JSON.stringify(value) ?? String(value);
}
