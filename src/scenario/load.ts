import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { didYouMean } from './didYouMean.js';
import { ScenarioError, ScenarioErrorCode } from './errors.js';
import { MAX_SCENARIO_BYTES, parseScenario } from './parse.js';
import type { Scenario } from './schema.js';

/** Reads and parses a scenario file; errors name the file as given (relative paths stay short). */
export async function loadScenario(path: string): Promise<Scenario> {
  let text: string;
  try {
    // Before reading: a huge file is refused in microseconds, not parsed for seconds.
    const { size, isFile } = await stat(path).then((s) => ({ size: s.size, isFile: s.isFile() }));
    if (isFile && size > MAX_SCENARIO_BYTES) {
      throw new ScenarioError(
        ScenarioErrorCode.tooLarge,
        [
          {
            path: '',
            message: `${(size / 1024 / 1024).toFixed(1)} MB, over the limit of ${MAX_SCENARIO_BYTES / 1024 / 1024} MB for a scenario file`,
          },
        ],
        path,
      );
    }
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof ScenarioError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const notFound = code === 'ENOENT';
    const folder = code === 'EISDIR';
    const near = notFound ? await nearbyFile(path) : undefined;
    throw new ScenarioError(
      notFound ? ScenarioErrorCode.notFound : ScenarioErrorCode.read,
      [
        {
          path: '',
          message: notFound
            ? `no such file${near ? ` (did you mean ${near}?)` : ''}`
            : folder
              ? 'a folder, not a scenario file (name a .yaml file in it)'
              : `cannot read: ${(err as Error).message}`,
        },
      ],
      path,
    );
  }
  return parseScenario(text, path);
}

/** A file beside a missing one whose name is one typo away: `whatsapp-smok.yaml` → `…-smoke.yaml`. */
async function nearbyFile(path: string): Promise<string | undefined> {
  try {
    const dir = dirname(path);
    const near = didYouMean(basename(path), await readdir(dir));
    return near === undefined ? undefined : join(dir, near);
  } catch {
    return undefined;
  }
}
