import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainWarnings } from '../../sim/drainWarning.js';
import { simulateReplication } from '../../sim/replication.js';
import type { SimulationSummary } from '../../sim/summary.js';
import { loadScenario } from '../../src/scenario/index.js';
import { runCli } from '../helpers/cliHarness.js';
import { merge, scenarioFrom, stressJson } from './fixtures.js';

/**
 * Issue 12 item 7: a conversation still open when the drain ends has no record, so it is in no
 * KPI (not even offered); the run must say so, in summary.json, on the terminal and in the report.
 */
describe('the open-at-drain warning', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ccsim-drain-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // Handle times of 20 minutes and no drain: whatever arrives in the last intervals is still open.
  const shortDrain = {
    horizon: { drainMinutes: 0 },
    behaviour: {
      agent: {
        handling: { model: 'handle-time', handleTime: { dist: 'deterministic', value: 1200 } },
      },
    },
  };

  it('names the open conversations of each replication, earliest first, with the exact count', () => {
    const scenario = scenarioFrom(merge(stressJson, shortDrain));
    const r = simulateReplication(scenario, 0, { seed: 7, keepRecords: true });
    expect(r.counts.inSystem).toBeGreaterThan(5);
    expect(r.open).toHaveLength(5);
    const arrivals = r.open.map((c) => c.arrivedAtMs);
    expect(arrivals).toEqual([...arrivals].sort((a, b) => a - b));
    for (const c of r.open) {
      expect(['sales', 'support', 'billing']).toContain(c.queue);
      expect(c.arrivedAtMs).toBeLessThan(8 * 15 * 60_000);
    }
    // Every arrival has a record or is open: the KPIs lose exactly the open ones.
    const offered = r.records!.length;
    expect(offered + r.counts.inSystem).toBe(r.counts.arrivals);
  });

  it('says nothing when every conversation drained', async () => {
    const smoke = await loadScenario('scenarios/whatsapp-smoke.yaml');
    const r = simulateReplication(smoke, 0, { seed: 7 });
    expect(r.counts.inSystem).toBe(0);
    expect(r.open).toEqual([]);
    expect(drainWarnings(smoke.horizon, [{ index: 0, inSystem: 0, open: [] }])).toEqual([]);
  });

  it('sums over replications and names the first few in its message', () => {
    const horizon = scenarioFrom(stressJson).horizon; // 09:00, 8 × 15 min, drain 60
    const open = (id: string, minute: number) => ({
      conversationId: id,
      queue: 'sales',
      arrivedAtMs: minute * 60_000,
      status: 'queued',
    });
    const [w] = drainWarnings(horizon, [
      { index: 0, inSystem: 0, open: [] },
      { index: 1, inSystem: 7, open: [open('c-9', 100), open('c-12', 110)] },
      { index: 2, inSystem: 1, open: [open('c-4', 119)] },
    ]);
    expect(w).toMatchObject({ code: 'OPEN_AT_DRAIN_END', conversations: 8, replications: 2 });
    expect(w!.examples.map((e) => [e.replication, e.conversationId, e.arrivedAt])).toEqual([
      [1, 'c-9', '10:40'],
      [1, 'c-12', '10:50'],
      [2, 'c-4', '10:59'],
    ]);
    expect(w!.message).toBe(
      '8 conversations were still open when the drain ended at 12:00 (in 2 of 3 replications, ' +
        '2.7 per replication): they have no record and are in no KPI, not even offered. First: ' +
        'c-9 of replication 1 (sales, arrived 10:40, queued), c-12 of replication 1 (sales, ' +
        'arrived 10:50, queued), c-4 of replication 2 (sales, arrived 10:59, queued). Lengthen ' +
        'horizon.drainMinutes (now 60) or staff the end of the day.',
    );
  });

  it('ccsim simulate writes it to summary.json, stderr and the HTML report; merge keeps it', async () => {
    const file = join(dir, 'short-drain.yaml');
    await writeFile(file, JSON.stringify(merge(stressJson, shortDrain)));
    const out = join(dir, 'out');
    const result = await runCli([
      'simulate',
      file,
      '--replications',
      '2',
      '--workers',
      '0',
      '--out',
      out,
    ]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(
      await readFile(join(out, 'summary.json'), 'utf8'),
    ) as SimulationSummary;
    expect(summary.warnings).toHaveLength(1);
    const w = summary.warnings[0]!;
    expect(w.code).toBe('OPEN_AT_DRAIN_END');
    expect(w.replications).toBe(2);
    expect(w.conversations).toBe(2 * summary.counts.inSystem.mean!);
    expect(result.stderr).toContain(`warning OPEN_AT_DRAIN_END: ${w.message}\n`);
    const html = await readFile(join(out, 'index.html'), 'utf8');
    expect(html).toContain('id="warnings"');
    expect(html).toContain(w.examples[0]!.conversationId);

    // Two shards merged give the same warning as the whole run.
    const shards = ['0', '1'].map((i) => join(dir, `shard-${i}`));
    for (const [i, shard] of shards.entries()) {
      const r = await runCli([
        'simulate',
        file,
        '--replications',
        '2',
        '--shard',
        `${i + 1}/2`,
        '--workers',
        '0',
        '--no-report',
        '--out',
        shard,
      ]);
      expect(r.code).toBe(0);
    }
    const mergedOut = join(dir, 'merged');
    const merged = await runCli(['merge', ...shards, '--no-report', '--out', mergedOut]);
    expect(merged.stderr).toContain('warning OPEN_AT_DRAIN_END');
    const again = JSON.parse(await readFile(join(mergedOut, 'summary.json'), 'utf8'));
    expect(again.warnings).toEqual(summary.warnings);
  });
});
