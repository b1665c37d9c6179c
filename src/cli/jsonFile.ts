import { readFile } from 'node:fs/promises';
import { CliError } from './cliError.js';

/**
 * Reads and parses a JSON file a command was pointed at (a baseline, a shard's output). The
 * caller names the two error codes, so the user learns which input was missing or broken.
 */
export async function readJsonFile(
  path: string,
  codes: { readonly missing: string; readonly invalid: string },
): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // The usual two in the user's words; anything else (EACCES...) as the system says it.
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'a folder, not a file'
          : `cannot read it: ${(err as Error).message}`;
    throw new CliError(code === 'ENOENT' ? codes.missing : codes.invalid, `${path}: ${why}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(codes.invalid, `${path} is not JSON: ${(err as Error).message}`);
  }
}
