import { writeFile } from 'node:fs/promises';
import type { Argv } from 'yargs';
import { formatK6Trace, formatTraceNdjson, toK6Trace } from '../../load/index.js';
import { loadScenario } from '../../scenario/index.js';
import { defineCommand } from '../command.js';
import { ExitCode } from '../exitCodes.js';
import { simulateTrace } from '../simulatedTrace.js';

function builder(yargs: Argv) {
  return yargs
    .usage(
      '$0 trace <scenario> [--seed S] [--replication i] [--out FILE] [--format ndjson|k6]\n\n' +
        'The customer side of a simulated replication, for load tests: every customer message with\n' +
        'its send time, customer, text and planted secrets (with their spans), and the abandons.\n' +
        'ndjson: a header line, then one event per line. k6: one JSON document for scenarios/k6/.\n' +
        'Times are milliseconds from the horizon start (independent of any speed-up).',
    )
    .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario YAML file' })
    .option('seed', { type: 'number', describe: 'Run seed (default: simulation.seed)' })
    .option('replication', {
      type: 'number',
      default: 0,
      describe: 'Which replication of the seed (its customers are the trace)',
    })
    .option('out', { type: 'string', describe: 'Write to FILE instead of stdout' })
    .option('format', {
      choices: ['ndjson', 'k6'] as const,
      default: 'ndjson' as const,
      describe: 'ndjson (one event per line) or k6 (one JSON document for SharedArray)',
    })
    .example('$0 trace scenarios/whatsapp-smoke.yaml --out smoke.ndjson', 'NDJSON trace')
    .example(
      '$0 trace scenarios/whatsapp-smoke.yaml --format k6 --out smoke.k6.json',
      'Traffic for scenarios/k6/whatsapp.ts',
    );
}

type TraceOptions = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

function isCount(value: number | undefined): boolean {
  return value === undefined || (Number.isSafeInteger(value) && value >= 0);
}

export const traceCommand = defineCommand<TraceOptions>({
  command: 'trace <scenario>',
  describe: 'Write the customer side of a simulated run (the traffic a load test replays)',
  builder,
  run: async (args, io) => {
    if (!isCount(args.seed)) {
      io.stderr.write('error CLI_USAGE: --seed must be a non-negative safe integer\n');
      return ExitCode.usage;
    }
    if (!isCount(args.replication)) {
      io.stderr.write('error CLI_USAGE: --replication must be an integer >= 0\n');
      return ExitCode.usage;
    }
    const scenario = await loadScenario(args.scenario);
    const seed = args.seed ?? scenario.simulation.seed;
    const { trace } = simulateTrace(scenario, { seed, replication: args.replication });
    const text =
      args.format === 'k6' ? formatK6Trace(toK6Trace(trace, scenario)) : formatTraceNdjson(trace);
    if (args.out === undefined) {
      io.stdout.write(text);
    } else {
      await writeFile(args.out, text);
      const h = trace.header;
      io.stderr.write(
        `wrote ${args.out}: ${h.customers} customers, ${h.messages} messages, ${h.abandons} abandons, ` +
          `${h.secrets} planted secrets (scenario ${h.scenario}, seed ${seed}, replication ${h.replication})\n`,
      );
    }
    return ExitCode.ok;
  },
});
