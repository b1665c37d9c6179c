import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/behaviour/index.js';
import { arrivalChain } from '../../src/behaviour/recontactDecision.js';
import type { LoadSummary } from '../../src/load/index.js';
import { runCli } from '../helpers/cliHarness.js';

/**
 * Re-contacts in the load replayer (issue 12 item 3): the trace (`ccsim trace`) carries a
 * re-contact as the messages of a new arrival from the same customer on the same asset (its
 * number `origin + attempt · 2³²`), and the replay sends them as inbound messages at their time.
 * load-mini with impatient customers who all come back once after an abandon, and half of the
 * handled ones after a while: the live deployment opens a new conversation for each re-contact
 * (the previous one is over), and the measured KPIs, linked by customer within the window, find
 * re-contacts as the simulated prediction does.
 */
describe('ccsim trace and loadtest with re-contacts', () => {
  it('the trace has the re-contacts, and the replay measures them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ccsim-recontacts-'));
    const mini = await readFile('test/load/fixtures/load-mini.yaml', 'utf8');
    const withRecontacts = mini.replace(
      'behaviour:\n',
      [
        'behaviour:',
        '  customer:',
        '    patience: { dist: uniform, min: 5, max: 30 }',
        '    recontact:',
        '      afterAbandon: { probabilities: [1], delay: { dist: uniform, min: 20, max: 60 } }',
        '      afterUnsolved: { probability: 0.5, delay: { dist: uniform, min: 20, max: 60 } }',
        '      windowSeconds: 600',
        '',
      ].join('\n'),
    );
    expect(withRecontacts).toContain('afterAbandon');
    const file = join(dir, 'recontacts.yaml');
    await writeFile(file, withRecontacts);

    const trace = join(dir, 'trace.jsonl');
    const traced = await runCli(['trace', file, '--out', trace]);
    expect(traced.code, traced.stderr).toBe(0);
    const events = (await readFile(trace, 'utf8'))
      .split('\n')
      .filter((l) => l.startsWith('{') && l.includes('"type"'))
      .map((l) => JSON.parse(l) as TraceEvent);
    const opening = events.filter((e) => e.type === 'message' && e.seq === 1);
    const again = opening.filter((e) => arrivalChain(e.arrival).attempt > 0);
    expect(again.length).toBeGreaterThan(0);

    const out = join(dir, 'out');
    const result = await runCli(['loadtest', file, '--speed', '120', '--out', out]);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')) as LoadSummary;
    expect([0, 99]).toContain(result.code);
    expect(summary.checks.loss.lost).toBe(0);
    const p = summary.predictedVsMeasured;
    expect(p.available).toBe(true);
    if (!p.available) return;
    expect(p.simulated.recontacts).toBeGreaterThan(0);
    expect(p.measured.recontacts).toBeGreaterThan(0);
    expect(p.measured.fcr).not.toBeUndefined();
    // Predicted vs measured has FCR and the re-contact share, per tenant and per queue, from the
    // KPI catalogue; the terminal prints the queues' in a second per-queue table (80 columns).
    const kpis = (rows: readonly { kpi: string }[]) => rows.map((r) => r.kpi);
    expect(kpis(p.rows)).toEqual(expect.arrayContaining(['recontacts', 'recontactShare', 'fcr']));
    const queues = Object.values(p.queues);
    expect(queues.length).toBeGreaterThan(0);
    for (const rows of queues) {
      expect(kpis(rows)).toEqual(
        expect.arrayContaining(['transferredIn', 'recontacts', 'recontactShare', 'fcr']),
      );
    }
    expect(result.stdout).toMatch(/^ {4}per queue +tr\. in +re-cont\. +re-cont\. % +FCR %$/m);
    expect(result.stdout).toMatch(/^ {4}first-contact resolution +\S+ +\S+$/m);
    for (const line of result.stdout
      .split('\n')
      .filter((l) => /^ {4}(per queue|\S+ +sim| +meas)/.test(l))) {
      expect(line.length, line).toBeLessThanOrEqual(80);
    }
  }, 120_000);
});
