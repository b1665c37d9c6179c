import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import type { Argv } from 'yargs';
import { formatShard, inShard } from '../../../sim/shard.js';
import {
  type CandidateEvaluation,
  candidateOffsets,
  shiftedVector,
  simulationEvaluator,
} from '../../../sim/staffing.js';
import { erlangEstimates } from '../../../sim/staffingEstimate.js';
import { loadScenario } from '../../scenario/index.js';
import { CliError } from '../cliError.js';
import { defineCommand } from '../command.js';
import { ExitCode } from '../exitCodes.js';
import { defaultReportDir } from '../reportFiles.js';
import { packageVersion } from '../runInfo.js';
import { parseShardOption } from '../shardOption.js';
import {
  formatStaffCommand,
  resolveSettings,
  runStaffing,
  type StaffRequest,
  writeStaffingOutputs,
} from '../staffingRun.js';

function builder(yargs: Argv) {
  return yargs
    .usage(
      '$0 staff <scenario> [--target 80/20] [--max-occupancy 0.85] [--shrinkage 0.3] [--group ID]\n' +
        '                    [--replications N] [--seed S] [--confidence 0.95] [--json] [--out DIR]\n' +
        '                    [--shard k/n [--window W]] [--workers N] [--no-report]\n\n' +
        'The least agents per interval that meet a service-level target: an Erlang A (or C) estimate\n' +
        'per interval, refined by simulation with common random numbers (docs/reports.md, Staffing).\n' +
        'Writes DIR/staffing.json and DIR/index.html.',
    )
    .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario YAML file' })
    .option('target', {
      type: 'string',
      describe: "SL/T: 80/20 is 80% within 20 s (default: the scenario's serviceLevel)",
    })
    .option('max-occupancy', { type: 'number', describe: 'Also keep occupancy at most this (0-1)' })
    .option('shrinkage', {
      type: 'number',
      describe: 'Share of paid time not available (breaks, training): scheduled = agents / (1 - s)',
    })
    .option('group', {
      type: 'string',
      describe:
        'Agent group to staff; the others stay as in the scenario (default: the only group)',
    })
    .option('replications', {
      type: 'number',
      describe: "Replications per candidate (default: the scenario's simulation.replications)",
    })
    .option('seed', { type: 'number', describe: 'Run seed (default: simulation.seed)' })
    .option('confidence', {
      type: 'number',
      describe: 'Simultaneous confidence of the decisions over the intervals (default 0.95)',
    })
    .option('max-steps', {
      type: 'number',
      describe: 'Most whole-agent shifts each way, and verification rounds (default 10)',
    })
    .option('window', {
      type: 'number',
      describe: 'With --shard: shifts -W..+W evaluated ahead, spread over the shards (default 3)',
    })
    .option('shard', {
      type: 'string',
      describe: 'Evaluate only the candidates of shard k of n (then `ccsim merge` the directories)',
    })
    .option('out', {
      type: 'string',
      describe: 'Output directory (default: reports/<scenario>-staffing-<timestamp>/)',
    })
    .option('json', { type: 'boolean', describe: 'Print staffing.json instead of the table' })
    .option('workers', { type: 'number', describe: 'Worker threads (default: available cores)' })
    .option('report', {
      type: 'boolean',
      default: true,
      describe: 'Write the HTML report DIR/index.html (--no-report skips it)',
    })
    .example(
      '$0 staff scenarios/validation/erlang-c1.yaml --target 80/20',
      'Erlang C validation: 14 agents in every interval',
    )
    .example(
      '$0 staff scenarios/whatsapp-weekday.yaml --group support --max-occupancy 0.85 --shrinkage 0.3',
      'One group of a multi-group day',
    );
}

type StaffOptions = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

/** A shard's evaluated candidates: what `ccsim merge` feeds back into the search. */
export interface StaffingCandidatesFile {
  readonly format: 'ccsim-staffing-candidates/1';
  readonly ccsim: { readonly version: string };
  readonly request: StaffRequest;
  readonly shard: string;
  readonly window: number;
  readonly candidates: readonly {
    readonly offset: number;
    readonly evaluation: CandidateEvaluation;
  }[];
}

