import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type CandidateEvaluation,
  cachedEvaluator,
  type Evaluator,
  type IntervalStatus,
  type StaffingStep,
  searchStaffing,
  simulationEvaluator,
} from '../../sim/staffing.js';
import type { Summary } from '../kpi/index.js';
import { renderStaffingReport } from '../report/index.js';
import { intervalLabels, type Scenario } from '../scenario/index.js';
import { CliError } from './cliError.js';
import type { CliIo } from './command.js';
import { writeHtmlReport } from './reportFiles.js';
import { parseServiceLevelTarget } from './serviceLevelTarget.js';

/**
 * The parts of `ccsim staff` that `ccsim merge` repeats for staffing shards: the request as
 * typed (it rebuilds the command line), the search over an evaluator (simulation, or shards'
 * candidates first), and the outputs — staffing.json, the terminal table, the HTML report.
 */
export interface StaffRequest {
  readonly file: string;
  /** As typed, e.g. "80/20". */
  readonly target?: string | undefined;
  readonly maxOccupancy?: number | undefined;
  readonly shrinkage?: number | undefined;
  readonly group?: string | undefined;
  readonly replications?: number | undefined;
  readonly seed?: number | undefined;
  readonly confidence?: number | undefined;
  readonly maxSteps?: number | undefined;
  readonly window?: number | undefined;
  readonly shard?: string | undefined;
  readonly out?: string | undefined;
  readonly json?: boolean | undefined;
}

/**
 * The command line in one canonical order, without what never changes the result: --workers,
 * --no-report, and --window (which candidates shards evaluate ahead).
 */
export function formatStaffCommand(r: StaffRequest): string {
  const parts = ['ccsim staff', r.file];
  const add = (flag: string, value: unknown) => {
    if (value !== undefined) parts.push(`--${flag} ${value}`);
  };
  add('target', r.target);
  add('max-occupancy', r.maxOccupancy);
  add('shrinkage', r.shrinkage);
  add('group', r.group);
  add('replications', r.replications);
  add('seed', r.seed);
  add('confidence', r.confidence);
  add('max-steps', r.maxSteps);
  add('shard', r.shard);
  add('out', r.out);
  if (r.json) parts.push('--json');
  return parts.join(' ');
}

/** What the search runs with, resolved from the request and the scenario's defaults. */
export interface StaffSettings {
  readonly group: string;
  readonly capacity: number;
  readonly serviceLevel: number;
  readonly thresholdSeconds: number;
  readonly maxOccupancy: number | undefined;
  readonly shrinkage: number;
  readonly replications: number;
  readonly seed: number;
  readonly confidence: number;
  readonly maxSteps: number;
  readonly window: number;
}

export function resolveSettings(scenario: Scenario, r: StaffRequest): StaffSettings {
  const groups = scenario.tenant.agentGroups;
  let group = r.group;
  if (group === undefined) {
    if (groups.length !== 1) {
      throw new CliError(
        'CLI_USAGE',
        `the scenario has ${groups.length} agent groups; name the one to staff with --group (${groups.map((g) => g.id).join(', ')})`,
      );
    }
    group = groups[0]!.id;
  }
  const found = groups.find((g) => g.id === group);
  if (!found) {
    throw new CliError(
      'CLI_USAGE',
      `--group ${group}: no such agent group; the groups are ${groups.map((g) => g.id).join(', ')}`,
    );
  }
  const target = parseTarget(r.target, scenario);
  const fraction = (name: string, v: number | undefined, low: number, high: number) => {
    if (v !== undefined && !(v >= low && v <= high)) {
      throw new CliError('CLI_USAGE', `--${name} must be in [${low}, ${high}], got ${v}`);
    }
  };
  fraction('max-occupancy', r.maxOccupancy, 0.01, 1);
  fraction('shrinkage', r.shrinkage, 0, 0.95);
  fraction('confidence', r.confidence, 0.5, 0.9999);
  const count = (name: string, v: number | undefined, min: number) => {
    if (v !== undefined && !(Number.isSafeInteger(v) && v >= min)) {
      throw new CliError('CLI_USAGE', `--${name} must be an integer >= ${min}, got ${v}`);
    }
  };
  count('replications', r.replications, 1);
  count('seed', r.seed, 0);
  count('max-steps', r.maxSteps, 1);
  count('window', r.window, 0);
  return {
    group,
    capacity: found.capacity,
    ...target,
    maxOccupancy: r.maxOccupancy,
    shrinkage: r.shrinkage ?? 0,
    replications: r.replications ?? scenario.simulation.replications,
    seed: r.seed ?? scenario.simulation.seed,
    confidence: r.confidence ?? 0.95,
    maxSteps: r.maxSteps ?? 10,
    window: r.window ?? 3,
  };
}

