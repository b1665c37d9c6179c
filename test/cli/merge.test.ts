import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulationSummary } from '../../sim/summary.js';
import { runCli } from '../helpers/cliHarness.js';

/**
 * Scale-out: `simulate --shard k/n` on n machines, then `merge`, must give exactly what one
 * machine writes — summary.json and replications.json byte for byte, the command line included
 * (merge drops --shard and writes its own --out, which is the --out the single run was given).
 */
describe('ccsim simulate --shard + ccsim merge', () => {
  let dir: string;
  const smoke = 'scenarios/whatsapp-smoke.yaml';
  // 5 replications over 3 shards: uneven shares (2, 2, 1) and a last shard without index 4's peer.
  const run = (...extra: string[]) =>
    runCli(['simulate', smoke, '--replications', '5', '--workers', '0', '--no-report', ...extra]);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ccsim-merge-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('merges shards into the bytes one machine writes', async () => {
    const whole = join(dir, 'whole');
    expect((await run('--out', whole)).code).toBe(0);
    const single = {
      summary: await readFile(join(whole, 'summary.json'), 'utf8'),
      replications: await readFile(join(whole, 'replications.json'), 'utf8'),
    };
    await rm(whole, { recursive: true });

    const shards = [1, 2, 3].map((k) => join(dir, `shard-${k}`));
    for (const [k, out] of shards.entries()) {
      const r = await run('--shard', `${k + 1}/3`, '--out', out);
      expect(r.code, r.stderr).toBe(0);
    }
    const shard2 = JSON.parse(await readFile(join(shards[1]!, 'summary.json'), 'utf8'));
    expect(shard2.replicationIndexes).toEqual([1, 4]);
    expect(shard2.command).toContain('--shard 2/3');

    // Shards in any order on the command line.
    const merged = await runCli(['merge', shards[2]!, shards[0]!, shards[1]!, '--out', whole]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toContain('merged 3 shards (5 replications)');
    expect(await readFile(join(whole, 'summary.json'), 'utf8')).toBe(single.summary);
    expect(await readFile(join(whole, 'replications.json'), 'utf8')).toBe(single.replications);
    const summary = JSON.parse(single.summary) as SimulationSummary;
    expect(summary.replicationIndexes).toEqual([0, 1, 2, 3, 4]);
    expect(summary.command).toBe(`ccsim simulate ${smoke} --replications 5 --out ${whole}`);
    await access(join(whole, 'index.html'));
  });

  it('refuses an incomplete or mixed set of shards', async () => {
    const a = join(dir, 'a-1');
    const b = join(dir, 'b-2');
    expect((await run('--shard', '1/2', '--out', a)).code).toBe(0);
    expect((await run('--shard', '2/2', '--seed', '9', '--out', b)).code).toBe(0);

    const missing = await runCli(['merge', a, '--out', join(dir, 'm1')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error MERGE_INCOMPLETE: shard 2\/2 missing/);

    const mixed = await runCli(['merge', a, b, '--out', join(dir, 'm2')]);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toMatch(/^error MERGE_MISMATCH: .* is not a shard of the same run/);

    const twice = await runCli(['merge', a, a, '--out', join(dir, 'm3')]);
    expect(twice.stderr).toMatch(/^error MERGE_MISMATCH: shard 1\/2 given twice/);

    // Shards are told apart by their recorded request, never by parsing the command line back.
    const summary = JSON.parse(await readFile(join(a, 'summary.json'), 'utf8'));
    const forged = join(dir, 'forged');
    await mkdir(forged);
    await writeFile(
      join(forged, 'summary.json'),
      JSON.stringify({ ...summary, command: 'ccsim simulate x --shard 2/2', request: undefined }),
    );
    await writeFile(
      join(forged, 'replications.json'),
      await readFile(join(b, 'replications.json')),
    );
    const old = await runCli(['merge', a, forged, '--out', join(dir, 'm4')]);
    expect(old.code).toBe(1);
    expect(old.stderr).toMatch(
      /^error MERGE_NOT_SHARD: .*forged records no request: written by an older ccsim\?/,
    );
    const whole = join(dir, 'not-a-shard');
    expect((await run('--out', whole)).code).toBe(0);
    const notShard = await runCli(['merge', a, whole, '--out', join(dir, 'm5')]);
    expect(notShard.stderr).toMatch(
      /^error MERGE_NOT_SHARD: .*not-a-shard is not a shard \(it ran without --shard k\/n\)/,
    );

    const bad = await runCli(['simulate', smoke, '--shard', '3/2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error CLI_USAGE: --shard must be k\/n/);
  });
});
