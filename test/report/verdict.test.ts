import { describe, expect, it } from 'vitest';
import { runReplications } from '../../sim/pool.js';
import { summarizeRun } from '../../sim/summary.js';
import { serviceLevelVerdict } from '../../src/kpi/index.js';
import {
  formatSimulationTable,
  renderSimulationReport,
  targetReport,
  verdictSentence,
} from '../../src/report/index.js';
import { loadScenario } from '../../src/scenario/index.js';

/**
 * Issue 14 item 4: the verdict in the terminal table and the HTML report. The smoke scenario's
 * summary (3 replications, SL ≈ 98% in every interval) is given a target of 99% and its first
 * interval declared warm-up, so that intervals are missed and one is warm-up.
 */
const smoke = await loadScenario('scenarios/whatsapp-smoke.yaml');
const base = summarizeRun(smoke, await runReplications(smoke, { replications: 3, workers: 0 }), {
  version: '9.9.9',
  request: { file: 'scenarios/whatsapp-smoke.yaml', replications: 3 },
  seed: 1,
});
const verdict = serviceLevelVerdict(
  {
    total: base.kpis.total.serviceLevel,
    intervals: base.kpis.intervals.map((k) => k.serviceLevel),
  },
  0.99,
  [true, false, false, false],
);
const summary = { ...base, verdict, serviceLevel: { ...base.serviceLevel, target: 0.99 } };

describe('the service-level verdict on the page', () => {
  it('the terminal table opens with it, labels warm-up rows and marks intervals below target', () => {
    const table = formatSimulationTable(summary);
    expect(table).toContain(`Verdict: ${verdictSentence(verdict, summary.intervals)}.`);
    expect(table).toMatch(/^09:00 +warm-up$/m);
    expect(table).not.toMatch(/^09:00 +0\.0/m);
    for (const i of verdict.missed) {
      expect(table).toMatch(new RegExp(`^${summary.intervals[i]} .* BELOW$`, 'm'));
    }
    expect(verdict.missed.length).toBeGreaterThan(0);
    // 09:45 has no arrivals in the smoke scenario: said so, not left blank.
    expect(verdict.intervals[3]!.status).toBe('no-traffic');
    expect(table).toMatch(/^09:45 .* no traffic$/m);
  });

  it('the sentence names the misses, the day and the noise', () => {
    const sentence = verdictSentence(verdict, summary.intervals);
    expect(sentence).toMatch(/^target 99\.0% (met|MISSED) over the day \(\d+\.\d%\); missed /);
    expect(sentence).toMatch(/\(\d of 2 measured intervals\)$/);
    const allMet = serviceLevelVerdict(
      {
        total: base.kpis.total.serviceLevel,
        intervals: base.kpis.intervals.map((k) => k.serviceLevel),
      },
      0.5,
      [false, false, false, false],
    );
    expect(verdictSentence(allMet, summary.intervals)).toMatch(
      /^target 50\.0% met over the day \(\d+\.\d%\); met in every one of 3 measured intervals$/,
    );
  });

  it('the report puts it first and highlights the cells below target', async () => {
    const html = await renderSimulationReport(summary);
    const main = html.slice(html.indexOf('<main>'));
    expect(main.indexOf('id="verdict"')).toBeLessThan(main.indexOf('id="kpis"'));
    expect(main).toMatch(
      /<span class="verdict (fail|warn)">(TARGET MISSED|MISSED IN SOME INTERVALS)<\/span> Target 99\.0%/,
    );
    const below = main.match(/<td class="num below[^"]*">/g) ?? [];
    expect(below).toHaveLength(verdict.missed.length);
    expect(main).toContain('<span class="mark">below 99%</span>');
    expect(main).toContain('<em>warm-up</em>');
  });

  it('--require-target intervals: one check for the day and one per interval with traffic', () => {
    const gate = targetReport(verdict, summary.intervals, 'intervals');
    expect(gate.checks.map((c) => c.name)).toEqual([
      'service level over the day',
      'service level 09:15',
      'service level 09:30',
    ]);
    expect(gate.checks.filter((c) => !c.ok).length).toBe(
      verdict.missed.length + (verdict.day.met === false ? 1 : 0),
    );
    // With `day`, the intervals are reported, not required: a miss there is skipped, not failed.
    const day = targetReport(verdict, summary.intervals, 'day');
    expect(day.checks).toHaveLength(3);
    expect(day.checks.slice(1).every((c) => c.ok)).toBe(true);
    expect(day.checks.filter((c) => c.skipped).length).toBe(verdict.missed.length);
    const none = targetReport(verdict, summary.intervals, undefined);
    expect(none.checks.every((c) => c.ok)).toBe(true);
    expect(none.title).toBe('Service-level target (reported, not required)');
  });
});