/** "80/20" (percent / seconds), "0.8/20"; the scenario's target and threshold when absent. */
export function parseTarget(
  text: string | undefined,
  scenario: Scenario,
): { serviceLevel: number; thresholdSeconds: number } {
  if (text === undefined) {
    return {
      serviceLevel: scenario.serviceLevel.target,
      thresholdSeconds: scenario.serviceLevel.thresholdSeconds,
    };
  }
  const target = parseServiceLevelTarget(text, 'CLI_USAGE');
  if (target.thresholdSeconds === undefined) {
    throw new CliError('CLI_USAGE', `--target needs a threshold too, e.g. 80/20; got "${text}"`);
  }
  return { serviceLevel: target.serviceLevel, thresholdSeconds: target.thresholdSeconds };
}

export interface StaffingInterval {
  readonly label: string;
  readonly warmup: boolean;
  /** Expected new conversations for the group's queues (the scenario's arrivals). */
  readonly offered: number;
  readonly erlang: number;
  readonly agents: number;
  /** agents / (1 − shrinkage), rounded up: to put on the schedule. */
  readonly scheduled: number;
  readonly serviceLevel: Summary;
  readonly occupancy: Summary;
  readonly status: IntervalStatus;
}

/** `staffing.json` of `ccsim staff` (docs/reports.md). */
export interface StaffingResult {
  readonly format: 'ccsim-staffing/1';
  readonly ccsim: { readonly version: string };
  readonly command: string;
  readonly scenario: {
    readonly name: string;
    readonly file: string;
    readonly description: string | null;
  };
  readonly group: string;
  readonly capacity: number;
  readonly target: {
    readonly serviceLevel: number;
    readonly thresholdSeconds: number;
    readonly definition: string;
    readonly maxOccupancy: number | null;
  };
  readonly shrinkage: number;
  readonly confidence: number;
  readonly replications: number;
  readonly seed: number;
  readonly method: {
    readonly estimate: 'erlang-a' | 'erlang-c';
    readonly slotSeconds: number;
    /** t quantile of the simultaneous bounds, and over how many measured intervals. */
    readonly boundsT: number | null;
    readonly boundsIntervals: number;
  };
  readonly intervals: readonly StaffingInterval[];
  readonly total: {
    readonly agentIntervals: number;
    readonly scheduledIntervals: number;
    readonly erlangIntervals: number;
    readonly serviceLevel: Summary;
    readonly occupancy: Summary;
  };
  readonly search: { readonly evaluations: number; readonly steps: readonly StaffingStep[] };
}

export interface StaffRunContext {
  readonly version: string;
  /** The command line to record: formatStaffCommand of the request (merge: its own --out). */
  readonly command: string;
  readonly workers?: number | undefined;
  /** Candidates already evaluated (shards), keyed by the vector joined with ','. */
  readonly cache?: Map<string, CandidateEvaluation>;
  readonly onEvaluate?: (agents: readonly number[]) => void;
}

