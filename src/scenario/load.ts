import { readFile } from 'node:fs/promises';
import { ScenarioError, ScenarioErrorCode } from './errors.js';
import { parseScenario } from './parse.js';
import type { Scenario } from './schema.js';

/** Reads and parses a scenario file; errors name the file as given (relative paths stay short). */
export async function loadScenario(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const notFound = code === 'ENOENT';
    throw new ScenarioError(
      notFound ? ScenarioErrorCode.notFound : ScenarioErrorCode.read,
      [{ path: '', message: notFound ? 'no such file' : `cannot read: ${(err as Error).message}` }],
      path,
    );
  }
  return parseScenario(text, path);
}
