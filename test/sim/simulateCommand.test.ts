import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateReplication } from '../../sim/replication.js';
import type { SimulationSummary } from '../../sim/summary.js';
import type { ConversationRecord } from '../../src/core/index.js';
import { loadScenario } from '../../src/scenario/index.js';
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

  it('--records FILE streams every record as NDJSON, and the results are the same as without it (issue 13)', async () => {
    const file = join(dir, 'records', 'smoke.ndjson');
    const flags = ['--replications', '3', '--seed', '7', '--no-report'];
    const withRecords = await runCli([
      'simulate',
      smoke,
      ...flags,
      '--out',
      join(dir, 'rec'),
      '--records',
      file,
    ]);
    expect(withRecords.stderr).toBe('');
    expect(withRecords.code).toBe(0);
    const without = await runCli(['simulate', smoke, ...flags, '--out', join(dir, 'norec')]);
    expect(without.code).toBe(0);
    const summaryOf = async (out: string) => {
      const {
        command: _,
        request: __,
        ...rest
      } = JSON.parse(await readFile(join(dir, out, 'summary.json'), 'utf8')) as SimulationSummary;
      return rest;
    };
    expect(await summaryOf('rec')).toStrictEqual(await summaryOf('norec'));

    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    const parsed = lines.map((l) => JSON.parse(l) as { replication: number } & ConversationRecord);
    const scenario = await loadScenario(smoke);
    const expected = [0, 1, 2].flatMap((i) =>
      simulateReplication(scenario, i, { seed: 7, keepRecords: true, kpis: false }).records!.map(
        (r) => ({ replication: i, ...r }),
      ),
    );
    expect(parsed).toStrictEqual(JSON.parse(JSON.stringify(expected)));
    expect(withRecords.stdout).toContain(`; ${expected.length} records to ${file}`);
  });

  it('--records refuses before any work: with worker threads, a folder, no value', async () => {
    const out = join(dir, 'refused');
    const workers = await runCli([
      'simulate',
      smoke,
      '--records',
      join(dir, 'r.nd'),
      '--workers',
      '2',
      '--out',
      out,
    ]);
    expect(workers.code).toBe(2);
    expect(workers.stderr).toMatch(/^error CLI_USAGE: --records .*--workers 2/);
    const folder = await runCli(['simulate', smoke, '--records', dir, '--out', out]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/^error OUTPUT_NOT_WRITABLE: --records .*is a folder/);
    const empty = await runCli(['simulate', smoke, '--out', out, '--records']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('error CLI_USAGE: --records needs a value\n');
    await expect(readFile(join(out, 'summary.json'))).rejects.toThrow();
  });
});