export async function runStaffing(
  scenario: Scenario,
  file: string,
  s: StaffSettings,
  context: StaffRunContext,
): Promise<StaffingResult> {
  const simulate = simulationEvaluator(scenario, {
    group: s.group,
    thresholdSeconds: s.thresholdSeconds,
    replications: s.replications,
    seed: s.seed,
    ...(context.workers !== undefined ? { workers: context.workers } : {}),
  });
  const evaluate: Evaluator = cachedEvaluator(
    simulate,
    context.cache ?? new Map(),
    context.onEvaluate,
  );
  const outcome = await searchStaffing(
    scenario,
    {
      group: s.group,
      target: {
        serviceLevel: s.serviceLevel,
        thresholdSeconds: s.thresholdSeconds,
        maxOccupancy: s.maxOccupancy,
      },
      confidence: s.confidence,
      maxSteps: s.maxSteps,
    },
    evaluate,
  );
  const labels = intervalLabels(scenario);
  const scheduled = (n: number) => Math.ceil(n / (1 - s.shrinkage) - 1e-9);
  const intervals = outcome.agents.map((agents, i): StaffingInterval => {
    const k = outcome.final.intervals[i]!;
    const e = outcome.estimates[i]!;
    return {
      label: labels[i]!,
      warmup: outcome.status[i] === 'warm-up',
      offered: e.offered,
      erlang: e.agents,
      agents,
      scheduled: scheduled(agents),
      serviceLevel: k.serviceLevel,
      occupancy: k.occupancy,
      status: outcome.status[i]!,
    };
  });
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    format: 'ccsim-staffing/1',
    ccsim: { version: context.version },
    command: context.command,
    scenario: { name: scenario.name, file, description: scenario.description ?? null },
    group: s.group,
    capacity: s.capacity,
    target: {
      serviceLevel: s.serviceLevel,
      thresholdSeconds: s.thresholdSeconds,
      definition: scenario.serviceLevel.definition,
      maxOccupancy: s.maxOccupancy ?? null,
    },
    shrinkage: s.shrinkage,
    confidence: s.confidence,
    replications: s.replications,
    seed: s.seed,
    method: {
      estimate: outcome.estimates[0]?.model === 'a' ? 'erlang-a' : 'erlang-c',
      slotSeconds: outcome.estimates[0]?.slotSeconds ?? 0,
      boundsT: outcome.bounds.t,
      boundsIntervals: outcome.bounds.intervals,
    },
    intervals,
    total: {
      agentIntervals: sum(intervals.map((i) => i.agents)),
      scheduledIntervals: sum(intervals.map((i) => i.scheduled)),
      erlangIntervals: sum(intervals.map((i) => i.erlang)),
      serviceLevel: outcome.final.total.serviceLevel,
      occupancy: outcome.final.total.occupancy,
    },
    search: { evaluations: outcome.steps.length, steps: outcome.steps },
  };
}

/** The terminal table: one row per interval. */
export function formatStaffingTable(r: StaffingResult): string {
  const pct = (s: Summary) =>
    s.mean === null
      ? '-'
      : `${(s.mean * 100).toFixed(1)}${s.halfWidth95 === null ? '' : ` ±${(s.halfWidth95 * 100).toFixed(1)}`}`;
  const head = [
    'interval',
    'offered',
    'Erlang',
    'agents',
    `scheduled`,
    'SL % (95% CI)',
    'occupancy',
    'status',
  ];
  const rows = r.intervals.map((i) => [
    i.label,
    i.offered.toFixed(1),
    String(i.erlang),
    String(i.agents),
    String(i.scheduled),
    i.warmup ? '-' : pct(i.serviceLevel),
    i.warmup || i.occupancy.mean === null ? '-' : `${(i.occupancy.mean * 100).toFixed(1)}%`,
    i.status,
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (c === 0 || c === 7 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  const t = r.target;
  const title =
    `staffing ${r.scenario.name}, group ${r.group} (capacity ${r.capacity}): target ${Math.round(t.serviceLevel * 1000) / 10}% within ${t.thresholdSeconds} s (${t.definition})` +
    `${t.maxOccupancy !== null ? `, occupancy <= ${Math.round(t.maxOccupancy * 1000) / 10}%` : ''}, shrinkage ${Math.round(r.shrinkage * 1000) / 10}%`;
  const how =
    `${r.method.estimate === 'erlang-a' ? 'Erlang A' : 'Erlang C'} estimate refined by simulation: ${r.replications} replications per candidate (seed ${r.seed}), ` +
    `${r.search.evaluations} candidates; decisions at ${Math.round(r.confidence * 100)}% simultaneous confidence over ${r.method.boundsIntervals} intervals`;
  return [
    title,
    how,
    '',
    line(head),
    ...rows.map(line),
    '',
    `agent-intervals: ${r.total.agentIntervals} (Erlang ${r.total.erlangIntervals}), scheduled ${r.total.scheduledIntervals}; ` +
      `service level over the measured horizon ${pct(r.total.serviceLevel)}%`,
    '',
  ].join('\n');
}

/** Writes staffing.json and the report; prints the table (or the JSON). */
export async function writeStaffingOutputs(
  io: CliIo,
  result: StaffingResult,
  out: string,
  options: { json?: boolean | undefined; report?: boolean | undefined },
): Promise<void> {
  await mkdir(out, { recursive: true });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  await writeFile(join(out, 'staffing.json'), json);
  if (options.json) io.stdout.write(json);
  else {
    io.stdout.write(formatStaffingTable(result));
    io.stdout.write(`wrote ${join(out, 'staffing.json')}\n`);
  }
  if (options.report ?? true) {
    const path = await writeHtmlReport(out, await renderStaffingReport(result));
    if (!options.json) io.stdout.write(`report: ${path}\n`);
  }
}
