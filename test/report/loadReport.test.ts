import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBaseline } from '../../src/cli/baselineFile.js';
import type { CliIo } from '../../src/cli/command.js';
import { writeLoadTestOutputs } from '../../src/cli/loadtestOutputs.js';
import { noProgress } from '../../src/cli/progress.js';
import type { LoadSummary } from '../../src/load/index.js';
import { runCli } from '../helpers/cliHarness.js';
import { haveChromium, inspectReport, launchChromium } from './browser.js';

/**
 * The load-test side of the reports: one real replay of the mini fixture (about ten seconds at
 * 120×) writes summary.json, index.html and JUnit; the gates are then exercised in-process on
 * that summary (a baseline equal to it, one that was better, a failed threshold); and, where
 * Chromium is installed, the load report is opened in it.
 */
describe('ccsim loadtest reports and gates', () => {
  let dir: string;
  let out: string;
  let summary: LoadSummary;
  let code: number;
  const MINI = 'test/load/fixtures/load-mini.yaml';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ccsim-load-report-'));
    out = join(dir, 'run');
    const r = await runCli([
      'loadtest',
      MINI,
      '--speed',
      '120',
      '--out',
      out,
      '--junit',
      join(dir, 'junit.xml'),
    ]);
    code = r.code;
    expect(r.stdout).toContain(`report: ${join(out, 'index.html')}`);
    summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')) as LoadSummary;
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function io(): CliIo & { text: () => string } {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c) => {
      text += c;
    });
    return {
      stdin: new PassThrough(),
      stdout: out,
      stderr: out,
      env: {},
      isTTY: false,
      progress: noProgress,
      text: () => text,
    };
  }

  it('writes one JUnit test case per threshold; exit 99 exactly when one failed', async () => {
    const xml = await readFile(join(dir, 'junit.xml'), 'utf8');
    const cases = [
      ...xml.matchAll(
        /<testcase classname="ccsim\.loadtest\.load-mini\.thresholds" name="([^"]+)"/g,
      ),
    ].map((m) => m[1]);
    expect(cases).toEqual(
      summary.thresholds.results.map((r) => `${r.metric}: ${r.source.replaceAll('<', '&lt;')}`),
    );
    expect(code).toBe(summary.thresholds.ok ? 0 : 99);
    const html = await readFile(join(out, 'index.html'), 'utf8');
    expect(html).toContain('data-chart="latency-spectrum"');
    expect(html).toContain('Predicted vs measured');
  });

  it('gates the measured KPIs against a baseline by the tolerance (one run: no variance)', async () => {
    const p = summary.predictedVsMeasured;
    expect(p.available).toBe(true);
    if (!p.available) return;
    const same = join(dir, 'same.json');
    await writeFile(same, JSON.stringify(summary));
    const passing = io();
    const ok = { ...summary, thresholds: { ok: true, results: [] } };
    const tolerance = { serviceLevel: 0.02, asa: 5 };
    const base = (path: string) =>
      readBaseline(path, { scenario: summary.scenario.name, accept: 'simulation-or-loadtest' });
    const common = { out: join(dir, 'gate-out'), junit: undefined, report: false, json: false };
    await mkdir(common.out, { recursive: true });
    expect(
      await writeLoadTestOutputs(passing, {
        ...common,
        summary: ok,
        tolerance,
        baseline: await base(same),
      }),
    ).toBe(0);
    expect(passing.text()).toMatch(/✓ serviceLevel: .*no variance to test/);

    // A baseline that answered everyone at once and within T: the current run regressed.
    const better = {
      ...summary,
      predictedVsMeasured: { ...p, measured: { ...p.measured, serviceLevel: 1, asa: 0 } },
    };
    const betterFile = join(dir, 'better.json');
    await writeFile(betterFile, JSON.stringify(better));
    const measuredSl = p.measured.serviceLevel!;
    const regressed = measuredSl < 1 || (p.measured.asa ?? 0) > 0;
    const junit = join(dir, 'gate.xml');
    const failing = io();
    const result = await writeLoadTestOutputs(failing, {
      ...common,
      summary: ok,
      tolerance: { serviceLevel: Math.max(0, (1 - measuredSl) / 2 - 1e-9), asa: 0 },
      baseline: await base(betterFile),
      junit,
    });
    const written = JSON.parse(await readFile(join(common.out, 'summary.json'), 'utf8'));
    expect(written.gates).toMatchObject({
      passed: !regressed,
      regression: { against: betterFile },
    });
    expect(result).toBe(regressed ? 99 : 0);
    if (regressed) expect(await readFile(junit, 'utf8')).toContain('<failure message=');
  });

  it('exits 99 on a failed threshold, with a JUnit failure', async () => {
    const failed = {
      ...summary,
      thresholds: {
        ok: false,
        results: [{ metric: 'webhook_ack', source: 'p(99)<0.001', ok: false, actual: 3.2 }],
      },
    };
    const junit = join(dir, 'threshold.xml');
    const where = join(dir, 'threshold-out');
    await mkdir(where, { recursive: true });
    expect(
      await writeLoadTestOutputs(io(), {
        summary: failed,
        out: where,
        tolerance: {},
        baseline: null,
        junit,
        report: false,
        json: false,
      }),
    ).toBe(99);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toContain('name="webhook_ack: p(99)&lt;0.001" time="0">');
    expect(xml).toContain(
      '<failure message="webhook_ack p(99)&lt;0.001: actual 3.2 — FAILED" type="thresholds">',
    );
  });

  it('fails a run that sent nothing, whatever its thresholds say (issue 14 item 6)', async () => {
    const nothing = {
      ...summary,
      thresholds: { ok: true, results: [] },
      metrics: { ...summary.metrics, webhooks: { ...summary.metrics.webhooks!, count: 0 } },
    } as LoadSummary;
    const where = join(dir, 'nothing-out');
    await mkdir(where, { recursive: true });
    const junit = join(dir, 'nothing.xml');
    const out = io();
    const code = await writeLoadTestOutputs(out, {
      summary: nothing,
      out: where,
      tolerance: {},
      baseline: null,
      junit,
      report: false,
      json: false,
    });
    expect(code).toBe(99);
    expect(out.text()).toMatch(/FAILED: nothing was sent \(\d+ messages in this segment's trace\)/);
    expect(await readFile(junit, 'utf8')).toMatch(
      /<testcase classname="ccsim\.loadtest\.load-mini\.run" name="messages sent" time="0">\s*<failure /,
    );
    const written = JSON.parse(await readFile(join(where, 'summary.json'), 'utf8'));
    expect(written.gates).toMatchObject({ passed: false, sent: 0 });
  });

  it.runIf(haveChromium)(
    'renders every chart of the load report in Chromium',
    async () => {
      const context = await launchChromium(join(dir, 'profile'));
      try {
        const { charts, problems, scripts } = await inspectReport(context, join(out, 'index.html'));
        expect(problems).toEqual([]);
        expect(scripts).toBe(0);
        expect(charts.map((c) => c.id)).toEqual(['latency-spectrum', 'throughput']);
        for (const c of charts) expect(c.marks, c.id!).toBeGreaterThan(0);
      } finally {
        await context.close();
      }
    },
    60_000,
  );
});
