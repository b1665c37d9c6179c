import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulationSummary } from '../../sim/summary.js';
import { runCli } from '../helpers/cliHarness.js';

describe('ccsim simulate', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ccsim-simulate-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const smoke = 'scenarios/whatsapp-smoke.yaml';

  it('prints summary.json with --json and writes the same to DIR/summary.json', async () => {
    const out = join(dir, 'json');
    const result = await runCli([
      'simulate',
      smoke,
      '--replications',
      '3',
      '--out',
      out,
      '--json',
      '--workers',
      '0',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const file = await readFile(join(out, 'summary.json'), 'utf8');
    expect(result.stdout).toBe(file);
    const summary = JSON.parse(file) as SimulationSummary;
    expect(summary.format).toBe('ccsim-simulation-summary/1');
    expect(summary.scenario).toMatchObject({ name: 'whatsapp-smoke', file: smoke });
    expect(summary.seed).toBe(1);
    expect(summary.replications).toBe(3);
    expect(summary.replicationIndexes).toEqual([0, 1, 2]);
    expect(summary.command).toBe(`ccsim simulate ${smoke} --replications 3 --out ${out} --json`);
    expect(summary.ccsim.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(summary.intervals).toEqual(['09:00', '09:15', '09:30', '09:45']);
    expect(summary.kpis.intervals).toHaveLength(4);
    expect(summary.kpis.total.serviceLevel.n).toBe(3);
    expect(summary.kpis.total.serviceLevel.halfWidth95).not.toBeNull();
    expect(summary.timeSeries.t).toHaveLength(240);
    expect(Object.keys(summary.timeSeries.waiting)).toEqual(['support', 'sales']);
    const replications = JSON.parse(await readFile(join(out, 'replications.json'), 'utf8'));
    expect(replications.map((r: { index: number }) => r.index)).toEqual([0, 1, 2]);
  });

  it('writes byte-identical summaries for the same command, on any number of workers', async () => {
    const run = async (name: string, workers: string) => {
      const out = join(dir, name);
      const result = await runCli([
        'simulate',
        smoke,
        '--replications',
        '4',
        '--seed',
        '9',
        '--out',
        out,
        '--workers',
        workers,
      ]);
      expect(result.code).toBe(0);
      return readFile(join(out, 'summary.json'), 'utf8');
    };
    const first = await run('a', '0');
    expect(await run('a', '0')).toBe(first);
    // Another directory and worker count: only the recorded command (it names the directory)
    // may differ.
    const other = JSON.parse(await run('b', '2'));
    expect(JSON.stringify({ ...other, command: null, request: null })).toBe(
      JSON.stringify({ ...JSON.parse(first), command: null, request: null }),
    );
  });

  it('prints a table per interval with confidence intervals', async () => {
    const result = await runCli([
      'simulate',
      smoke,
      '--replications',
      '2',
      '--out',
      join(dir, 'table'),
      '--workers',
      '0',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('whatsapp-smoke: 2 replications, seed 1');
    expect(result.stdout).toMatch(/^total +\d/m);
    expect(result.stdout).toMatch(/^09:15 +\d/m);
    expect(result.stdout).toContain('SL % (95% CI)');
    expect(result.stdout).toContain(`wrote ${join(dir, 'table', 'summary.json')}`);
  });

  it('refuses bad flags with CLI_USAGE and exit 2', async () => {
    for (const flags of [
      ['--replications', '0'],
      ['--replications', '2.5'],
      ['--seed', '-1'],
      ['--workers', '-1'],
    ]) {
      const result = await runCli(['simulate', smoke, ...flags]);
      expect(result.code, flags.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^error CLI_USAGE: /);
    }
    const missing = await runCli(['simulate']);
    expect(missing.code).toBe(2);
  });

  it("reports a bad scenario with the scenario module's code", async () => {
    const result = await runCli(['simulate', join(dir, 'nope.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error SCENARIO_NOT_FOUND: /);
  });
});
