import type { ArgumentsCamelCase, Argv } from 'yargs';
import {
  erlangA,
  erlangC,
  minimumAgents,
  type ServiceLevelDefinition,
} from '../../analytic/index.js';
import { type ErlangCalculation, erlangJson, formatErlangTable } from '../../report/index.js';
import { defineCommand } from '../command.js';
import { ExitCode } from '../exitCodes.js';
import { integerOption, numberOption } from '../optionValues.js';
import { parseServiceLevelTarget } from '../serviceLevelTarget.js';
import { parseShare, SHARE_RANGES } from '../share.js';
import { missing, usageError } from '../usage.js';

/** What the command is asked, every value checked. */
interface ErlangRequest {
  readonly model: 'c' | 'a';
  readonly arrivalsPerHour: number;
  readonly ahtSeconds: number;
  readonly thresholdSeconds: number;
  readonly patienceSeconds?: number | undefined;
  readonly serviceLevelDefinition: ServiceLevelDefinition;
  readonly target?: { serviceLevel: number; maxOccupancy?: number } | undefined;
  readonly agents?: number | undefined;
  readonly json: boolean;
}

function builder(yargs: Argv) {
  return yargs
    .usage(
      '$0 erlang --model c|a --arrivals <per hour> --aht <s> --agents <n> --threshold <s> [--patience <s>]\n' +
        '$0 erlang --model c|a --arrivals <per hour> --aht <s> --target 80/20 [--patience <s>]\n\n' +
        'Erlang C (M/M/N) or Erlang A (M/M/N+M, exponential patience) for one stationary interval.\n' +
        'With --target instead of --agents it prints the least number of agents that meets it.',
    )
    .option('model', {
      choices: ['c', 'a'] as const,
      demandOption: true,
      describe: 'c: no abandonment (M/M/N); a: exponential patience (M/M/N+M)',
    })
    .option('arrivals', { type: 'number', demandOption: true, describe: 'Arrivals per hour' })
    .option('aht', { type: 'number', demandOption: true, describe: 'Average handle time, seconds' })
    .option('agents', { type: 'number', conflicts: 'target', describe: 'Number of agents' })
    .option('threshold', {
      type: 'number',
      describe: 'Service-level threshold T, seconds (or from --target 80/20)',
    })
    .option('patience', {
      type: 'number',
      describe: 'Mean patience, seconds (required for --model a)',
    })
    .option('sl-definition', {
      type: 'string',
      default: 'offered',
      describe:
        'Service-level denominator: offered | short-abandons:<S seconds> | answered-plus-late',
    })
    .option('target', {
      type: 'string',
      describe: 'Find the minimum agents for a service level: <percent>/<T seconds> or <percent>',
    })
    .option('max-occupancy', {
      type: 'string',
      implies: 'target',
      describe: 'With --target: also keep occupancy at or below this share (85% or 0.85)',
    })
    .option('json', { type: 'boolean', default: false, describe: 'Print one JSON object' })
    .example(
      '$0 erlang --model c --arrivals 200 --aht 180 --agents 14 --threshold 20',
      'Erlang C: 100 contacts per 30 min',
    )
    .example(
      '$0 erlang --model a --arrivals 200 --aht 180 --patience 300 --target 80/20',
      'Least agents for 80 % within 20 s with abandonment',
    );
}

type ErlangOptions = ReturnType<typeof builder> extends Argv<infer T> ? T : never;
type ErlangArgs = ArgumentsCamelCase<ErlangOptions>;

export const erlangCommand = defineCommand({
  builder,
  prepare: async (args) => requestOf(args),
  run: async (request, io) => {
    const calculation = calculate(request);
    io.stdout.write(
      request.json
        ? `${JSON.stringify(erlangJson(calculation))}\n`
        : formatErlangTable(calculation),
    );
    return ExitCode.ok;
  },
});

function requestOf(args: ErlangArgs): ErlangRequest {
  const arrivalsPerHour = numberOption('arrivals', args.arrivals, { min: 0, inclusive: true })!;
  const ahtSeconds = numberOption('aht', args.aht, { min: 0 })!;
  const serviceLevelDefinition = parseServiceLevelDefinition(args.slDefinition);

  let patienceSeconds: number | undefined;
  if (args.model === 'a') {
    if (args.patience === undefined) throw missing('--patience', '--model a needs it');
    patienceSeconds = numberOption('patience', args.patience, { min: 0 });
  } else if (args.patience !== undefined) {
    throw usageError(
      '--patience applies to --model a only (Erlang C assumes customers never abandon)',
    );
  }

  const target =
    args.target === undefined ? undefined : parseServiceLevelTarget(String(args.target));
  let thresholdSeconds: number;
  if (args.threshold !== undefined) {
    thresholdSeconds = numberOption('threshold', args.threshold, { min: 0, inclusive: true })!;
    if (target?.thresholdSeconds !== undefined && target.thresholdSeconds !== thresholdSeconds) {
      throw usageError(`--threshold ${thresholdSeconds} contradicts --target ${args.target}`);
    }
  } else if (target?.thresholdSeconds !== undefined) {
    thresholdSeconds = target.thresholdSeconds;
  } else {
    throw missing('--threshold', 'or a target with one, e.g. --target 80/20');
  }

  const common = {
    model: args.model,
    arrivalsPerHour,
    ahtSeconds,
    thresholdSeconds,
    patienceSeconds,
    serviceLevelDefinition,
    json: args.json,
  };
  if (target !== undefined) {
    const maxOccupancy = parseShare('max-occupancy', args.maxOccupancy, SHARE_RANGES.maxOccupancy);
    return {
      ...common,
      target: {
        serviceLevel: target.serviceLevel,
        ...(maxOccupancy === undefined ? {} : { maxOccupancy }),
      },
    };
  }
  if (args.agents === undefined) {
    throw missing('--agents', 'or --target <percent>/<seconds> to find the minimum');
  }
  return { ...common, agents: integerOption('agents', args.agents, { min: 1 }) };
}

function calculate(r: ErlangRequest): ErlangCalculation {
  const {
    model,
    arrivalsPerHour,
    ahtSeconds,
    thresholdSeconds,
    patienceSeconds,
    serviceLevelDefinition,
  } = r;
  const common = {
    arrivalsPerHour,
    ahtSeconds,
    thresholdSeconds,
    patienceSeconds,
    serviceLevelDefinition,
  };
  if (r.target !== undefined) {
    const found =
      patienceSeconds === undefined
        ? minimumAgents({ model: 'c', ...common }, r.target)
        : minimumAgents({ model: 'a', ...common, patienceSeconds }, r.target);
    return { model, ...common, target: r.target, ...found };
  }
  const agents = r.agents!;
  const result =
    patienceSeconds === undefined
      ? erlangC({ ...common, agents })
      : erlangA({ ...common, agents, patienceSeconds });
  return { model, ...common, agents, result };
}

/** `offered` | `short-abandons:<S>` | `answered-plus-late`. */
export function parseServiceLevelDefinition(text: string): ServiceLevelDefinition {
  if (text === 'offered') return { kind: 'offered' };
  if (text === 'answered-plus-late') return { kind: 'answered-plus-late-abandons' };
  const short = /^short-abandons:(.+)$/.exec(text);
  if (short) {
    const seconds = Number(short[1]);
    if (short[1]!.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) {
      return { kind: 'offered-minus-short-abandons', shortAbandonSeconds: seconds };
    }
  }
  throw usageError(
    `--sl-definition must be offered, short-abandons:<seconds> or answered-plus-late, got "${text}"`,
  );
}
