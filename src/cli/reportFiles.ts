import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type JunitSuite, junitXml } from '../report/index.js';
import { outputTimestamp } from './runInfo.js';

/** `reports/<name>-<YYYYMMDD-HHMMSS>/`: where a run writes when no `--out` is given. */
export function defaultReportDir(name: string, date: Date = new Date()): string {
  return join('reports', `${name}-${outputTimestamp(date)}`);
}

/** Writes `DIR/index.html` (DIR prepared before the run: prepareOutputFolder) and returns its path. */
export async function writeHtmlReport(dir: string, html: string): Promise<string> {
  const path = join(dir, 'index.html');
  await writeFile(path, html);
  return path;
}

/** Writes the JUnit XML of the run's gates to `path` (prepared before the run: prepareOutputFile). */
export async function writeJunit(path: string, suites: readonly JunitSuite[]): Promise<void> {
  await writeFile(path, junitXml(suites));
}
