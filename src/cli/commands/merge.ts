import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import {
  CANDIDATES_FILE,
  checkStaffingShards,
  mergeSimulationShards,
  mergeStaffingShards,
  type ReplicationRecord,
  type ShardOutput,
  SimError,
  SimErrorCode,
  type SimulationSummary,
  type StaffingCandidatesFile,
  type StaffingShard,
} from '../../../sim/index.js';
import { checkTolerances, type TargetRequirement } from '../../kpi/index.js';
import { loadScenario } from '../../scenario/index.js';
import { type Baseline, readBaseline } from '../baselineFile.js';
import { CliError } from '../cliError.js';
import { defineCommand } from '../command.js';
import { ExitCode } from '../exitCodes.js';
import { readJsonFile } from '../jsonFile.js';
import { integerOption, stringOption } from '../optionValues.js';
import { prepareOutputFile, prepareOutputFolder } from '../outputFolder.js';
import { defaultReportDir } from '../reportFiles.js';
import { writeSimulationOutputs } from '../simulationOutputs.js';
import { writeStaffingOutputs } from '../staffingOutputs.js';
import { usageError } from '../usage.js';

function builder(yargs: Argv) {
  return yargs
    .usage(
      '$0 merge <dirs...> [--out DIR] [--json] [--baseline FILE] [--require-target day|intervals]\n' +
        '                [--junit FILE] [--workers N] [--no-report]\n\n' +
        'Combines the outputs of `ccsim simulate --shard k/n` (one directory per shard, every k of n)\n' +
        'into exactly the summary.json one machine running every replication writes, with its report;\n' +
        'or those of `ccsim staff --shard k/n` into the staffing.json of one machine.',
    )
    .positional('dirs', {
      type: 'string',
      array: true,
      demandOption: true,
      describe: 'Shard output directories',
    })
    .option('out', {
      type: 'string',
      describe: 'Output directory (default: reports/<scenario>-<timestamp>/)',
    })
    .option('json', { type: 'boolean', describe: 'Print the merged summary.json to stdout' })
    .option('baseline', {
      type: 'string',
      describe: 'Regression gate on the merged result (as `ccsim simulate --baseline`; exit 99)',
    })
    .option('require-target', {
      choices: ['day', 'intervals'] as const,
      describe: 'Target gate on the merged result (as `ccsim simulate --require-target`; exit 99)',
    })
    .option('junit', { type: 'string', describe: 'Write the gate checks as JUnit XML to FILE' })
    .option('workers', {
      type: 'number',
      describe: 'Staffing: worker threads for candidates no shard evaluated',
    })
    .option('report', {
      type: 'boolean',
      default: true,
      describe: 'Write the HTML report DIR/index.html (--no-report skips it)',
    })
    .example(
      '$0 merge out/shard-1 out/shard-2 out/shard-3 --out out/merged',
      'Three shards of one simulate run',
    );
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** A shard's output file, parsed (any read failure of a shard says MERGE_NOT_FOUND). */
function readShardFile(dir: string, name: string): Promise<unknown> {
  return readJsonFile(join(dir, name), { missing: 'MERGE_NOT_FOUND', invalid: 'MERGE_INVALID' });
}

async function readSimulationShard(dir: string): Promise<ShardOutput> {
  const summary = (await readShardFile(dir, 'summary.json')) as SimulationSummary;
  if (summary?.format !== 'ccsim-simulation-summary/1') {
    throw new SimError(
      SimErrorCode.mergeInvalid,
      `${join(dir, 'summary.json')} is not a simulation summary`,
    );
  }
  const records = (await readShardFile(dir, 'replications.json')) as ReplicationRecord[];
  if (!Array.isArray(records) || records.some((r) => !r || r.series === undefined)) {
    throw new SimError(
      SimErrorCode.mergeInvalid,
      `${join(dir, 'replications.json')} has no per-replication time series: written by an older ccsim?`,
    );
  }
  return { dir, summary, records };
}

export const mergeCommand = defineCommand({
  builder,
  prepare: async (args) => {
    const dirs = (args.dirs as unknown[]).map(String);
    const out = stringOption('out', args.out);
    const baselinePath = stringOption('baseline', args.baseline);
    const junit = stringOption('junit', args.junit);
    const requireTarget = args.requireTarget as TargetRequirement | undefined;
    const workers = integerOption('workers', args.workers, { min: 0 });
    const json = args.json === true;
    const staffing = await Promise.all(dirs.map((d) => exists(join(d, CANDIDATES_FILE))));
    if (staffing.some((s) => s !== staffing[0])) {
      throw new SimError(
        SimErrorCode.mergeMismatch,
        'some directories hold staffing shards, others simulation shards',
      );
    }
    if (staffing[0]) {
      if (baselinePath !== undefined || junit !== undefined || requireTarget !== undefined) {
        throw usageError(
          '--baseline, --require-target and --junit apply to simulation shards, not staffing',
        );
      }
      const shards: StaffingShard[] = await Promise.all(
        dirs.map(async (dir) => ({
          dir,
          file: (await readShardFile(dir, CANDIDATES_FILE)) as StaffingCandidatesFile,
        })),
      );
      const request = checkStaffingShards(shards, out);
      const scenario = await loadScenario(request.file);
      const dir = out ?? defaultReportDir(`${scenario.name}-staffing`);
      await prepareOutputFolder(dir);
      return {
        kind: 'staffing' as const,
        dirs,
        shards,
        request,
        scenario,
        out: dir,
        workers,
        json,
        report: args.report,
      };
    }
    if (workers !== undefined) throw usageError('--workers applies to staffing shards only');
    const shards = await Promise.all(dirs.map(readSimulationShard));
    const merged = mergeSimulationShards(shards, {
      out,
      json,
      baseline: baselinePath,
      junit,
      requireTarget,
    });
    let baseline: Baseline | null = null;
    let tolerance: Readonly<Record<string, number>> = {};
    if (baselinePath !== undefined) {
      baseline = await readBaseline(baselinePath, {
        scenario: merged.summary.scenario.name,
        accept: 'simulation',
      });
      // The tolerances are the scenario's; summary.json names its file.
      const file = merged.summary.scenario.file;
      if (file === null) {
        throw new CliError(
          'MERGE_NO_SCENARIO',
          'the summary names no scenario file for the tolerances',
        );
      }
      tolerance = (await loadScenario(file)).regression.tolerance;
      checkTolerances(tolerance);
    }
    if (junit !== undefined) await prepareOutputFile(junit, 'junit');
    const dir = out ?? defaultReportDir(merged.summary.scenario.name);
    await prepareOutputFolder(dir);
    return {
      kind: 'simulation' as const,
      shards: shards.length,
      ...merged,
      baseline,
      tolerance,
      requireTarget,
      junit,
      out: dir,
      json,
      report: args.report,
    };
  },
  run: async (plan, io) => {
    if (plan.kind === 'staffing') {
      const progress = io.progress.start(
        `merge ${plan.scenario.name}`,
        0,
        'candidates simulated here',
      );
      let here = 0;
      const { result, fromShards, simulatedHere } = await mergeStaffingShards(
        plan.scenario,
        plan.shards,
        plan.request,
        { workers: plan.workers, onEvaluate: () => progress.update(++here) },
      ).finally(() => progress.stop());
      await writeStaffingOutputs(io, result, plan.out, { json: plan.json, report: plan.report });
      (plan.json ? io.stderr : io.stdout).write(
        `merged ${plan.dirs.length} staffing shards: ${fromShards} candidate${fromShards === 1 ? '' : 's'} from the shards, ${simulatedHere} simulated here\n`,
      );
      return ExitCode.ok;
    }
    return writeSimulationOutputs(io, {
      summary: plan.summary,
      records: plan.records,
      out: plan.out,
      tolerance: plan.tolerance,
      baseline: plan.baseline,
      requireTarget: plan.requireTarget,
      junit: plan.junit,
      report: plan.report,
      json: plan.json,
      footer: `merged ${plan.shards} shards (${plan.summary.replications} replications)`,
    });
  },
});
