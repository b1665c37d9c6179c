import type { ArgumentsCamelCase, Argv } from 'yargs';
import {
  describeServiceLevelDefinition,
  type ErlangAResult,
  type ErlangCResult,
  erlangA,
  erlangC,
  minimumAgents,
  type ServiceLevelDefinition,
} from '../../analytic/index.js';
import { CliError } from '../cliError.js';
import { defineCommand } from '../command.js';
import { ExitCode } from '../exitCodes.js';
import { parseServiceLevelTarget } from '../serviceLevelTarget.js';

/** What the command computes, before formatting. */
interface Calculation {
  readonly model: 'c' | 'a';
  readonly arrivalsPerHour: number;
  readonly ahtSeconds: number;
  readonly thresholdSeconds: number;
  readonly patienceSeconds?: number;
  readonly serviceLevelDefinition: ServiceLevelDefinition;
  readonly target?: { serviceLevel: number; maxOccupancy?: number };
  readonly agents: number;
  readonly result: ErlangCResult | ErlangAResult;
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
      type: 'number',
      implies: 'target',
      describe: 'With --target: also keep occupancy at or below this percent',
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

export const erlangCommand = defineCommand<ErlangOptions>({
  command: 'erlang',
  describe: 'Erlang C / Erlang A for one interval: service level, ASA, P(wait), abandonment',
  builder,
  run: async (args, io) => {
    const calculation = calculate(args);
    io.stdout.write(
      args.json ? `${JSON.stringify(toJson(calculation))}\n` : formatTable(calculation),
    );
    return ExitCode.ok;
  },
});

function calculate(args: ErlangArgs): Calculation {
  const arrivalsPerHour = number('--arrivals', args.arrivals, { min: 0 });
  const ahtSeconds = number('--aht', args.aht, { min: 0, exclusive: true });
  const serviceLevelDefinition = parseServiceLevelDefinition(args.slDefinition);

  let patienceSeconds: number | undefined;
  if (args.model === 'a') {
    if (args.patience === undefined) {
      throw new CliError('ERLANG_MISSING_OPTION', '--model a needs --patience <seconds>');
    }
    patienceSeconds = number('--patience', args.patience, { min: 0, exclusive: true });
  } else if (args.patience !== undefined) {
    throw new CliError(
      'ERLANG_INVALID_OPTION',
      '--patience applies to --model a only (Erlang C assumes customers never abandon)',
    );
  }

  const target =
    args.target === undefined
      ? undefined
      : parseServiceLevelTarget(args.target, 'ERLANG_INVALID_OPTION');
  let thresholdSeconds: number;
  if (args.threshold !== undefined) {
    thresholdSeconds = number('--threshold', args.threshold, { min: 0 });
    if (target?.thresholdSeconds !== undefined && target.thresholdSeconds !== thresholdSeconds) {
      throw new CliError(
        'ERLANG_INVALID_OPTION',
        `--threshold ${thresholdSeconds} contradicts --target ${args.target}`,
      );
    }
  } else if (target?.thresholdSeconds !== undefined) {
    thresholdSeconds = target.thresholdSeconds;
  } else {
    throw new CliError(
      'ERLANG_MISSING_OPTION',
      'give --threshold <seconds> (or a target with one, e.g. --target 80/20)',
    );
  }

  const common = {
    arrivalsPerHour,
    ahtSeconds,
    thresholdSeconds,
    patienceSeconds,
    serviceLevelDefinition,
  };

  if (target !== undefined) {
    const staffingTarget = {
      serviceLevel: target.serviceLevel,
      ...(args.maxOccupancy === undefined
        ? {}
        : { maxOccupancy: percent('--max-occupancy', args.maxOccupancy) }),
    };
    const found =
      patienceSeconds === undefined
        ? minimumAgents({ model: 'c', ...common }, staffingTarget)
        : minimumAgents({ model: 'a', ...common, patienceSeconds }, staffingTarget);
    return { model: args.model, ...common, target: staffingTarget, ...found };
  }

  if (args.agents === undefined) {
    throw new CliError(
      'ERLANG_MISSING_OPTION',
      'give --agents <n>, or --target <percent>/<seconds> to find the minimum',
    );
  }
  const agents = number('--agents', args.agents, { min: 1, integer: true });
  const result =
    patienceSeconds === undefined
      ? erlangC({ ...common, agents })
      : erlangA({ ...common, agents, patienceSeconds });
  return { model: args.model, ...common, agents, result };
}

function number(
  flag: string,
  value: unknown,
  rule: { min: number; exclusive?: boolean; integer?: boolean },
): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (rule.exclusive ? value > rule.min : value >= rule.min) &&
    (!rule.integer || Number.isInteger(value));
  if (!ok) {
    const kind = rule.integer ? 'an integer' : 'a number';
    const bound = `${rule.exclusive ? '>' : '>='} ${rule.min}`;
    const shown = Array.isArray(value)
      ? 'several values'
      : Number.isNaN(value)
        ? 'something that is not a number'
        : String(value);
    throw new CliError('ERLANG_INVALID_OPTION', `${flag} must be ${kind} ${bound}, got ${shown}`);
  }
  return value as number;
}

