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

  it('rejects an unknown flag with CLI_USAGE and exit 2', async () => {
    const result = await runCli(['--no-such-flag']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error CLI_USAGE: Unknown argument/);
  });

  it('asks for a command when given none', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error CLI_USAGE');
  });

  it('runs as the real binary through bin/ccsim.js', async () => {
    const { stdout } = await exec(process.execPath, ['bin/ccsim.js', '--help']);
    expect(stdout).toContain('ccsim <command> [options]');
  });
});
