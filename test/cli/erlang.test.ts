import { describe, expect, it } from 'vitest';
import { isKpiName } from '../../src/kpi/index.js';
import { runCli } from '../helpers/cliHarness.js';

/** λ = 100 per 30 min, AHT 180 s, T = 20 s. */
const BASE = ['erlang', '--arrivals', '200', '--aht', '180', '--threshold', '20'];

async function json(argv: string[]): Promise<Record<string, unknown>> {
  const result = await runCli([...argv, '--json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe('ccsim erlang', () => {
  it('prints an Erlang C table with the published values', async () => {
    const result = await runCli([...BASE, '--model', 'c', '--agents', '14']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Erlang C (M/M/N, no abandonment)');
    expect(result.stdout).toMatch(/P\(wait\)\s+17\.413 %/);
    expect(result.stdout).toMatch(/service level\s+88\.835 %/);
    expect(result.stdout).toMatch(/ASA\s+7\.84 s/);
    expect(result.stdout).toMatch(/occupancy\s+71\.429 %/);
  });

  it('prints an Erlang A table with the published values', async () => {
    const result = await runCli([...BASE, '--model', 'a', '--agents', '14', '--patience', '300']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/P\(wait\)\s+14\.526 %/);
    expect(result.stdout).toMatch(/P\(abandon\)\s+1\.398 %/);
    expect(result.stdout).toMatch(/service level\s+91\.679 %\s+\(answered within T \/ offered\)/);
  });

  it('aligns the table: every number ends in the same column', async () => {
    const { stdout } = await runCli([
      ...BASE,
      '--model',
      'a',
      '--agents',
      '14',
      '--patience',
      '300',
    ]);
    const rows = stdout.split('\n').filter((line) => /^ {2}\S/.test(line));
    expect(rows.length).toBeGreaterThan(8);
    const numberEnds = rows.map((line) => {
      const m = /^(\s+\S.*?\s{2,})(\S+)/.exec(line)!;
      return m[1]!.length + m[2]!.length;
    });
    expect(new Set(numberEnds).size).toBe(1);
  });

  it('--json prints one object with the inputs and every measure', async () => {
    const out = await json([...BASE, '--model', 'c', '--agents', '11']);
    expect(out).toMatchObject({
      model: 'c',
      agents: 11,
      input: { arrivalsPerHour: 200, ahtSeconds: 180, thresholdSeconds: 20 },
      stable: true,
    });
    expect(out.probabilityWait as number).toBeCloseTo(0.6821182, 7);
    expect(out.serviceLevel as number).toBeCloseTo(0.3896138, 7);
  });

  it('--json for Erlang A carries patience, definition and the SL parts', async () => {
    const out = await json([
      ...BASE,
      '--model',
      'a',
      '--agents',
      '14',
      '--patience',
      '300',
      '--sl-definition',
      'answered-plus-late',
    ]);
    expect(out).toMatchObject({
      model: 'a',
      input: {
        patienceSeconds: 300,
        serviceLevelDefinition: { kind: 'answered-plus-late-abandons' },
      },
      serviceLevelDefinition: { kind: 'answered-plus-late-abandons' },
    });
    expect(out.abandonRate as number).toBeCloseTo(0.013984, 6);
    expect(out.probabilityAnsweredWithinThreshold as number).toBeCloseTo(0.916792, 6);
    expect(out.serviceLevel as number).toBeGreaterThan(0.92);
  });

  it('--json names every measure the simulator also reports as the KPI catalogue does (issue 12)', async () => {
    const a = await json([...BASE, '--model', 'a', '--agents', '14', '--patience', '300']);
    const c = await json([...BASE, '--model', 'c', '--agents', '14']);
    const shared = (out: Record<string, unknown>) => Object.keys(out).filter(isKpiName).sort();
    expect(shared(a)).toEqual(
      ['abandonRate', 'asa', 'avgWait', 'occupancy', 'probabilityWait', 'serviceLevel'].sort(),
    );
    expect(shared(c)).toEqual(['asa', 'occupancy', 'probabilityWait', 'serviceLevel'].sort());
    // The names before issue 12 are gone, not kept as aliases.
    for (const old of ['asaSeconds', 'probabilityAbandon', 'meanWaitSeconds']) {
      expect(a).not.toHaveProperty(old);
      expect(c).not.toHaveProperty(old);
    }
  });

  it('accepts short-abandons:<S> as a service-level definition', async () => {
    const out = await json([
      ...BASE,
      '--model',
      'a',
      '--agents',
      '14',
      '--patience',
      '300',
      '--sl-definition',
      'short-abandons:5',
    ]);
    expect(out.serviceLevelDefinition).toEqual({
      kind: 'offered-minus-short-abandons',
      shortAbandonSeconds: 5,
    });
  });

  it('reports an unstable Erlang C interval instead of failing, with nulls in JSON', async () => {
    const table = await runCli([...BASE, '--model', 'c', '--agents', '10']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('unstable: offered load >= agents');
    const out = await json([...BASE, '--model', 'c', '--agents', '10']);
    expect(out).toMatchObject({
      stable: false,
      probabilityWait: 1,
      serviceLevel: 0,
      asa: null,
    });
  });

  describe('--target', () => {
    it('finds the minimum agents for 80/20 (Erlang C: 14, since 13 give 79.56 %)', async () => {
      const args = [
        'erlang',
        '--model',
        'c',
        '--arrivals',
        '200',
        '--aht',
        '180',
        '--target',
        '80/20',
      ];
      const table = await runCli(args);
      expect(table.code).toBe(0);
      expect(table.stdout).toContain('minimum agents for service level >= 80.0 %: 14');
      const out = await json(args);
      expect(out).toMatchObject({
        agents: 14,
        target: { serviceLevel: 0.8 },
        input: { thresholdSeconds: 20 },
      });
    });

    it('takes the threshold from --threshold when the target is only a percent', async () => {
      const out = await json([...BASE, '--model', 'a', '--patience', '300', '--target', '80']);
      expect(out.agents).toBe(13);
    });

    it('honours --max-occupancy, a share written 70% or 0.7 (one convention for every command)', async () => {
      for (const share of ['70%', '0.7']) {
        const out = await json([
          ...BASE,
          '--model',
          'c',
          '--target',
          '50',
          '--max-occupancy',
          share,
        ]);
        expect(out).toMatchObject({ agents: 15, target: { serviceLevel: 0.5, maxOccupancy: 0.7 } });
      }
      // 80/20 with 0.85 used to read 0.85 as a percent (1,177 agents); it is 85% now.
      const c = await json([
        ...BASE,
        '--model',
        'c',
        '--target',
        '80/20',
        '--max-occupancy',
        '0.85',
      ]);
      expect(c).toMatchObject({ agents: 14, target: { maxOccupancy: 0.85 } });
    });

    it('refuses an ambiguous share, naming the allowed range', async () => {
      const r = await runCli([...BASE, '--model', 'c', '--target', '50', '--max-occupancy', '70']);
      expect(r).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'error CLI_USAGE: --max-occupancy 70 is ambiguous: write 70% (or 0.7); it takes a share from above 0% to 100%, written as a percent (85%) or a fraction (0.85)\n',
      });
      const one = await runCli([...BASE, '--model', 'c', '--target', '1/20']);
      expect(one.code).toBe(2);
      expect(one.stderr).toMatch(/^error CLI_USAGE: --target 1\/20 is ambiguous \(1% or 100%\?\)/);
    });

    it('rejects a target whose threshold contradicts --threshold', async () => {
      const result = await runCli([...BASE, '--model', 'c', '--target', '80/30']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error CLI_USAGE: --threshold 20 contradicts/);
    });

    it.each(['abc', '0/20', '100/20', '80/-1', '80/20/5'])(
      'rejects --target %s',
      async (target) => {
        const result = await runCli([...BASE, '--model', 'c', '--target', target]);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/^error CLI_USAGE: --target must be/);
      },
    );

    it('cannot be combined with --agents (usage error)', async () => {
      const result = await runCli([...BASE, '--model', 'c', '--agents', '14', '--target', '80/20']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error CLI_USAGE: .*mutually exclusive/);
    });
  });

  describe('bad input', () => {
    it('model a without --patience: missing, CLI_USAGE, exit 2', async () => {
      const result = await runCli([...BASE, '--model', 'a', '--agents', '14']);
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr: 'error CLI_USAGE: missing --patience (--model a needs it)\n',
      });
    });

    it('model c with --patience: CLI_USAGE', async () => {
      const result = await runCli([...BASE, '--model', 'c', '--agents', '14', '--patience', '300']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error CLI_USAGE: --patience applies to --model a/);
    });

    it.each([
      [['--arrivals', '-5'], '--arrivals must be a number >= 0, got -5'],
      [['--arrivals', 'abc'], '--arrivals must be a number >= 0, got "abc"'],
      [['--aht', '0'], '--aht must be a number > 0, got 0'],
      [['--agents', '2.5'], '--agents must be an integer >= 1, got 2.5'],
      [['--agents', '0'], '--agents must be an integer >= 1, got 0'],
      [['--threshold', '-1'], '--threshold must be a number >= 0, got -1'],
    ])('%j → CLI_USAGE, exit 2', async (override, message) => {
      const args = [
        'erlang',
        '--model',
        'c',
        '--arrivals',
        '200',
        '--aht',
        '180',
        '--agents',
        '14',
        '--threshold',
        '20',
      ];
      const flag = override[0]!;
      args[args.indexOf(flag) + 1] = override[1]!;
      const result = await runCli(args);
      expect(result).toEqual({ code: 2, stdout: '', stderr: `error CLI_USAGE: ${message}\n` });
    });

    it('rejects an unknown --sl-definition', async () => {
      const result = await runCli([
        ...BASE,
        '--model',
        'c',
        '--agents',
        '14',
        '--sl-definition',
        'short-abandons:x',
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error CLI_USAGE: --sl-definition must be/);
    });

    it('needs --agents or --target', async () => {
      const result = await runCli([...BASE, '--model', 'c']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error CLI_USAGE: missing --agents \(or --target/);
    });

    it('needs a threshold', async () => {
      const result = await runCli([
        'erlang',
        '--model',
        'c',
        '--arrivals',
        '200',
        '--aht',
        '180',
        '--agents',
        '14',
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error CLI_USAGE: missing --threshold \(or a target/);
    });

    it('missing required flags and unknown models are usage errors (exit 2)', async () => {
      const missing = await runCli(['erlang', '--model', 'c', '--arrivals', '200']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toBe(
        'error CLI_USAGE: missing --aht (usage: ccsim erlang [options])\n',
      );
      const model = await runCli([...BASE, '--model', 'x', '--agents', '14']);
      expect(model.code).toBe(2);
      expect(model.stderr).toBe('error CLI_USAGE: --model must be one of c, a; got "x"\n');
    });

    it('passes analytic errors through with their code', async () => {
      // 10^8 Erlang: more than the staffing search's limit of 100,000 agents.
      const result = await runCli([
        'erlang',
        '--model',
        'c',
        '--arrivals',
        '3600000000',
        '--aht',
        '100',
        '--target',
        '80/20',
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^error ANALYTIC_TARGET_UNREACHABLE: /);
    });
  });

  it('is listed in ccsim --help', async () => {
    const result = await runCli(['--help']);
    expect(result.stdout).toContain('ccsim erlang');
  });
});
