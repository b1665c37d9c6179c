import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LoadSummary } from '../../src/load/index.js';
import { runCli } from '../helpers/cliHarness.js';

/**
 * Contact types in the load replayer (issue 12): the replayer's agents run the same behaviour
 * model, so a queue's type applies to live agents too. load-mini with no misses at all for the
 * tenant, but half of the offers from the Sales queue missed (its type): a RONA on either side
 * can only come from the sales type. Both sides draw from the same streams, so the simulated
 * prediction has them too.
 */
describe('ccsim loadtest with a contact type per queue', () => {
  it("live agents follow the queue's type (RONA only from the sales type's misses)", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ccsim-contacts-'));
    const mini = await readFile('test/load/fixtures/load-mini.yaml', 'utf8');
    const typed = mini
      .replace('    missProbability: 0.05\n', '    missProbability: 0\n')
      .replace(
        '  transfer:\n',
        '  queues:\n    sales:\n      agent:\n        missProbability: 0.5\n  transfer:\n',
      );
    expect(typed).toContain('missProbability: 0.5');
    const file = join(dir, 'typed.yaml');
    await writeFile(file, typed);
    const out = join(dir, 'out');
    const result = await runCli(['loadtest', file, '--speed', '120', '--out', out]);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')) as LoadSummary;
    expect([0, 99]).toContain(result.code);
    expect(summary.checks.loss.lost).toBe(0);
    const p = summary.predictedVsMeasured;
    expect(p.available).toBe(true);
    if (!p.available) return;
    expect(p.simulated.ronaCount).toBeGreaterThan(0);
    expect(p.measured.ronaCount).toBeGreaterThan(0);
  }, 120_000);
});
