import { writeFile } from 'node:fs/promises';
import type { Argv } from 'yargs';
import { formatK6Trace, formatTraceNdjson, toK6Trace } from '../../load/index.js';
import { loadScenario } from '../../scenario/index.js';
import { defineCommand } from '../command.js';
import { ExitCode } from '../exitCodes.js';
import { integerOption, stringOption } from '../optionValues.js';
import { prepareOutputFile } from '../outputFolder.js';
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
    .example('$0 trace scenarios/whatsapp-smoke.yaml --out reports/smoke.ndjson', 'NDJSON trace')
    .example(
      '$0 trace scenarios/whatsapp-smoke.yaml --format k6 --out reports/smoke.k6.json',
      'Traffic for scenarios/k6/whatsapp.ts',
    );
}

export const traceCommand = defineCommand({
  builder,
  prepare: async (args) => {
    const seed = integerOption('seed', args.seed, { min: 0 });
    const replication = integerOption('replication', args.replication, { min: 0 })!;
    const out = stringOption('out', args.out);
    const scenario = await loadScenario(args.scenario);
    if (out !== undefined) await prepareOutputFile(out, 'out');
    return {
      scenario,
      seed: seed ?? scenario.simulation.seed,
      replication,
      out,
      format: args.format,
    };
  },
  run: async ({ scenario, seed, replication, out, format }, io) => {
    const { trace } = simulateTrace(scenario, { seed, replication });
    const text =
      format === 'k6' ? formatK6Trace(toK6Trace(trace, scenario)) : formatTraceNdjson(trace);
    if (out === undefined) {
      io.stdout.write(text);
    } else {
      await writeFile(out, text);
      const h = trace.header;
      io.stderr.write(
        `wrote ${out}: ${h.customers} customers, ${h.messages} messages, ${h.abandons} abandons, ` +
          `${h.secrets} planted secrets (scenario ${h.scenario}, seed ${seed}, replication ${h.replication})\n`,
      );
    }
    return ExitCode.ok;
  },
});
