import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cliHarness.js';

const exec = promisify(execFile);

describe('ccsim CLI', () => {
  it('prints help and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ccsim <command> [options]');
  });

  it('rejects an unknown flag with CLI_USAGE and exit 2, with a "did you mean"', async () => {
    const result = await runCli(['simulate', 'x.yaml', '--replicaitons', '5']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error CLI_USAGE: unknown flag --replicaitons (did you mean --replications?)\n',
    });
    const far = await runCli(['mask', '--no-such-flag']);
    expect(far.stderr).toBe('error CLI_USAGE: unknown flag --no-such-flag\n');
  });

  it('words unknown commands and missing arguments one way on every command', async () => {
    expect((await runCli(['simulat', 'x'])).stderr).toBe(
      'error CLI_USAGE: unknown command "simulat" (did you mean simulate?)\n',
    );
    expect((await runCli(['frobnicate'])).stderr).toBe(
      'error CLI_USAGE: unknown command "frobnicate"; `ccsim --help` lists the commands\n',
    );
    for (const command of ['simulate', 'staff', 'loadtest', 'serve', 'trace', 'validate']) {
      const r = await runCli([command]);
      expect(r.code, command).toBe(2);
      expect(r.stderr, command).toMatch(
        new RegExp(`^error CLI_USAGE: missing <scenario> \\(usage: ccsim ${command} <scenario`),
      );
    }
    expect((await runCli(['merge'])).stderr).toMatch(/^error CLI_USAGE: missing <dirs> \(usage:/);
  });

  it('asks for a command when given none', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error CLI_USAGE: missing <command> (usage: ccsim <command> [options]; `ccsim --help` lists them)\n',
    );
  });

  it('runs as the real binary through bin/ccsim.js', async () => {
    const { stdout } = await exec(process.execPath, ['bin/ccsim.js', '--help']);
    expect(stdout).toContain('ccsim <command> [options]');
  });
});