export const staffCommand = defineCommand<StaffOptions>({
  command: 'staff <scenario>',
  describe: 'Agents needed per interval for a service-level target (Erlang start, simulation)',
  builder,
  run: async (args, io) => {
    const request: StaffRequest = {
      file: args.scenario,
      target: args.target,
      maxOccupancy: args.maxOccupancy,
      shrinkage: args.shrinkage,
      group: args.group,
      replications: args.replications,
      seed: args.seed,
      confidence: args.confidence,
      maxSteps: args.maxSteps,
      window: args.window,
      shard: args.shard,
      out: args.out,
      json: args.json,
    };
    let settings: ReturnType<typeof resolveSettings>;
    let shard: ReturnType<typeof parseShardOption>;
    const scenario = await loadScenario(args.scenario);
    try {
      shard = parseShardOption(args.shard);
      settings = resolveSettings(scenario, request);
      if (
        args.workers !== undefined &&
        !(Number.isSafeInteger(args.workers) && args.workers >= 0)
      ) {
        throw new CliError('CLI_USAGE', '--workers must be an integer >= 0');
      }
    } catch (err) {
      if (err instanceof CliError && err.code === 'CLI_USAGE') {
        io.stderr.write(`error CLI_USAGE: ${err.message}\n`);
        return ExitCode.usage;
      }
      throw err;
    }
    const version = await packageVersion();
    const out = args.out ?? defaultReportDir(`${scenario.name}-staffing`);
    const bar = io.isTTY
      ? new cliProgress.SingleBar(
          {
            stream: io.stderr,
            format: `staff ${scenario.name} {bar} candidate {value} | {duration}s`,
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
    let evaluated = 0;
    bar?.start(shard ? 2 * settings.window + 1 : 2 * settings.maxSteps + 1, 0);
    try {
      if (shard) {
        // Shard: evaluate this shard's share of the candidates e + d, d in -W..+W.
        const estimates = erlangEstimates(scenario, settings.group, settings);
        const evaluate = simulationEvaluator(scenario, {
          group: settings.group,
          thresholdSeconds: settings.thresholdSeconds,
          replications: settings.replications,
          seed: settings.seed,
          ...(args.workers !== undefined ? { workers: args.workers } : {}),
        });
        const offsets = candidateOffsets(settings.window).filter((_, j) => inShard(j, shard!));
        const candidates: { offset: number; evaluation: CandidateEvaluation }[] = [];
        for (const offset of offsets) {
          candidates.push({ offset, evaluation: await evaluate(shiftedVector(estimates, offset)) });
          bar?.update(++evaluated);
        }
        const file: StaffingCandidatesFile = {
          format: 'ccsim-staffing-candidates/1',
          ccsim: { version },
          request,
          shard: formatShard(shard),
          window: settings.window,
          candidates,
        };
        await mkdir(out, { recursive: true });
        await writeFile(join(out, 'staffing-candidates.json'), `${JSON.stringify(file)}\n`);
        bar?.stop();
        io.stdout.write(
          `shard ${formatShard(shard)}: ${candidates.length} candidate${candidates.length === 1 ? '' : 's'} ` +
            `(shifts ${offsets.map((d) => (d > 0 ? `+${d}` : String(d))).join(', ') || 'none'}); ` +
            `wrote ${join(out, 'staffing-candidates.json')}; combine with \`ccsim merge\`\n`,
        );
        return ExitCode.ok;
      }
      const result = await runStaffing(scenario, args.scenario, settings, {
        version,
        command: formatStaffCommand(request),
        workers: args.workers,
        onEvaluate: () => bar?.update(++evaluated),
      });
      bar?.stop();
      await writeStaffingOutputs(io, result, out, { json: args.json, report: args.report });
      return ExitCode.ok;
    } finally {
      bar?.stop();
    }
  },
});
