import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cliHarness.js';

describe('ccsim serve: arguments', () => {
  it('needs a scenario (usage error, exit 2)', async () => {
    const r = await runCli(['serve']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error CLI_USAGE: /);
  });

  it('refuses a speed that is not > 0', async () => {
    const r = await runCli([
      'serve',
      'scenarios/whatsapp-smoke.yaml',
      '--speed',
      '0',
      '--port',
      '0',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error SERVE_INVALID_OPTION: --speed must be > 0\n');
  });

  it('refuses a port out of range', async () => {
    const r = await runCli(['serve', 'scenarios/whatsapp-smoke.yaml', '--port', '70000']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error SERVE_INVALID_OPTION: --port/);
  });

  it('names a missing scenario file', async () => {
    const r = await runCli(['serve', 'scenarios/nope.yaml', '--port', '0', '--db', ':memory:']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error SCENARIO_\w+: /);
    expect(r.stderr).toContain('nope.yaml');
  });

  it('refuses CCSIM_AGENT_TOKENS that is not a JSON object of strings', async () => {
    const r = await runCli(
      ['serve', 'scenarios/whatsapp-smoke.yaml', '--port', '0', '--db', ':memory:'],
      '',
      { CCSIM_AGENT_TOKENS: '["support-1"]' },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error SERVE_INVALID_OPTION: CCSIM_AGENT_TOKENS/);
  });
});
