import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import type { Argv } from 'yargs';
import { SimCheckError } from '../../../sim/checks.js';
import { defaultWorkers, runReplications } from '../../../sim/pool.js';
import { formatShard, shardIndexes } from '../../../sim/shard.js';
import { replicationRecords, summarizeRun } from '../../../sim/summary.js';
import { loadScenario } from '../../scenario/index.js';
import { defineCommand } from '../command.js';
import { ExitCode } from '../exitCodes.js';
import { defaultReportDir } from '../reportFiles.js';
import { packageVersion } from '../runInfo.js';
import { parseShardOption } from '../shardOption.js';
import { formatSimulateCommand } from '../simulateCommandLine.js';
import { finishSimulation } from '../simulationOutputs.js';
import { formatSimulationTable } from '../simulationTable.js';

/**
 * Exit code of a run whose test-mode checks (`--check`) failed: a bug in the router or the
 * simulator, told apart from bad input (1) and usage errors (2). The message names the seed and
 * replication that reproduce it.
 */
export const SIM_CHECK_FAILED_EXIT = 3;

function builder(yargs: Argv) {
  return yargs
    .usage(
      '$0 simulate <scenario> [--replications N] [--seed S] [--out DIR] [--json] [--workers N] [--check]\n' +
        '               [--shard k/n] [--baseline FILE] [--junit FILE] [--no-report]\n\n' +
        'Runs independent replications of a scenario in virtual time through the reference router and\n' +
        'prints KPIs per interval with 95% confidence intervals; writes DIR/summary.json and the HTML\n' +
        'report DIR/index.html. Exit 99 when --baseline finds a regression.',
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
      describe: `Worker threads (default: available cores, here ${defaultWorkers()}; 0 = no threads)`,
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
        "Regression gate: compare with this summary.json (significant and beyond the scenario's regression.tolerance fails, exit 99)",
    })
    .option('junit', { type: 'string', describe: 'Write the gate checks as JUnit XML to FILE' })
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

type SimulateOptions = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

function usage(io: { stderr: NodeJS.WritableStream }, message: string): number {
  io.stderr.write(`error CLI_USAGE: ${message}\n`);
  return ExitCode.usage;
}

function isCount(value: number | undefined, min: number): boolean {
  return value === undefined || (Number.isSafeInteger(value) && value >= min);
}

export const simulateCommand = defineCommand<SimulateOptions>({
  command: 'simulate <scenario>',
  describe: 'Simulate a scenario: KPIs per interval with confidence intervals, summary.json',
  builder,
  run: async (args, io) => {
    if (!isCount(args.replications, 1)) return usage(io, '--replications must be an integer >= 1');
    if (!isCount(args.seed, 0)) return usage(io, '--seed must be a non-negative safe integer');
    if (!isCount(args.workers, 0)) return usage(io, '--workers must be an integer >= 0');
    let shard: ReturnType<typeof parseShardOption>;
    try {
      shard = parseShardOption(args.shard);
    } catch (err) {
      return usage(io, (err as Error).message);
    }
    const file = args.scenario;
    const scenario = await loadScenario(file);
    const replications = args.replications ?? scenario.simulation.replications;
    const seed = args.seed ?? scenario.simulation.seed;
    const indexes = shard ? shardIndexes(replications, shard) : undefined;
    if (indexes?.length === 0) {
      return usage(io, `shard ${formatShard(shard!)} has no replications of ${replications}`);
    }
    const runCount = indexes?.length ?? replications;
    const workers = Math.min(args.workers ?? defaultWorkers(), runCount);

    const bar = io.isTTY
      ? new cliProgress.SingleBar(
          {
            stream: io.stderr,
            format: `simulate ${scenario.name} {bar} {value}/{total} replications | {duration}s`,
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
    bar?.start(runCount, 0);
    const started = performance.now();
    let results: Awaited<ReturnType<typeof runReplications>>;
    try {
      results = await runReplications(scenario, {
        ...(indexes ? { indexes } : { replications }),
        seed,
        workers,
        ...(args.check ? { check: true } : {}),
        onProgress: (done) => bar?.update(done),
      });
    } catch (err) {
      bar?.stop();
      if (err instanceof SimCheckError) {
        io.stderr.write(`error ${err.code}: ${err.message}\n`);
        return SIM_CHECK_FAILED_EXIT;
      }
      throw err;
    }
    bar?.stop();
    const seconds = (performance.now() - started) / 1000;

    const command = formatSimulateCommand({
      file,
      replications: args.replications,
      seed: args.seed,
      shard: shard ? formatShard(shard) : undefined,
      out: args.out,
      json: args.json,
      check: args.check,
    });
    const summary = summarizeRun(scenario, results, {
      version: await packageVersion(),
      command,
      file,
      seed,
    });
    const out = args.out ?? defaultReportDir(scenario.name);
    await mkdir(out, { recursive: true });
    const json = `${JSON.stringify(summary, null, 2)}\n`;
    await writeFile(join(out, 'summary.json'), json);
    await writeFile(
      join(out, 'replications.json'),
      `${JSON.stringify(replicationRecords(results))}\n`,
    );

    if (args.json) {
      io.stdout.write(json);
    } else {
      io.stdout.write(formatSimulationTable(summary));
      io.stdout.write(
        `\n${runCount} replications in ${seconds.toFixed(1)} s on ` +
          `${workers === 0 ? 'the main thread' : `${workers} worker${workers === 1 ? '' : 's'}`}; ` +
          `wrote ${join(out, 'summary.json')}\n`,
      );
    }
    return finishSimulation(io, {
      summary,
      out,
      tolerance: scenario.regression.tolerance,
      baseline: args.baseline,
      junit: args.junit,
      report: args.report,
      quiet: args.json,
    });
  },
});
