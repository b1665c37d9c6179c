import { type AggregatedKpiSet, aggregateReplications, type KpiSet } from '../kpi/index.js';
import type { LoadSummary } from '../load/index.js';
import { type GateReport, renderLoadReport, thresholdGate } from '../report/index.js';
import { CliError } from './cliError.js';
import type { CliIo } from './command.js';
import { ExitCode } from './exitCodes.js';
import { formatGate, readJson, regressionGate, tolerancesOf } from './regressionGate.js';
import { writeHtmlReport, writeJunit } from './reportFiles.js';

/**
 * What `ccsim loadtest` does once summary.json is written: the HTML report, the regression gate
 * (`--baseline`), JUnit (`--junit`: one test case per threshold and per KPI compared). A load test
 * is one run, not replications, so its measured KPIs have no spread: against another load test
 * (or a simulation summary) `compareKpiSets` finds no variance to test with and the scenario's
 * tolerance alone decides (docs/kpi.md). Exit 99 when a threshold or the gate failed.
 */
export interface LoadOutputOptions {
  readonly summary: LoadSummary;
  readonly out: string;
  readonly tolerance: Readonly<Record<string, number>>;
  readonly baseline?: string | undefined;
  readonly junit?: string | undefined;
  readonly report?: boolean | undefined;
  readonly quiet?: boolean | undefined;
}

/** One run's KPIs as an aggregated set of one replication. */
function single(set: KpiSet): AggregatedKpiSet {
  return aggregateReplications([{ total: set, intervals: [] }]).total;
}

/** The measured KPIs of a load-test summary, or a simulation summary's, to compare with. */
export async function readLoadBaseline(
  path: string,
): Promise<{ path: string; total: AggregatedKpiSet }> {
  const json = (await readJson(path)) as {
    kind?: unknown;
    format?: unknown;
    kpis?: { total?: AggregatedKpiSet };
    predictedVsMeasured?: LoadSummary['predictedVsMeasured'];
  };
  if (json.kind === 'ccsim-loadtest') {
    const p = json.predictedVsMeasured;
    if (!p?.available) {
      throw new CliError(
        'BASELINE_INVALID',
        `${path} has no measured KPIs (${p && !p.available ? p.reason : 'no predicted vs measured'})`,
      );
    }
    return { path, total: single(p.measured) };
  }
  if (json.format === 'ccsim-simulation-summary/1' && json.kpis?.total) {
    return { path, total: json.kpis.total };
  }
  throw new CliError(
    'BASELINE_INVALID',
    `${path} is neither a load-test summary.json nor a simulation summary.json`,
  );
}

export async function finishLoadTest(io: CliIo, o: LoadOutputOptions): Promise<number> {
  const gates: GateReport[] = [];
  if (o.baseline !== undefined) {
    const baseline = await readLoadBaseline(o.baseline);
    const p = o.summary.predictedVsMeasured;
    if (!p.available) {
      throw new CliError(
        'BASELINE_UNAVAILABLE',
        `--baseline needs this run's measured KPIs, which are not available: ${p.reason}`,
      );
    }
    const { tolerances } = tolerancesOf(o.tolerance);
    gates.push(regressionGate(baseline, single(p.measured), tolerances));
  }
  const thresholds = thresholdGate(o.summary);
  if (o.report ?? true) {
    const path = await writeHtmlReport(o.out, await renderLoadReport(o.summary, { gates }));
    if (!o.quiet) io.stdout.write(`  report: ${path}\n`);
  }
  if (o.junit !== undefined) {
    await writeJunit(o.junit, [
      {
        name: `ccsim loadtest ${o.summary.scenario.name}`,
        classname: `ccsim.loadtest.${o.summary.scenario.name}`,
        checks: [...thresholds.checks, ...gates.flatMap((g) => g.checks)],
      },
    ]);
  }
  for (const gate of gates) (o.quiet ? io.stderr : io.stdout).write(formatGate(gate));
  const failed = !o.summary.thresholds.ok || gates.some((g) => g.checks.some((c) => !c.ok));
  return failed ? ExitCode.thresholdFailed : ExitCode.ok;
}
