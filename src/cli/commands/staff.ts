import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import {
  CANDIDATES_FILE,
  type CandidateEvaluation,
  candidateOffsets,
  erlangEstimates,
  formatShard,
  inShard,
  resolveSettings,
  runStaffing,
  SimError,
  type StaffingCandidatesFile,
  type StaffRequest,
  settingsEvaluator,
  shiftedVector,
} from '../../../sim/index.js';
import { loadScenario } from '../../scenario/index.js';
import { defineCommand } from '../command.js';
import { ExitCode } from '../exitCodes.js';
import { integerOption, stringOption } from '../optionValues.js';
import { prepareOutputFolder } from '../outputFolder.js';
import { defaultReportDir } from '../reportFiles.js';
import { packageVersion } from '../runInfo.js';
import { parseServiceLevelTarget } from '../serviceLevelTarget.js';
import { parseShardOption } from '../shardOption.js';
import { parseShare, SHARE_RANGES } from '../share.js';
import { writeStaffingOutputs } from '../staffingOutputs.js';
import { usageError } from '../usage.js';

function builder(yargs: Argv) {
  return yargs
    .usage(
      '$0 staff <scenario> [--target 80/20] [--max-occupancy 85%] [--shrinkage 30%] [--group ID]\n' +
        '  [--replications N] [--max-replications M] [--seed S] [--confidence 95%] [--max-steps N]\n' +
        '  [--json] [--out DIR] [--shard k/n [--window W]] [--workers N] [--no-report]\n\n' +
        'The least agents per interval that meet a service-level target: an Erlang A (or C) estimate\n' +
        'per interval, refined by simulation with common random numbers (docs/reports.md, Staffing).\n' +
        'Shares are written 85% or 0.85. Writes DIR/staffing.json and DIR/index.html.',
    )
    .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario YAML file' })
    .option('target', {
      type: 'string',
      describe: "SL/T: 80/20 is 80% within 20 s (default: the scenario's serviceLevel)",
    })
    .option('max-occupancy', {
      type: 'string',
      describe: 'Also keep occupancy at most this share (85% or 0.85)',
    })
    .option('shrinkage', {
      type: 'string',
      describe:
        'Share of paid time not available (breaks, training; 30% or 0.3): scheduled = agents / (1 - s)',
    })
    .option('group', {
      type: 'string',
      describe:
        'Agent group to staff; the others stay as in the scenario (default: the only group)',
    })
    .option('replications', {
      type: 'number',
      describe:
        "Replications a candidate starts with, at least 10 (default: the scenario's simulation.replications, or 10)",
    })
    .option('max-replications', {
      type: 'number',
      describe:
        'The budget per candidate: replications double while an interval is undecided, up to this (default 4 x --replications)',
    })
    .option('seed', { type: 'number', describe: 'Run seed (default: simulation.seed)' })
    .option('confidence', {
      type: 'string',
      describe: 'Simultaneous confidence of the decisions over the intervals (default 95%)',
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
    .option('workers', {
      type: 'number',
      describe: 'Worker threads (default: none on up to 2 cores, else one per core)',
    })
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
      '$0 staff scenarios/whatsapp-weekday.yaml --group support --max-occupancy 85% --shrinkage 30%',
      'One group of a multi-group day',
    );
}

export const staffCommand = defineCommand({
  builder,
  prepare: async (args) => {
    const targetText = stringOption('target', args.target);
    const target = targetText === undefined ? undefined : parseServiceLevelTarget(targetText);
    if (target && target.thresholdSeconds === undefined) {
      throw usageError(`--target needs a threshold too, e.g. 80/20; got "${targetText}"`);
    }
    const request: StaffRequest = {
      file: args.scenario,
      target: target && {
        serviceLevel: target.serviceLevel,
        thresholdSeconds: target.thresholdSeconds!,
      },
      maxOccupancy: parseShare('max-occupancy', args.maxOccupancy, SHARE_RANGES.maxOccupancy),
      shrinkage: parseShare('shrinkage', args.shrinkage, SHARE_RANGES.shrinkage),
      group: stringOption('group', args.group),
      replications: integerOption('replications', args.replications, { min: 1 }),
      maxReplications: integerOption('max-replications', args.maxReplications, { min: 1 }),
      seed: integerOption('seed', args.seed, { min: 0 }),
      confidence: parseShare('confidence', args.confidence, SHARE_RANGES.confidence),
      maxSteps: integerOption('max-steps', args.maxSteps, { min: 1 }),
      window: integerOption('window', args.window, { min: 0 }),
      shard: stringOption('shard', args.shard),
      out: stringOption('out', args.out),
      json: args.json,
    };
    const shard = parseShardOption(request.shard);
    if (request.window !== undefined && !shard)
      throw usageError('--window applies to --shard only');
    const workers = integerOption('workers', args.workers, { min: 0 });
    const scenario = await loadScenario(args.scenario);
    let settings: ReturnType<typeof resolveSettings>;
    try {
      settings = resolveSettings(scenario, request);
    } catch (err) {
      if (err instanceof SimError) throw usageError(err.message);
      throw err;
    }
    const out = request.out ?? defaultReportDir(`${scenario.name}-staffing`);
    await prepareOutputFolder(out);
    return { scenario, request, settings, shard, workers, out, report: args.report };
  },
  run: async (plan, io) => {
    const { scenario, request, settings, shard, workers } = plan;
    const version = await packageVersion();
    const offsets = shard
      ? candidateOffsets(settings.window).filter((_, j) => inShard(j, shard))
      : [];
    // The search's length is known only at its end: candidates are counted, not a share of them.
    const progress = io.progress.start(`staff ${scenario.name}`, offsets.length, 'candidates done');
    // Candidates started; the one running is the last of them.
    let started = 0;
    const onLook = (replications: number, undecided: number) =>
      progress.update(
        started - 1,
        `candidate ${started}: ${replications} of at most ${settings.maxReplications} replications, ${undecided} interval${undecided === 1 ? '' : 's'} undecided`,
      );
    try {
      if (shard) {
        // Shard: evaluate this shard's share of the candidates e + d, d in -W..+W.
        const estimates = erlangEstimates(scenario, settings.group, settings);
        const evaluate = settingsEvaluator(scenario, settings, { workers, onLook });
        const candidates: { offset: number; evaluation: CandidateEvaluation }[] = [];
        for (const offset of offsets) {
          started++;
          candidates.push({ offset, evaluation: await evaluate(shiftedVector(estimates, offset)) });
          progress.update(started);
        }
        const file: StaffingCandidatesFile = {
          format: 'ccsim-staffing-candidates/2',
          ccsim: { version },
          request,
          shard: formatShard(shard),
          window: settings.window,
          candidates,
        };
        await writeFile(join(plan.out, CANDIDATES_FILE), `${JSON.stringify(file)}\n`);
        progress.stop();
        io.stdout.write(
          `shard ${formatShard(shard)}: ${candidates.length} candidate${candidates.length === 1 ? '' : 's'} ` +
            `(shifts ${offsets.map((d) => (d > 0 ? `+${d}` : String(d))).join(', ') || 'none'}); ` +
            `wrote ${join(plan.out, CANDIDATES_FILE)}; combine with \`ccsim merge\`\n`,
        );
        return ExitCode.ok;
      }
      const result = await runStaffing(scenario, request.file, settings, {
        version,
        request,
        workers,
        onLook,
        onEvaluate: () => {
          started++;
          progress.update(started - 1);
        },
      });
      progress.update(started);
      progress.stop();
      await writeStaffingOutputs(io, result, plan.out, {
        json: request.json === true,
        report: plan.report,
      });
      return ExitCode.ok;
    } finally {
      progress.stop();
    }
  },
});
