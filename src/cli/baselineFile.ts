import { type AggregatedKpiSet, aggregateReplications, type KpiSet } from '../kpi/index.js';
import { CliError } from './cliError.js';
import { readJsonFile } from './jsonFile.js';

/**
 * `--baseline FILE`, read and checked before any work: the file exists, parses, is a summary of
 * the right kind, and belongs to the same scenario as the run (the summary names it), so a smoke
 * run gated against the weekday's baseline is refused instead of "passing".
 */
export interface Baseline {
  readonly path: string;
  readonly kind: 'simulation' | 'loadtest';
  readonly scenario: string;
  readonly total: AggregatedKpiSet;
}

interface SummaryFields {
  readonly kind?: unknown;
  readonly format?: unknown;
  readonly scenario?: { readonly name?: unknown };
  readonly kpis?: { readonly total?: AggregatedKpiSet };
  readonly predictedVsMeasured?: {
    readonly available?: boolean;
    readonly reason?: string;
    readonly measured?: KpiSet;
  };
}

/** One run's KPIs as an aggregated set of one replication (a load test is one run). */
export function singleRun(set: KpiSet): AggregatedKpiSet {
  return aggregateReplications([{ total: set, intervals: [] }]).total;
}

export async function readBaseline(
  path: string,
  expected: {
    /** The run's scenario name. */
    readonly scenario: string;
    /** Which summaries may be compared with: a simulation run's only, or a load test's too. */
    readonly accept: 'simulation' | 'simulation-or-loadtest';
  },
): Promise<Baseline> {
  const json = (await readJsonFile(path, {
    missing: 'BASELINE_NOT_FOUND',
    invalid: 'BASELINE_INVALID',
  })) as SummaryFields | null;
  const scenario = typeof json?.scenario?.name === 'string' ? json.scenario.name : null;
  let baseline: Baseline | null = null;
  if (json?.format === 'ccsim-simulation-summary/1' && json.kpis?.total) {
    baseline = { path, kind: 'simulation', scenario: scenario ?? '?', total: json.kpis.total };
  } else if (json?.kind === 'ccsim-loadtest' && expected.accept === 'simulation-or-loadtest') {
    const p = json.predictedVsMeasured;
    if (!p?.available || !p.measured) {
      throw new CliError(
        'BASELINE_INVALID',
        `${path} has no measured KPIs (${p?.reason ?? 'no predicted vs measured'})`,
      );
    }
    baseline = { path, kind: 'loadtest', scenario: scenario ?? '?', total: singleRun(p.measured) };
  }
  if (baseline === null) {
    throw new CliError(
      'BASELINE_INVALID',
      expected.accept === 'simulation'
        ? `${path} is not a ccsim simulation summary (format ccsim-simulation-summary/1); pass the summary.json of an earlier \`ccsim simulate\``
        : `${path} is neither a load-test summary.json nor a simulation summary.json`,
    );
  }
  if (baseline.scenario !== expected.scenario) {
    throw new CliError(
      'BASELINE_MISMATCH',
      `${path} is a baseline of scenario "${baseline.scenario}", this run is "${expected.scenario}"`,
    );
  }
  return baseline;
}
