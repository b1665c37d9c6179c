import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReplicationRecord, SimulationGates, SimulationSummary } from '../../sim/index.js';
import { regressionGate, type TargetRequirement, verdictPasses } from '../kpi/index.js';
import {
  formatGate,
  formatSimulationTable,
  type GateReport,
  regressionReport,
  renderSimulationReport,
  targetReport,
} from '../report/index.js';
import type { Baseline } from './baselineFile.js';
import type { CliIo } from './command.js';
import { ExitCode } from './exitCodes.js';
import { writeHtmlReport, writeJunit } from './reportFiles.js';

export interface SimulationOutputOptions {
  readonly summary: SimulationSummary;
  readonly records: readonly ReplicationRecord[];
  /** Prepared (made and probed) before the run. */
  readonly out: string;
  /** The scenario's `regression.tolerance`. */
  readonly tolerance: Readonly<Record<string, number>>;
  readonly baseline: Baseline | null;
  readonly requireTarget: TargetRequirement | undefined;
  readonly junit: string | undefined;
  /** Write DIR/index.html. */
  readonly report: boolean;
  /** stdout carries summary.json: say nothing else there. */
  readonly json: boolean;
  /** After the table, before the gates: "5 replications in 1.2 s ...". */
  readonly footer: string;
}

/**
 * What `ccsim simulate` and `ccsim merge` do with a summary: the gates (`--baseline`,
 * `--require-target`) decided and recorded in it, summary.json and replications.json, the table
 * or the JSON, the HTML report, JUnit. Returns 99 when a gate failed (as k6 does for
 * thresholds), else 0.
 */
export async function writeSimulationOutputs(
  io: CliIo,
  o: SimulationOutputOptions,
): Promise<number> {
  const regression = o.baseline
    ? {
        against: o.baseline.path,
        ...regressionGate(o.baseline.total, o.summary.kpis.total, o.tolerance),
      }
    : null;
  // Every queue's own target is required as the total's is: one queue below fails the run.
  const queueVerdicts = Object.entries(o.summary.queueVerdicts ?? {});
  const target = o.requireTarget
    ? {
        requirement: o.requireTarget,
        passed:
          verdictPasses(o.summary.verdict, o.requireTarget) &&
          queueVerdicts.every(([, v]) => verdictPasses(v, o.requireTarget!)),
      }
    : null;
  const gates: SimulationGates | null =
    regression || target
      ? {
          passed: (regression?.passed ?? true) && (target?.passed ?? true),
          regression,
          target,
        }
      : null;
  const summary: SimulationSummary = { ...o.summary, gates };
  const reports: GateReport[] = [];
  if (regression) reports.push(regressionReport(regression, regression.against));
  // The verdict is a gate with --require-target; JUnit carries it either way.
  const verdicts = [
    targetReport(summary.verdict, summary.intervals, o.requireTarget),
    ...queueVerdicts.map(([id, v]) => targetReport(v, summary.intervals, o.requireTarget, id)),
  ];
  if (target) reports.push(...verdicts);

  const json = `${JSON.stringify(summary, null, 2)}\n`;
  await writeFile(join(o.out, 'summary.json'), json);
  await writeFile(join(o.out, 'replications.json'), `${JSON.stringify(o.records)}\n`);
  const text = o.json ? io.stderr : io.stdout;
  if (o.json) io.stdout.write(json);
  else
    io.stdout.write(
      `${formatSimulationTable(summary)}\n${o.footer}; wrote ${join(o.out, 'summary.json')}\n`,
    );
  // On stderr, so that it is seen with --json too and never mixes into summary.json on stdout.
  for (const w of summary.warnings) io.stderr.write(`warning ${w.code}: ${w.message}\n`);
  if (regression?.defaulted) {
    io.stderr.write(
      'note: the scenario states no regression.tolerance; gating serviceLevel (0.02), asa (5 s), abandonRate (0.01)\n',
    );
  }
  if (o.report) {
    const path = await writeHtmlReport(
      o.out,
      await renderSimulationReport(summary, { gates: reports }),
    );
    if (!o.json) io.stdout.write(`report: ${path}\n`);
  }
  if (o.junit !== undefined) {
    await writeJunit(o.junit, [
      {
        name: `ccsim simulate ${summary.scenario.name}`,
        classname: `ccsim.simulate.${summary.scenario.name}`,
        checks: [...(regression ? reports[0]!.checks : []), ...verdicts.flatMap((v) => v.checks)],
      },
    ]);
  }
  for (const gate of reports) text.write(formatGate(gate));
  return gates && !gates.passed ? ExitCode.thresholdFailed : ExitCode.ok;
}
