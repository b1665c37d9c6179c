import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cliHarness.js';

// Each command's module, wrapped so that the test sees when it is imported. A module's factory
// runs on its first import only, and this file imports none of them itself.
// vi.mock calls are hoisted above the imports, so what they use is made in vi.hoisted.
const { loaded, spy } = vi.hoisted(() => {
  const loaded: string[] = [];
  const spy = (name: string) => async (original: () => Promise<unknown>) => {
    loaded.push(name);
    return original();
  };
  return { loaded, spy };
});
vi.mock('../../src/cli/commands/simulate.js', spy('simulate'));
vi.mock('../../src/cli/commands/erlang.js', spy('erlang'));
vi.mock('../../src/cli/commands/validate.js', spy('validate'));
vi.mock('../../src/cli/commands/serve.js', spy('serve'));
vi.mock('../../src/cli/commands/mask.js', spy('mask'));
vi.mock('../../src/cli/commands/trace.js', spy('trace'));
vi.mock('../../src/cli/commands/loadtest.js', spy('loadtest'));
vi.mock('../../src/cli/commands/merge.js', spy('merge'));
vi.mock('../../src/cli/commands/staff.js', spy('staff'));
vi.mock('../../src/cli/commands/schedule.js', spy('schedule'));

describe('ccsim loads only the command it runs', () => {
  it('--help, --version and an unknown command load no command at all', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    // Every command is still listed, with its description.
    for (const name of ['simulate', 'erlang', 'validate', 'serve', 'mask', 'trace', 'loadtest']) {
      expect(help.stdout).toContain(`ccsim ${name}`);
    }
    expect(help.stdout).toMatch(/ccsim merge <dirs\.\.\.>[\s\S]*ccsim staff[\s\S]*ccsim schedule/);
    expect((await runCli(['--version'])).code).toBe(0);
    expect((await runCli(['simulat', 'x'])).stderr).toBe(
      'error CLI_USAGE: unknown command "simulat" (did you mean simulate?)\n',
    );
    expect(loaded).toEqual([]);
  });

  it('a command loads its own module only, for its help, its usage errors and its work', async () => {
    const help = await runCli(['validate', '--help']);
    expect(help.stdout).toContain('ccsim validate <scenario...>');
    expect((await runCli(['erlang', '--no-such-flag'])).code).toBe(2);
    const run = await runCli(['validate', 'scenarios/whatsapp-smoke.yaml']);
    expect(run.code, run.stderr).toBe(0);
    expect(loaded).toEqual(['validate', 'erlang']);
  });
});
