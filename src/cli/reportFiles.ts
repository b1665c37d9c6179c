import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type JunitSuite, junitXml } from '../report/index.js';
import { outputTimestamp } from './runInfo.js';

/** `reports/<name>-<YYYYMMDD-HHMMSS>/`: where a run writes when no `--out` is given. */
export function defaultReportDir(name: string, date: Date = new Date()): string {
  return join('reports', `${name}-${outputTimestamp(date)}`);
}

/** Writes `DIR/index.html` and returns its path. */
export async function writeHtmlReport(dir: string, html: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'index.html');
  await writeFile(path, html);
  return path;
}

/** Writes the JUnit XML of the run's gates to `path` (its folder is made when missing). */
export async function writeJunit(path: string, suites: readonly JunitSuite[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, junitXml(suites));
}
