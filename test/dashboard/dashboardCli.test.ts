import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cliHarness.js';

const SMOKE = 'scenarios/whatsapp-smoke.yaml';

/** `--dashboard-host` and `--dashboard-port` are refused before any work starts (exit 2). */
describe('--dashboard flags', () => {
  for (const command of ['serve', 'loadtest'] as const) {
    it(`${command}: a non-loopback --dashboard-host is a usage error, and nothing starts`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ccsim-dashboard-cli-'));
      const extra =
        command === 'serve' ? ['--db', join(dir, 'never.db')] : ['--out', join(dir, 'out')];
      // Were the server started, runCli would not return before a SIGTERM.
      const r = await runCli([
        command,
        SMOKE,
        '--dashboard',
        '--dashboard-host',
        '0.0.0.0',
        ...extra,
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/error CLI_USAGE: --dashboard-host must be a loopback address/);
      const port = await runCli([
        command,
        SMOKE,
        '--dashboard',
        '--dashboard-port',
        '70000',
        ...extra,
      ]);
      expect(port.code).toBe(2);
      expect(port.stderr).toMatch(/--dashboard-port must be an integer from 0 to 65535/);
      await rm(dir, { recursive: true, force: true });
    });
  }
});
