import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cliHarness.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'ccsim-validate-'));
}

describe('ccsim validate', () => {
  it('prints a one-line summary per valid file and exits 0', async () => {
    const result = await runCli([
      'validate',
      'scenarios/whatsapp-weekday.yaml',
      'scenarios/validation/erlang-c1.yaml',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\n')).toEqual([
      'ok scenarios/whatsapp-weekday.yaml: whatsapp-weekday, 20 intervals of 30 min (08:00–18:00), 3 queues, 2 assets, 48 agents in 4 groups, 3265 expected arrivals',
      'ok scenarios/validation/erlang-c1.yaml: erlang-c1, 48 intervals of 30 min (00:00–24:00), 1 queue, 1 asset, 14 agents in 1 group, 4800 expected arrivals',
    ]);
  });

  it('reports every problem of a broken file with its line:column and exits 1', async () => {
    const dir = await tempDir();
    const file = join(dir, 'broken.yaml');
    const text = (await readFile('scenarios/whatsapp-smoke.yaml', 'utf8'))
      .replace(
        'thinkTime: { dist: lognormal, mean: 20, sd: 10 }',
        'thinkTime: { dist: lognormal, mean: -20, sd: 10 }',
      )
      .replace('- { queue: sales }', '- { queue: marketing }');
    await writeFile(file, text);
    const lines = text.split('\n');
    const meanLine = lines.findIndex((l) => l.includes('mean: -20')) + 1;
    const meanColumn = lines[meanLine - 1]!.indexOf('-20') + 1;
    const queueLine = lines.findIndex((l) => l.includes('queue: marketing')) + 1;

    const result = await runCli(['validate', 'scenarios/whatsapp-smoke.yaml', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^ok scenarios\/whatsapp-smoke\.yaml: /);
    // Schema errors come first; reference checks run on a scenario that passed the schema.
    expect(result.stderr).toBe(
      `error SCENARIO_INVALID: ${file}:${meanLine}:${meanColumn} behaviour.agent.handling.thinkTime.mean: Too small: expected number to be >0\n`,
    );

    await writeFile(file, text.replace('mean: -20', 'mean: 20'));
    const second = await runCli(['validate', file]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(
        `^error SCENARIO_INVALID: .*broken\\.yaml:${queueLine}:\\d+ behaviour\\.transfer\\.targets\\[0\\]\\.queue: unknown queue "marketing"`,
      ),
    );
  });

  it('lists several problems, one per line', async () => {
    const dir = await tempDir();
    const file = join(dir, 'two.yaml');
    const text = (await readFile('scenarios/whatsapp-smoke.yaml', 'utf8'))
      .replace('intervals: 4', 'intervals: 0')
      .replace('thresholdSeconds: 60', 'thresholdSeconds: "sixty"');
    await writeFile(file, text);
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe(`error SCENARIO_INVALID: 2 problems in ${file}:`);
    expect(lines[1]).toMatch(/^ {2}.*two\.yaml:\d+:\d+ horizon\.intervals: Too small/);
    expect(lines[2]).toMatch(
      /serviceLevel\.thresholdSeconds: Invalid input: expected number, received string$/,
    );
  });

  it('reports YAML syntax errors and missing files with their codes', async () => {
    const dir = await tempDir();
    const file = join(dir, 'syntax.yaml');
    await writeFile(file, 'name: x\nhorizon: [1, 2\n');
    const result = await runCli(['validate', file, join(dir, 'missing.yaml')]);
    expect(result.code).toBe(1);
    const [yamlError, missing] = result.stderr.trim().split('\n');
    expect(yamlError).toMatch(/^error SCENARIO_YAML: .*syntax\.yaml:\d+:\d+ YAML: /);
    expect(missing).toBe(`error SCENARIO_NOT_FOUND: ${join(dir, 'missing.yaml')}: no such file`);
  });

  it('prints JSON with --json', async () => {
    const dir = await tempDir();
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'name: x\n');
    const result = await runCli(['validate', '--json', 'scenarios/whatsapp-smoke.yaml', file]);
    expect(result.code).toBe(1);
    const [ok, bad] = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(ok).toMatchObject({
      file: 'scenarios/whatsapp-smoke.yaml',
      ok: true,
      intervals: 4,
      expectedArrivals: 50,
    });
    expect(bad).toMatchObject({ file, ok: false, error: { code: 'SCENARIO_INVALID' } });
    expect(bad.error.issues[0]).toMatchObject({ path: 'horizon', line: 1, column: 1 });
  });

  it('asks for at least one file', async () => {
    const result = await runCli(['validate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error CLI_USAGE');
  });

  it('refuses a file over the size limit before reading it (issue 14 item 3)', async () => {
    const dir = await tempDir();
    const file = join(dir, 'huge.yaml');
    // 3 MB of comments: valid YAML that would be read and parsed without the limit.
    await writeFile(file, `# ${'x'.repeat(3 * 1024 * 1024)}\n`);
    const result = await runCli(['validate', file]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `error SCENARIO_TOO_LARGE: ${file}: 3.0 MB, over the limit of 2 MB for a scenario file\n`,
    });
  });

  it('names the file a missing one is probably a typo of', async () => {
    const result = await runCli(['validate', 'scenarios/whatsapp-smok.yaml']);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error SCENARIO_NOT_FOUND: scenarios/whatsapp-smok.yaml: no such file (did you mean scenarios/whatsapp-smoke.yaml?)\n',
    });
  });
});
