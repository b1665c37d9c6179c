import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cliHarness.js';

/**
 * The CI regression gate: a baseline summary from the shipped smoke scenario; the current run
 * from a copy whose staffing is cut (support 3 -> 0, sales 2 -> 1). The smoke scenario's
 * regression.tolerance is serviceLevel 0.05 and asa 10 s. With 10 replications a side the cut
 * moves SL from ~98% to ~80% and ASA from ~4 s to ~20 s: far beyond the tolerances and, with
 * Welch's test, significant by a wide margin (p < 0.001 here), so the gate must fail (exit 99,
 * a JUnit <failure> per KPI). The same scenario again passes (identical replications), and so does
 * another seed (noise, not a regression: the difference is far inside the tolerance).
 */
describe('simulate --baseline / --junit', () => {
  let dir: string;
  let baseline: string;
  let cut: string;
  const smoke = 'scenarios/whatsapp-smoke.yaml';
  const common = ['--replications', '10', '--workers', '0', '--no-report'];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ccsim-regression-'));
    const text = await readFile(smoke, 'utf8');
    const cutText = text
      .replace(/^ {4}support: 3$/m, '    support: 0')
      .replace(/^ {4}sales: 2$/m, '    sales: 1');
    expect(cutText).not.toBe(text);
    cut = join(dir, 'smoke-cut.yaml');
    await writeFile(cut, cutText);
    const r = await runCli(['simulate', smoke, ...common, '--out', join(dir, 'base')]);
    expect(r.code, r.stderr).toBe(0);
    baseline = join(dir, 'base', 'summary.json');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fails with exit 99 and JUnit failures when staffing is cut', async () => {
    const junit = join(dir, 'cut.xml');
    const r = await runCli([
      'simulate',
      cut,
      ...common,
      '--out',
      join(dir, 'cut'),
      '--baseline',
      baseline,
      '--junit',
      junit,
    ]);
    expect(r.code, r.stderr).toBe(99);
    expect(r.stdout).toContain('Regression against the baseline');
    expect(r.stdout).toMatch(/✗ serviceLevel: .* REGRESSION/);
    const xml = await readFile(junit, 'utf8');
    // Two KPI checks for the total and for each of the two queues (the tolerances name no group
    // KPI), then each verdict's day and three intervals: the total's and each queue's (not
    // required: skipped if missed).
    expect(xml).toMatch(/<testsuites name="ccsim" tests="18" failures="6"/);
    expect(r.stdout).toMatch(/✗ queue support: serviceLevel: .* REGRESSION/);
    expect(xml).toMatch(
      /<testcase classname="ccsim\.simulate\.whatsapp-smoke\.regression\.queue\.sales" name="queue sales: asa" time="0">\s*<failure /,
    );
    expect(xml).toMatch(
      /<testcase classname="ccsim\.simulate\.whatsapp-smoke\.regression" name="serviceLevel" time="0">\s*<failure message="[^"]*REGRESSION" type="regression">/,
    );
    expect(xml).toMatch(/name="asa" time="0">\s*<failure /);
  });

  it('passes with exit 0 when nothing changed, and when only the seed did', async () => {
    for (const extra of [[], ['--seed', '2']]) {
      const junit = join(dir, `same${extra.length}.xml`);
      const r = await runCli([
        'simulate',
        smoke,
        ...common,
        ...extra,
        '--out',
        join(dir, `same${extra.length}`),
        '--baseline',
        baseline,
        '--junit',
        junit,
      ]);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const xml = await readFile(junit, 'utf8');
      expect(xml).toMatch(/tests="18" failures="0"/);
      expect(xml).not.toContain('<failure');
    }
  });

  it('names a missing or wrong baseline', async () => {
    const missing = await runCli([
      'simulate',
      smoke,
      ...common,
      '--out',
      join(dir, 'x'),
      '--baseline',
      join(dir, 'nope.json'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error BASELINE_NOT_FOUND: .*nope\.json: no such file/);
    const wrong = await runCli([
      'simulate',
      smoke,
      ...common,
      '--out',
      join(dir, 'y'),
      '--baseline',
      cut,
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^error BASELINE_INVALID: /);
  });

  it('records the gates in summary.json and the --json output; the command keeps --baseline and --junit', async () => {
    const out = join(dir, 'json-gates');
    const junit = join(dir, 'json-gates.xml');
    const r = await runCli([
      'simulate',
      cut,
      ...common,
      '--out',
      out,
      '--baseline',
      baseline,
      '--junit',
      junit,
      '--json',
    ]);
    expect(r.code).toBe(99);
    const printed = JSON.parse(r.stdout);
    expect(await readFile(join(out, 'summary.json'), 'utf8')).toBe(r.stdout);
    expect(printed.gates).toMatchObject({
      passed: false,
      target: null,
      regression: { against: baseline, passed: false, defaulted: false },
    });
    expect(
      printed.gates.regression.comparisons.map(
        (c: { kpi: string; scope: { kind: string; id?: string } }) =>
          `${c.scope.id ?? c.scope.kind} ${c.kpi}`,
      ),
    ).toEqual([
      'total serviceLevel',
      'total asa',
      'support serviceLevel',
      'support asa',
      'sales serviceLevel',
      'sales asa',
    ]);
    expect(printed.gates.regression.queues).toEqual({
      compared: ['support', 'sales'],
      notInBaseline: [],
      notInCurrent: [],
    });
    expect(printed.command).toBe(
      `ccsim simulate ${cut} --replications 10 --out ${out} --json --baseline ${baseline} --junit ${junit}`,
    );
    expect(printed.request).toMatchObject({ baseline, junit, json: true });
    // The gate lines go to stderr when stdout carries the JSON.
    expect(r.stderr).toMatch(/Regression against the baseline .*: FAILED, 6 of 6/);
  });

  it('--require-target makes the SL verdict a gate: exit 99 and JUnit cases when missed', async () => {
    const junit = join(dir, 'target.xml');
    const missed = await runCli([
      'simulate',
      cut,
      ...common,
      '--out',
      join(dir, 'target-cut'),
      '--require-target',
      'day',
      '--junit',
      junit,
    ]);
    // The cut staffing gives ~80% against the smoke scenario's 80% target: the day's verdict
    // decides; the exit code must agree with it.
    const summary = JSON.parse(await readFile(join(dir, 'target-cut', 'summary.json'), 'utf8'));
    expect(summary.gates.target).toEqual({
      requirement: 'day',
      passed: summary.verdict.day.met,
    });
    expect(missed.code).toBe(summary.verdict.day.met ? 0 : 99);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toMatch(
      /<testcase classname="ccsim\.simulate\.whatsapp-smoke\.target" name="service level over the day"/,
    );

    const everyInterval = await runCli([
      'simulate',
      smoke,
      ...common,
      '--out',
      join(dir, 'target-smoke'),
      '--require-target',
      'intervals',
      '--junit',
      junit,
    ]);
    expect(everyInterval.code, everyInterval.stdout).toBe(0);
    expect(everyInterval.stdout).toMatch(
      /Service-level target \(--require-target intervals\): passed/,
    );
    // The total's day and three intervals, and the same for each of the two queues.
    expect(await readFile(junit, 'utf8')).toMatch(/tests="12" failures="0"/);
    expect(everyInterval.stdout).toMatch(
      /Queue sales: its service-level target \(--require-target intervals\): passed/,
    );
  });

  it('an older baseline without per-queue KPIs still gates the totals, and says the queues were not compared', async () => {
    const old = JSON.parse(await readFile(baseline, 'utf8'));
    const strip = (set: Record<string, unknown>) => {
      delete set.queues;
      delete set.groups;
    };
    strip(old.kpis.total);
    for (const interval of old.kpis.intervals) strip(interval);
    const oldPath = join(dir, 'old-baseline.json');
    await writeFile(oldPath, JSON.stringify(old));
    const r = await runCli([
      'simulate',
      cut,
      ...common,
      '--out',
      join(dir, 'old'),
      '--baseline',
      oldPath,
    ]);
    expect(r.code, r.stderr).toBe(99);
    expect(r.stdout).toMatch(/FAILED, 2 of 2/);
    expect(r.stdout).toContain(
      'note: the baseline has no per-queue KPIs (an older summary): queues not compared, only the totals',
    );
  });
});
