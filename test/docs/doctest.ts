import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Doctests of the docs: README.md and docs/*.md show commands with their real output, and a
 * block marked `<!-- doctest -->` on the line before its opening fence is run and compared.
 *
 * ````
 * <!-- doctest -->
 * ```
 * $ npx --no-install ccsim erlang --model c --arrivals 200 ...
 * Erlang C (M/M/N, no abandonment): 200 arrivals/h, AHT 180 s, T 20 s
 * ...
 * $ npx --no-install ccsim erlang --model c --arrivals 200
 * error CLI_USAGE: missing --aht
 * (exit 2)
 * ```
 * ````
 *
 * A line `$ command` starts an example; the lines up to the next one are its expected stdout
 * followed by its stderr. A line `...` stands for any number of lines; `(exit N)` is the
 * expected exit code (0 when absent). Volatile parts are normalised on both sides (VOLATILE).
 */
export interface DocExample {
  readonly file: string;
  /** 1-based line of the `$ command` in the file. */
  readonly line: number;
  readonly command: string;
  readonly expected: readonly string[];
  readonly exitCode: number;
}

export const MARKER = '<!-- doctest -->';

export function examplesOf(file: string, text = readFileSync(file, 'utf8')): DocExample[] {
  const lines = text.split('\n');
  const out: DocExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== MARKER) continue;
    const fence = lines[i + 1] ?? '';
    if (!fence.startsWith('```')) {
      throw new Error(`${file}:${i + 1}: ${MARKER} must be followed by a fenced block`);
    }
    let current: { line: number; command: string; expected: string[]; exitCode: number } | null =
      null;
    let j = i + 2;
    for (; j < lines.length && !lines[j]!.startsWith('```'); j++) {
      const l = lines[j]!;
      if (l.startsWith('$ ')) {
        if (current) out.push({ file, ...current });
        current = { line: j + 1, command: l.slice(2).trim(), expected: [], exitCode: 0 };
      } else if (current) {
        const exit = /^\(exit (\d+)\)$/.exec(l.trim());
        if (exit) current.exitCode = Number(exit[1]);
        else current.expected.push(l);
      } else if (l.trim() !== '') {
        throw new Error(`${file}:${j + 1}: a doctest block starts with a "$ command" line`);
      }
    }
    if (current) out.push({ file, ...current });
    i = j;
  }
  return out;
}

/**
 * What differs from run to run and is not the point of an example: output folders stamped with
 * the time, run times and the worker count (the machine's cores), the temporary folder.
 */
const VOLATILE: readonly [RegExp, string][] = [
  [/reports\/([\w.-]+?)-\d{8}-\d{6}/g, 'reports/$1-<time>'],
  [/\bin \d+(?:\.\d+)? s on (?:the main thread|\d+ workers?)/g, 'in <t> s on <threads>'],
  [/\d+(?:\.\d+)?(?:ms|s) elapsed/g, '<t> elapsed'],
];

export function normalise(text: string, tmp: string): string {
  let out = text.split(tmp).join('<tmp>');
  for (const [re, to] of VOLATILE) out = out.replace(re, to);
  return out;
}

/** Expected lines against actual ones; `...` matches any run of lines (shortest first). */
export function matches(expected: readonly string[], actual: readonly string[]): boolean {
  const trim = (s: string) => s.replace(/\s+$/, '');
  const go = (e: number, a: number): boolean => {
    if (e === expected.length) return a === actual.length;
    if (expected[e]!.trim() === '...') {
      for (let k = a; k <= actual.length; k++) if (go(e + 1, k)) return true;
      return false;
    }
    return a < actual.length && trim(expected[e]!) === trim(actual[a]!) && go(e + 1, a + 1);
  };
  return go(0, 0);
}

/** Lines of a command's output, without the last empty line a final newline leaves. */
export function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * `npx --no-install ccsim ARGS`, optionally fed by `echo 'TEXT' |`: what can run in-process
 * (through `main`, as test/helpers/cliHarness.ts does) instead of a shell, which costs two
 * seconds of start-up per example. Null for anything else (redirections, other programs).
 */
export function inProcessForm(command: string): { argv: string[]; stdin: string } | null {
  const m = /^(?:echo (['"])(.*?)\1 \| )?npx --no-install ccsim\b(.*)$/.exec(command);
  if (!m) return null;
  const rest = m[3]!;
  if (/[|<>;&$`\\]/.test(rest)) return null;
  const argv: string[] = [];
  for (const t of rest.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) argv.push(t[1] ?? t[2] ?? t[3]!);
  return { argv, stdin: m[2] === undefined ? '' : `${m[2]}\n` };
}

/**
 * Runs an example in `cwd` through bash (pipes and `echo` work as shown), with the docs' way of
 * running ccsim — `npx --no-install ccsim` — replaced by this checkout's bin (`npx` would add a
 * second of start-up per example for the same program).
 */
export function runExample(
  example: DocExample,
  cwd: string,
  bin: string,
): Promise<{ code: number; output: string }> {
  const command = example.command.replaceAll('npx --no-install ccsim', `node ${bin}`);
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], {
      cwd,
      env: { ...process.env, CCSIM_PROGRESS: 'off', NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output: `${stdout}${stderr}` });
    });
  });
}

/** Runs `tasks` with at most `limit` at a time (the machine has two cores). */
export async function inPool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const k = next++;
      results[k] = await tasks[k]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
