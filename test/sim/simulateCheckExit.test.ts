import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { SimCheckError } from '../../sim/checks.js';
import { runCli } from '../helpers/cliHarness.js';

// A failing check cannot be provoked through a correct router and simulator, so the pool is
// replaced by one that fails the way a worker's failed check arrives.
vi.mock('../../sim/pool.js', () => ({
  defaultWorkers: () => 1,
  runReplications: async () => {
    throw new SimCheckError(['agent a-1: 2 slots over capacity 1'], {
      seed: 42,
      replication: 7,
      at: 1234,
      event: 'accept',
    });
  },
}));

it('exits 3 with the seed and replication when a --check fails', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ccsim-check-'));
  try {
    const result = await runCli([
      'simulate',
      'scenarios/whatsapp-smoke.yaml',
      '--check',
      '--out',
      dir,
    ]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^error SIM_CHECK_FAILED: agent a-1: 2 slots over capacity 1/);
    expect(result.stderr).toContain('seed 42, replication 7');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
