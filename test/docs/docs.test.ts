import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cliHarness.js';
import {
  type DocExample,
  examplesOf,
  inPool,
  inProcessForm,
  linesOf,
  MARKER,
  matches,
  normalise,
  runExample,
} from './doctest.js';

/**
 * Issue 14 item 9: docs that cannot drift. Every block of README.md and docs/*.md marked
 * `<!-- doctest -->` is run (test/docs/doctest.ts) and its output compared with what the docs
 * show; the examples marked are those that take seconds. A plain `npx --no-install ccsim ...`
 * runs in-process from the repository root (fast: no start-up per example; outputs an example
 * writes under reports/ are removed after); anything else runs in bash in a scratch folder where
 * `scenarios/` and `docs/` are this checkout's.
 */
const ROOT = resolve('.');
const BIN = join(ROOT, 'bin/ccsim.js');
const files = [
  'README.md',
  ...(await readdir('docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`),
];
const examples: DocExample[] = files.flatMap((f) => examplesOf(f));

describe('doctests of README.md and docs/*.md', () => {
  let cwd: string;
  let results: { code: number; output: string }[];

  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'ccsim-doctest-'));
    await symlink(join(ROOT, 'scenarios'), join(cwd, 'scenarios'));
    await symlink(join(ROOT, 'docs'), join(cwd, 'docs'));
    results = [];
    for (const e of examples) {
      const form = inProcessForm(e.command);
      if (!form) continue;
      // Only what the example names as its output is removed afterwards, and only if it is new:
      // other test files write under reports/ at the same time.
      const out = form.argv[form.argv.indexOf('--out') + 1];
      if (form.argv.includes('--out') && out && !existsSync(out)) created.push(out);
      const r = await runCli(form.argv, form.stdin, { CCSIM_PROGRESS: 'off' });
      results[examples.indexOf(e)] = { code: r.code, output: `${r.stdout}${r.stderr}` };
    }
    const shells = examples.filter((e) => !inProcessForm(e.command));
    const shellResults = await inPool(
      shells.map((e) => () => runExample(e, cwd, BIN)),
      2,
    );
    shells.forEach((e, k) => {
      results[examples.indexOf(e)] = shellResults[k]!;
    });
  }, 600_000);
  const created: string[] = [];
  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
    for (const path of created) await rm(path, { recursive: true, force: true });
  });

  it('has examples to run', () => {
    expect(examples.length).toBeGreaterThan(10);
  });

  it.each(examples.map((e, k) => [`${e.file}:${e.line} $ ${e.command}`, k] as const))(
    '%s',
    (_name, k) => {
      const example = examples[k]!;
      const { code, output } = results[k]!;
      const actual = linesOf(normalise(output, cwd));
      const expected = example.expected.map((l) => normalise(l, cwd));
      const ok = code === example.exitCode && matches(expected, actual);
      if (!ok) {
        const first = expected.findIndex(
          (l, i) => l.trim() !== '...' && l.trimEnd() !== actual[i]?.trimEnd(),
        );
        expect.fail(
          [
            `${example.file}:${example.line} drifted from what the command prints.`,
            `  $ ${example.command}`,
            `now exits ${code} (the docs say ${example.exitCode}) and prints:`,
            ...actual.map((l) => `  | ${l}`),
            first >= 0
              ? `first difference at output line ${first + 1}: the docs show "${expected[first]}", the command prints "${actual[first] ?? '(nothing)'}"`
              : 'the docs show fewer or more lines than the command prints',
            `Refresh it: run the command from the repository root, paste its output under it in ${example.file} (keep "..." lines where output is elided; "(exit N)" after a failing one), then run \`npx --no-install vitest run test/docs\`.`,
          ].join('\n'),
        );
      }
    },
  );
});

describe("commands in the docs cannot fetch a stranger's package (issue 14 item 8)", () => {
  it('every npx and npm exec shown in README.md and docs/*.md refuses to install', async () => {
    const offending: string[] = [];
    const bad = /\bnpx\b(?! --no-install\b)|\bnpm exec\b(?! --no\b)/g;
    for (const file of files) {
      let fenced = false;
      (await readFile(file, 'utf8')).split('\n').forEach((line, i) => {
        if (line.startsWith('```')) fenced = !fenced;
        // Commands: whole lines in fenced blocks, inline code spans elsewhere.
        const code = fenced ? [line] : [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
        for (const c of code) {
          if (bad.test(c)) offending.push(`${file}:${i + 1}: ${c.trim()}`);
          bad.lastIndex = 0;
        }
      });
    }
    expect(offending).toEqual([]);
  });

  it('nor do the deployment examples the README links to (workflow, Kubernetes, k6-operator)', async () => {
    const offending: string[] = [];
    const bad = /\bnpx\b(?! --no-install\b)|\bnpm exec\b(?! --no\b)/;
    for (const entry of await readdir('deploy', { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = `${entry.parentPath}/${entry.name}`;
      // Every line counts here: a workflow's `run:` and a manifest's comment get copied alike.
      (await readFile(file, 'utf8')).split('\n').forEach((line, i) => {
        if (bad.test(line)) offending.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offending).toEqual([]);
  });

  it('a doctest marker always precedes a fenced block', () => {
    for (const file of files) expect(() => examplesOf(file), file).not.toThrow();
    expect(MARKER).toBe('<!-- doctest -->');
  });
});

describe('the doctest machinery', () => {
  it('reads examples, their output and exit codes from a marked block only', () => {
    const text = [
      '```',
      '$ not run',
      '```',
      MARKER,
      '```',
      '$ echo a',
      'a',
      '...',
      '$ false',
      '(exit 1)',
      '```',
    ].join('\n');
    expect(examplesOf('x.md', text)).toEqual([
      { file: 'x.md', line: 6, command: 'echo a', expected: ['a', '...'], exitCode: 0 },
      { file: 'x.md', line: 9, command: 'false', expected: [], exitCode: 1 },
    ]);
  });

  it('runs plain ccsim commands in-process, everything else in a shell', () => {
    expect(inProcessForm('npx --no-install ccsim erlang --model c --arrivals 200')).toEqual({
      argv: ['erlang', '--model', 'c', '--arrivals', '200'],
      stdin: '',
    });
    expect(inProcessForm("echo '+447966197542' | npx --no-install ccsim mask")).toEqual({
      argv: ['mask'],
      stdin: '+447966197542\n',
    });
    expect(inProcessForm("npx --no-install ccsim mask 'a b'")).toEqual({
      argv: ['mask', 'a b'],
      stdin: '',
    });
    expect(inProcessForm('npx --no-install ccsim mask < chat.log')).toBeNull();
    expect(inProcessForm('npm run bench:sim')).toBeNull();
  });

  it('matches "..." to any run of lines, and normalises what varies between runs', () => {
    expect(matches(['a', '...', 'd'], ['a', 'b', 'c', 'd'])).toBe(true);
    expect(matches(['a', '...'], ['a'])).toBe(true);
    expect(matches(['a', 'b'], ['a', 'c'])).toBe(false);
    expect(matches(['a'], ['a', 'b'])).toBe(false);
    expect(
      normalise(
        'wrote reports/x-staffing-20260101-093000/a; 5 replications in 1.3 s on 2 workers',
        '/tmp/q',
      ),
    ).toBe('wrote reports/x-staffing-<time>/a; 5 replications in <t> s on <threads>');
    expect(normalise('/tmp/q/out', '/tmp/q')).toBe('<tmp>/out');
  });
});
