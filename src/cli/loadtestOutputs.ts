import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { regressionGate } from '../kpi/index.js';
import { formatLoadSummary, type LoadSummary } from '../load/index.js';
import {
  formatGate,
  type GateCheck,
  type GateReport,
  regressionReport,
  renderLoadReport,
  thresholdGate,
} from '../report/index.js';
import { type Baseline, singleRun } from './baselineFile.js';
import { CliError } from './cliError.js';
import type { CliIo } from './command.js';
import { ExitCode } from './exitCodes.js';
import { writeHtmlReport, writeJunit } from './reportFiles.js';

/**
 * What `ccsim loadtest` does with a finished run: the regression gate (`--baseline`) decided and
 * recorded beside the thresholds in summary.json, the summary or the JSON, the HTML report,
 * JUnit (`--junit`: one test case per threshold and per KPI compared). A load test is one run,
 * not replications, so its measured KPIs have no spread: against another load test (or a
 * simulation summary) `compareKpiSets` finds no variance to test with and the scenario's
 * tolerance alone decides (docs/kpi.md). Exit 99 when a threshold or the gate failed.
 */
export interface LoadOutputOptions {
  readonly summary: LoadSummary;
  /** Prepared before the run. */
  readonly out: string;
  readonly tolerance: Readonly<Record<string, number>>;
  readonly baseline: Baseline | null;
  readonly junit: string | undefined;
  readonly report: boolean;
  /** stdout carries summary.json. */
  readonly json: boolean;
}

export async function writeLoadTestOutputs(io: CliIo, o: LoadOutputOptions): Promise<number> {
  let regression: (ReturnType<typeof regressionGate> & { against: string }) | null = null;
  if (o.baseline) {
    const p = o.summary.predictedVsMeasured;
    if (!p.available) {
      throw new CliError(
        'BASELINE_UNAVAILABLE',
        `--baseline needs this run's measured KPIs, which are not available: ${p.reason}`,
      );
    }
    regression = {
      against: o.baseline.path,
      ...regressionGate(o.baseline.total, singleRun(p.measured), o.tolerance),
    };
  }
  // A run that sent nothing measured nothing: it fails, whatever its thresholds say.
  const sent = (o.summary.metrics.webhooks as { readonly count?: number } | undefined)?.count ?? 0;
  const passed = o.summary.thresholds.ok && (regression?.passed ?? true) && sent > 0;
  const summary = { ...o.summary, gates: { passed, sent, regression } };
  const json = `${JSON.stringify(summary, null, 2)}\n`;
  await writeFile(join(o.out, 'summary.json'), json);
  if (o.json) io.stdout.write(json);
  else io.stdout.write(`${formatLoadSummary(o.summary)}  wrote ${join(o.out, 'summary.json')}\n`);

  const gates: GateReport[] = regression ? [regressionReport(regression, regression.against)] : [];
  const thresholds = thresholdGate(o.summary);
  const sentCheck: GateCheck = {
    group: 'run',
    name: 'messages sent',
    ok: sent > 0,
    message:
      sent > 0
        ? `${sent} of ${o.summary.trace.messages} webhooks sent`
        : `nothing was sent (${o.summary.trace.messages} messages in this segment's trace): a run that sent nothing fails`,
  };
  if (sent === 0) (o.json ? io.stderr : io.stdout).write(`  FAILED: ${sentCheck.message}\n`);
  if (o.report) {
    const shown = sent > 0 ? gates : [{ title: 'The run', checks: [sentCheck] }, ...gates];
    const path = await writeHtmlReport(o.out, await renderLoadReport(o.summary, { gates: shown }));
    if (!o.json) io.stdout.write(`  report: ${path}\n`);
  }
  if (o.junit !== undefined) {
    await writeJunit(o.junit, [
      {
        name: `ccsim loadtest ${o.summary.scenario.name}`,
        classname: `ccsim.loadtest.${o.summary.scenario.name}`,
        checks: [sentCheck, ...thresholds.checks, ...gates.flatMap((g) => g.checks)],
      },
    ]);
  }
  for (const gate of gates) (o.json ? io.stderr : io.stdout).write(formatGate(gate));
  return passed ? ExitCode.ok : ExitCode.thresholdFailed;
}
