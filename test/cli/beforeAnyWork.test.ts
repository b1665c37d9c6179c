import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cliHarness.js';

/**
 * Issue 14 item 1: bad input is refused before any work starts. Each example of the issue is run
 * as a new user would type it, and the test checks that nothing was done: no output folder and
 * no summary.json, no result printed, no server listening, nothing sent (a load test prints its
 * summary only after sending). Flags and values, the scenario, the --baseline file and the
 * output folder are all checked up front.
 */
describe('refused before any work', () => {
  let dir: string;
  const smoke = 'scenarios/whatsapp-smoke.yaml';
  const out = () => join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const gone = async (path: string) => {
    await expect(access(path), path).rejects.toThrow();
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ccsim-before-work-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('erlang --model b prints no result, exit 2', async () => {
    const r = await runCli([
      'erlang',
      '--model',
      'b',
      '--arrivals',
      '200',
      '--aht',
      '180',
      '--agents',
      '14',
      '--threshold',
      '20',
    ]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error CLI_USAGE: --model must be one of c, a; got "b"\n',
    });
  });

  it('simulate --replicaitons 5 writes no summary.json, exit 2', async () => {
    const o = out();
    const r = await runCli(['simulate', smoke, '--replicaitons', '5', '--out', o]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error CLI_USAGE: unknown flag --replicaitons (did you mean --replications?)\n',
    );
    await gone(o);
  });

  it('staff --targt 80/20 runs no search, exit 2', async () => {
    const o = out();
    const r = await runCli([
      'staff',
      'scenarios/validation/erlang-c1.yaml',
      '--targt',
      '80/20',
      '--out',
      o,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error CLI_USAGE: unknown flag --targt (did you mean --target?)\n');
    await gone(o);
  });

  it('serve --prot 8081 starts no server, exit 2', async () => {
    // Were the server started, runCli would not return before a SIGTERM.
    const r = await runCli(['serve', smoke, '--prot', '8081', '--db', join(dir, 'never.db')]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error CLI_USAGE: unknown flag --prot (did you mean --port?)\n',
    });
    await gone(join(dir, 'never.db'));
  });

  it('loadtest --abandon maybe sends nothing, exit 2', async () => {
    const o = out();
    const r = await runCli(['loadtest', smoke, '--abandon', 'maybe', '--out', o]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error CLI_USAGE: --abandon must be one of auto, on, off; got "maybe"\n',
    });
    await gone(o);
  });

  it('bad values of every command: CLI_USAGE, exit 2, nothing written', async () => {
    const o = out();
    const cases: [string[], RegExp][] = [
      [
        ['simulate', smoke, '--replications', 'abc'],
        /--replications must be an integer >= 1, got "abc"/,
      ],
      [
        ['simulate', smoke, '--replications', '2', '--replications', '3'],
        /--replications must be an integer >= 1, got 2 values \(give it once\)/,
      ],
      [['simulate', smoke, '--seed', '-1'], /--seed must be an integer >= 0, got -1/],
      [['simulate', smoke, '--workers', '1.5'], /--workers must be an integer >= 0, got 1\.5/],
      [['simulate', smoke, '--shard', '3/2'], /--shard must be k\/n/],
      [
        ['simulate', smoke, '--require-target', 'week'],
        /--require-target must be one of day, intervals/,
      ],
      [
        ['staff', smoke, '--group', 'support', '--shrinkage', '30'],
        /--shrinkage 30 is ambiguous: write 30% \(or 0\.3\)/,
      ],
      [
        ['staff', smoke, '--group', 'support', '--confidence', '1.5%'],
        /--confidence must be a share from 50% to 99\.99%/,
      ],
      [
        ['staff', smoke, '--group', 'nobody'],
        /--group nobody: no such agent group; the groups are support, sales/,
      ],
      [['staff', smoke, '--group', 'support', '--window', '2'], /--window applies to --shard only/],
      [['trace', smoke, '--replication', '-1'], /--replication must be an integer >= 0/],
      [['serve', smoke, '--port', '70000'], /--port must be an integer from 0 to 65535, got 70000/],
      [['mask', '--kinds', 'passport'], /unknown kind "passport"/],
      [['merge', dir, '--workers', 'x'], /--workers must be an integer >= 0/],
    ];
    for (const [argv, message] of cases) {
      const withOut = argv[0] === 'serve' || argv[0] === 'mask' ? argv : [...argv, '--out', o];
      const r = await runCli(withOut);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout, argv.join(' ')).toBe('');
      expect(r.stderr, argv.join(' ')).toMatch(new RegExp(`^error CLI_USAGE: ${message.source}`));
    }
    await gone(o);
  });

  it('--out /proc/nope does not hang, --out /etc/passwd/x names the file: OUTPUT_NOT_WRITABLE', async () => {
    const proc = await runCli(['simulate', smoke, '--out', '/proc/nope', '--no-report']);
    expect(proc).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error OUTPUT_NOT_WRITABLE: --out /proc/nope: cannot create /proc/nope (the system refuses to create it there)\n',
    });
    const file = await runCli(['simulate', smoke, '--out', '/etc/passwd/x']);
    expect(file).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error OUTPUT_NOT_WRITABLE: --out /etc/passwd/x: /etc/passwd is a file, not a folder\n',
    });
    const junitDir = join(dir, 'a-folder');
    await mkdir(junitDir);
    const o = out();
    const junit = await runCli([
      'simulate',
      smoke,
      '--out',
      o,
      '--require-target',
      'day',
      '--junit',
      junitDir,
    ]);
    expect(junit.code).toBe(1);
    expect(junit.stderr).toBe(
      `error OUTPUT_NOT_WRITABLE: --junit ${junitDir}: is a folder, not a file\n`,
    );
    await gone(o);
  });

  it('--baseline is checked first: it exists, parses, and is of the same scenario', async () => {
    const weekday = join(dir, 'weekday-summary.json');
    await writeFile(
      weekday,
      JSON.stringify({
        format: 'ccsim-simulation-summary/1',
        scenario: { name: 'whatsapp-weekday' },
        kpis: { total: {} },
      }),
    );
    const notJson = join(dir, 'not.json');
    await writeFile(notJson, '{ nope');
    const cases: [string, RegExp][] = [
      [join(dir, 'missing.json'), /^error BASELINE_NOT_FOUND: .*missing\.json: no such file$/m],
      [dir, /^error BASELINE_INVALID: .*: a folder, not a file$/m],
      [notJson, /^error BASELINE_INVALID: .*not\.json is not JSON/],
      [smoke, /^error BASELINE_INVALID: .* is not JSON/],
      [
        weekday,
        /^error BASELINE_MISMATCH: .*weekday-summary\.json is a baseline of scenario "whatsapp-weekday", this run is "whatsapp-smoke"\n$/,
      ],
    ];
    for (const [baseline, message] of cases) {
      const o = out();
      const r = await runCli(['simulate', smoke, '--out', o, '--baseline', baseline]);
      expect(r.code, baseline).toBe(1);
      expect(r.stdout, baseline).toBe('');
      expect(r.stderr, baseline).toMatch(message);
      await gone(o);
    }
  });

  it('a bad scenario is refused before the output folder is made', async () => {
    const empty = join(dir, 'empty.yaml');
    await writeFile(empty, '');
    const o = out();
    const r = await runCli(['simulate', empty, '--out', o]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error SCENARIO_EMPTY: /);
    await gone(o);
  });

  it('--junit without a gate still reports the verdict: cases, never tests="0"', async () => {
    const o = out();
    const junit = join(dir, 'verdict.xml');
    const r = await runCli([
      'simulate',
      smoke,
      '--replications',
      '3',
      '--workers',
      '0',
      '--no-report',
      '--out',
      o,
      '--junit',
      junit,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const xml = await readFile(junit, 'utf8');
    // The day and the three intervals with traffic, the total's and each of the two queues';
    // nothing fails without --require-target.
    expect(xml).toMatch(/<testsuites name="ccsim" tests="12" failures="0"/);
    expect(xml).toContain('name="service level over the day"');
    expect(xml).toContain('name="queue sales: service level over the day"');
  });
});
