import type { Argv } from 'yargs';
import {
  defaultWorkers,
  formatShard,
  replicationRecords,
  runReplications,
  SimCheckError,
  type SimulationRequest,
  shardIndexes,
  summarizeRun,
} from '../../../sim/index.js';
import { checkTolerances, type TargetRequirement } from '../../kpi/index.js';
import { loadScenario } from '../../scenario/index.js';
import { type Baseline, readBaseline } from '../baselineFile.js';
import { defineCommand } from '../command.js';
import { ExitCode } from '../exitCodes.js';
import { integerOption, stringOption } from '../optionValues.js';
import { prepareOutputFile, prepareOutputFolder } from '../outputFolder.js';
import { RecordsFile } from '../recordsFile.js';
import { defaultReportDir } from '../reportFiles.js';
import { packageVersion } from '../runInfo.js';
import { parseShardOption } from '../shardOption.js';
import { writeSimulationOutputs } from '../simulationOutputs.js';
import { usageError } from '../usage.js';

/**
 * Exit code of a run whose test-mode checks (`--check`) failed: a bug in the router or the
 * simulator, told apart from bad input (1) and usage errors (2). The message names the seed and
 * replication that reproduce it.
 */
export const SIM_CHECK_FAILED_EXIT = ExitCode.checkFailed;

function builder(yargs: Argv) {
  return yargs
    .usage(
      '$0 simulate <scenario> [--replications N] [--seed S] [--out DIR] [--json] [--workers N] [--check]\n' +
        '               [--shard k/n] [--baseline FILE] [--require-target day|intervals] [--junit FILE]\n' +
        '               [--records FILE] [--no-report]\n\n' +
        'Runs independent replications of a scenario in virtual time through the reference router and\n' +
        "prints KPIs per interval with 95% confidence intervals and a verdict on the scenario's\n" +
        'service-level target; writes DIR/summary.json and the HTML report DIR/index.html. Exit 99 when\n' +
        '--baseline finds a regression or --require-target is not met.',
    )
    .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario YAML file' })
    .option('replications', {
      type: 'number',
      describe: "Independent replications (default: the scenario's simulation.replications)",
    })
    .option('seed', { type: 'number', describe: 'Run seed (default: simulation.seed)' })
    .option('out', {
      type: 'string',
      describe: 'Output directory (default: reports/<scenario>-<timestamp>/)',
    })
    .option('json', {
      type: 'boolean',
      describe: 'Print summary.json to stdout instead of the table',
    })
    .option('workers', {
      type: 'number',
      describe: `Worker threads (default: none on up to 2 cores, else one per core; here ${defaultWorkers()}; 0 = no threads)`,
    })
    .option('check', {
      type: 'boolean',
      describe: `Test mode: check invariants and conservation after every event (slow; exit ${SIM_CHECK_FAILED_EXIT} on a failure)`,
    })
    .option('shard', {
      type: 'string',
      describe:
        'Run only shard k of n: replications i with i mod n = k-1 (combine with `ccsim merge`)',
    })
    .option('baseline', {
      type: 'string',
      describe:
        "Regression gate: compare with this summary.json of the same scenario (significant and beyond the scenario's regression.tolerance fails, exit 99)",
    })
    .option('require-target', {
      choices: ['day', 'intervals'] as const,
      describe:
        "Target gate: exit 99 unless the scenario's service-level target is met over the day (day), or over the day and in every measured interval (intervals)",
    })
    .option('junit', {
      type: 'string',
      describe:
        'Write JUnit XML to FILE: the --baseline checks and the SL verdict (failures where --require-target asks, skipped misses elsewhere)',
    })
    .option('records', {
      type: 'string',
      describe:
        'Write every conversation record to FILE as NDJSON, {"replication": i, ...record} a line, streamed as the run goes (runs the replications on the main thread)',
    })
    .option('report', {
      type: 'boolean',
      default: true,
      describe: 'Write the HTML report DIR/index.html (--no-report skips it)',
    })
    .example(
      '$0 simulate scenarios/whatsapp-weekday.yaml',
      'The weekday scenario, its own settings',
    )
    .example(
      '$0 simulate scenarios/validation/erlang-c1.yaml --replications 50 --json',
      'Erlang C validation, JSON on stdout',
    );
}

