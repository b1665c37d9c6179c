import type { SimulationSummary } from '../../sim/summary.js';
import { type GateReport, renderSimulationReport } from '../report/index.js';
import type { CliIo } from './command.js';
import { ExitCode } from './exitCodes.js';
import {
  formatGate,
  readSimulationBaseline,
  regressionGate,
  tolerancesOf,
} from './regressionGate.js';
import { writeHtmlReport, writeJunit } from './reportFiles.js';

export interface SimulationOutputOptions {
  readonly summary: SimulationSummary;
  readonly out: string;
  /** The scenario's `regression.tolerance`. */
  readonly tolerance: Readonly<Record<string, number>>;
  readonly baseline?: string | undefined;
  readonly junit?: string | undefined;
  /** Write DIR/index.html (default true). */
  readonly report?: boolean | undefined;
  /** stdout carries JSON: say nothing else there. */
  readonly quiet?: boolean | undefined;
}

/**
 * What `ccsim simulate` and `ccsim merge` do once summary.json is written: the regression gate
 * (`--baseline`), the HTML report, JUnit (`--junit`). Returns the exit code: 99 when the gate
 * failed (as k6 does for thresholds), else 0.
 */
export async function finishSimulation(io: CliIo, o: SimulationOutputOptions): Promise<number> {
  const gates: GateReport[] = [];
  if (o.baseline !== undefined) {
    const baseline = await readSimulationBaseline(o.baseline);
    const { tolerances, defaulted } = tolerancesOf(o.tolerance);
    if (defaulted) {
      io.stderr.write(
        'note: the scenario states no regression.tolerance; gating serviceLevel (0.02), asa (5 s), abandonRate (0.01)\n',
      );
    }
    gates.push(regressionGate(baseline, o.summary.kpis.total, tolerances));
  }
  const failed = gates.some((g) => g.checks.some((c) => !c.ok));
  if (o.report ?? true) {
    const path = await writeHtmlReport(o.out, await renderSimulationReport(o.summary, { gates }));
    if (!o.quiet) io.stdout.write(`report: ${path}\n`);
  }
  if (o.junit !== undefined) {
    await writeJunit(o.junit, [
      {
        name: `ccsim simulate ${o.summary.scenario.name}`,
        classname: `ccsim.simulate.${o.summary.scenario.name}`,
        checks: gates.flatMap((g) => g.checks),
      },
    ]);
  }
  for (const gate of gates) (o.quiet ? io.stderr : io.stdout).write(formatGate(gate));
  return failed ? ExitCode.thresholdFailed : ExitCode.ok;
}
