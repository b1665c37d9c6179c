import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { loadScenario } from '../../scenario/index.js';
import { CliError } from '../cliError.js';
import { defineCommand } from '../command.js';
import { defaultReportDir } from '../reportFiles.js';
import { mergeSimulationShards, readShardOutput } from '../simulationMerge.js';
import { finishSimulation } from '../simulationOutputs.js';
import { formatSimulationTable } from '../simulationTable.js';
import { isStaffingShard, mergeStaffingShards } from '../staffingMerge.js';
import { writeStaffingOutputs } from '../staffingRun.js';

function builder(yargs: Argv) {
  return yargs
    .usage(
      '$0 merge <dirs...> [--out DIR] [--json] [--baseline FILE] [--junit FILE] [--no-report]\n\n' +
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

type MergeOptions = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export const mergeCommand = defineCommand<MergeOptions>({
  command: 'merge <dirs...>',
  describe: 'Merge the shard outputs of `simulate` or `staff --shard k/n` into one result',
  builder,
  run: async (args, io) => {
    const dirs = (args.dirs as string[]).map(String);
    const staffing = await Promise.all(dirs.map(isStaffingShard));
    if (staffing.some((s) => s !== staffing[0])) {
      throw new CliError(
        'MERGE_MISMATCH',
        'some directories hold staffing shards, others simulation shards',
      );
    }
    if (staffing[0]) {
      if (args.baseline !== undefined || args.junit !== undefined) {
        throw new CliError(
          'CLI_USAGE',
          '--baseline and --junit apply to simulation shards, not staffing',
        );
      }
      const { result, fromShards, simulatedHere } = await mergeStaffingShards(
        dirs,
        args.out,
        args.workers,
      );
      const out = args.out ?? defaultReportDir(`${result.scenario.name}-staffing`);
      await writeStaffingOutputs(io, result, out, { json: args.json, report: args.report });
      (args.json ? io.stderr : io.stdout).write(
        `merged ${dirs.length} staffing shards: ${fromShards} candidate${fromShards === 1 ? '' : 's'} from the shards, ${simulatedHere} simulated here\n`,
      );
      return 0;
    }
    const shards = await Promise.all(dirs.map(readShardOutput));
    const { summary, records } = mergeSimulationShards(shards, args.out);
    const out = args.out ?? defaultReportDir(summary.scenario.name);
    await mkdir(out, { recursive: true });
    const json = `${JSON.stringify(summary, null, 2)}\n`;
    await writeFile(join(out, 'summary.json'), json);
    await writeFile(join(out, 'replications.json'), `${JSON.stringify(records)}\n`);
    if (args.json) io.stdout.write(json);
    else {
      io.stdout.write(formatSimulationTable(summary));
      io.stdout.write(
        `\nmerged ${shards.length} shards (${summary.replications} replications); wrote ${join(out, 'summary.json')}\n`,
      );
    }
    let tolerance: Readonly<Record<string, number>> = {};
    if (args.baseline !== undefined) {
      // The tolerances are the scenario's; summary.json names its file.
      const file = summary.scenario.file;
      if (file === null) {
        throw new CliError(
          'MERGE_NO_SCENARIO',
          'the summary names no scenario file for the tolerances',
        );
      }
      tolerance = (await loadScenario(file)).regression.tolerance;
    }
    return finishSimulation(io, {
      summary,
      out,
      tolerance,
      baseline: args.baseline,
      junit: args.junit,
      report: args.report,
      quiet: args.json,
    });
  },
});