export const simulateCommand = defineCommand({
  builder,
  prepare: async (args, io) => {
    const replications = integerOption('replications', args.replications, { min: 1 });
    const seed = integerOption('seed', args.seed, { min: 0 });
    const workers = integerOption('workers', args.workers, { min: 0 });
    const shard = parseShardOption(stringOption('shard', args.shard));
    const out = stringOption('out', args.out);
    const baselinePath = stringOption('baseline', args.baseline);
    const junit = stringOption('junit', args.junit);
    const requireTarget = args.requireTarget as TargetRequirement | undefined;
    const file = args.scenario;
    const scenario = await loadScenario(file);
    const count = replications ?? scenario.simulation.replications;
    const indexes = shard ? shardIndexes(count, shard) : undefined;
    if (indexes?.length === 0) {
      throw usageError(`--shard ${formatShard(shard!)} has no replications of ${count}`);
    }
    let baseline: Baseline | null = null;
    if (baselinePath !== undefined) {
      baseline = await readBaseline(baselinePath, {
        scenario: scenario.name,
        accept: 'simulation',
      });
      checkTolerances(scenario.regression.tolerance);
    }
    const records = stringOption('records', args.records);
    if (records !== undefined && workers !== undefined && workers > 0) {
      throw usageError(
        `--records streams the records from the main thread: drop --workers ${workers} (or pass --workers 0)`,
      );
    }
    if (junit !== undefined) await prepareOutputFile(junit, 'junit');
    if (records !== undefined) await prepareOutputFile(records, 'records');
    const dir = out ?? defaultReportDir(scenario.name);
    await prepareOutputFolder(dir);
    const request: SimulationRequest = {
      file,
      replications,
      seed,
      shard: shard ? formatShard(shard) : undefined,
      out,
      json: args.json,
      check: args.check,
      baseline: baselinePath,
      junit,
      requireTarget,
    };
    const runCount = indexes?.length ?? count;
    void io;
    return {
      scenario,
      request,
      replications: count,
      seed: seed ?? scenario.simulation.seed,
      indexes,
      runCount,
      workers: records !== undefined ? 0 : Math.min(workers ?? defaultWorkers(), runCount),
      records,
      check: args.check === true,
      out: dir,
      baseline,
      report: args.report,
    };
  },
  run: async (plan, io) => {
    const { scenario, request } = plan;
    const progress = io.progress.start(`simulate ${scenario.name}`, plan.runCount, 'replications');
    const started = performance.now();
    let results: Awaited<ReturnType<typeof runReplications>>;
    const recordsFile = plan.records !== undefined ? new RecordsFile(plan.records) : null;
    try {
      results = await runReplications(scenario, {
        ...(plan.indexes ? { indexes: plan.indexes } : { replications: plan.replications }),
        seed: plan.seed,
        workers: plan.workers,
        ...(plan.check ? { check: true } : {}),
        onProgress: (done) => progress.update(done),
        ...(recordsFile ? { onRecord: (i, record) => recordsFile.write(i, record) } : {}),
      });
    } catch (err) {
      if (err instanceof SimCheckError) {
        io.stderr.write(`error ${err.code}: ${err.message}\n`);
        return SIM_CHECK_FAILED_EXIT;
      }
      throw err;
    } finally {
      progress.stop();
      recordsFile?.close();
    }
    const seconds = (performance.now() - started) / 1000;
    const summary = summarizeRun(scenario, results, {
      version: await packageVersion(),
      request,
      seed: plan.seed,
    });
    const where =
      plan.workers === 0
        ? 'the main thread'
        : `${plan.workers} worker${plan.workers === 1 ? '' : 's'}`;
    return writeSimulationOutputs(io, {
      summary,
      records: replicationRecords(results),
      out: plan.out,
      tolerance: scenario.regression.tolerance,
      baseline: plan.baseline,
      requireTarget: request.requireTarget,
      junit: request.junit,
      report: plan.report,
      json: request.json === true,
      footer:
        `${plan.runCount} replications in ${seconds.toFixed(1)} s on ${where}` +
        (recordsFile ? `; ${recordsFile.count} records to ${plan.records}` : ''),
    });
  },
});