/** A percent in (0, 100] as a fraction. */
function percent(flag: string, value: unknown): number {
  const p = number(flag, value, { min: 0, exclusive: true });
  if (p > 100) {
    throw new CliError('ERLANG_INVALID_OPTION', `${flag} is a percent in (0, 100], got ${p}`);
  }
  return p / 100;
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
  throw new CliError(
    'ERLANG_INVALID_OPTION',
    `--sl-definition must be offered, short-abandons:<seconds> or answered-plus-late, got ${text}`,
  );
}

function toJson(c: Calculation): Record<string, unknown> {
  const { model: _model, result, agents, target, ...input } = c;
  const { model, ...measures } = result;
  return { model, input, ...(target ? { target } : {}), agents, ...measures };
}

const pct = (p: number) => `${(100 * p).toFixed(3)} %`;
const secs = (s: number) => (Number.isFinite(s) ? `${s.toFixed(2)} s` : 'infinite');
const plain = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : 'infinite');

function formatTable(c: Calculation): string {
  const r = c.result;
  const title =
    r.model === 'c'
      ? 'Erlang C (M/M/N, no abandonment)'
      : `Erlang A (M/M/N+M, mean patience ${c.patienceSeconds} s)`;
  const lines: string[] = [
    `${title}: ${c.arrivalsPerHour} arrivals/h, AHT ${c.ahtSeconds} s, T ${c.thresholdSeconds} s`,
  ];
  if (c.target) {
    const occupancy =
      c.target.maxOccupancy === undefined
        ? ''
        : ` and occupancy <= ${(100 * c.target.maxOccupancy).toFixed(1)} %`;
    lines.push(
      `minimum agents for service level >= ${(100 * c.target.serviceLevel).toFixed(1)} %${occupancy}: ${c.agents}`,
    );
  }
  lines.push('');

  const rows: [string, string][] = [
    ['agents', String(c.agents)],
    ['offered load', `${r.offeredLoadErlangs.toFixed(3)} Erlang`],
    ['P(wait)', pct(r.probabilityWait)],
  ];
  if (r.model === 'c') {
    rows.push(
      ['service level', `${pct(r.serviceLevel)}  (answered within T / offered)`],
      ['ASA', secs(r.asaSeconds)],
      ['mean wait of those who wait', secs(r.meanWaitOfWaitingSeconds)],
      ['mean queue length', plain(r.meanQueueLength, 3)],
      ['occupancy', pct(r.occupancy)],
    );
  } else {
    rows.push(
      ['P(abandon)', pct(r.probabilityAbandon)],
      [
        'service level',
        `${pct(r.serviceLevel)}  (${describeServiceLevelDefinition(r.serviceLevelDefinition)})`,
      ],
      ['answered within T', pct(r.probabilityAnsweredWithinThreshold)],
      ['abandoned within T', pct(r.probabilityAbandonedWithinThreshold)],
      ['abandoned after T', pct(r.probabilityAbandonedAfterThreshold)],
      ['ASA (answered)', secs(r.asaSeconds)],
      ['mean wait (all)', secs(r.meanWaitSeconds)],
      ['mean queue length', plain(r.meanQueueLength, 3)],
      ['occupancy', pct(r.occupancy)],
    );
  }
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  // Right-align the numbers on their first space so that units and notes line up after them.
  const numberWidth = Math.max(...rows.map(([, value]) => value.split(' ')[0]!.length));
  for (const [label, value] of rows) {
    const [head, ...rest] = value.split(' ');
    const tail = rest.length > 0 ? ` ${rest.join(' ')}` : '';
    lines.push(`  ${label.padEnd(labelWidth)}  ${head!.padStart(numberWidth)}${tail}`);
  }
  if (r.model === 'c' && !r.stable) {
    lines.push(
      '',
      'unstable: offered load >= agents, so the queue grows without bound (try --model a).',
    );
  }
  return `${lines.join('\n')}\n`;
}
