import type { Argv } from 'yargs';
import {
  arrivalsPerInterval,
  clockMinutes,
  formatClock,
  loadScenario,
  type Scenario,
  ScenarioError,
} from '../../scenario/index.js';
import { defineCommand } from '../command.js';
import { ExitCode } from '../exitCodes.js';

function builder(yargs: Argv) {
  return yargs
    .usage(
      '$0 validate <scenario...>\n\n' +
        'Checks scenario files against the schema and their cross-references; prints a summary\n' +
        'per file, or every problem with its line:column. Exit 1 when any file is invalid.',
    )
    .positional('scenario', { type: 'string', array: true, describe: 'Scenario YAML files' })
    .option('json', {
      type: 'boolean',
      default: false,
      describe: 'Print one JSON object per file',
    });
}

function summarize(scenario: Scenario) {
  const { horizon, tenant } = scenario;
  const end = (clockMinutes(horizon.start) ?? 0) + horizon.intervals * horizon.intervalMinutes;
  const arrivals = Object.values(arrivalsPerInterval(scenario))
    .flat()
    .reduce((sum, n) => sum + n, 0);
  return {
    name: scenario.name,
    intervals: horizon.intervals,
    intervalMinutes: horizon.intervalMinutes,
    start: horizon.start,
    end: formatClock(end),
    queues: tenant.queues.length,
    assets: tenant.assets.length,
    agentGroups: tenant.agentGroups.length,
    agents: tenant.agentGroups.reduce((sum, g) => sum + g.size, 0),
    expectedArrivals: Math.round(arrivals * 10) / 10,
  };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function summaryLine(file: string, s: ReturnType<typeof summarize>): string {
  return (
    `ok ${file}: ${s.name}, ${count(s.intervals, 'interval')} of ${s.intervalMinutes} min ` +
    `(${s.start}–${s.end}), ${count(s.queues, 'queue')}, ${count(s.assets, 'asset')}, ` +
    `${count(s.agents, 'agent')} in ${count(s.agentGroups, 'group')}, ` +
    `${s.expectedArrivals} expected arrivals\n`
  );
}

export const validateCommand = defineCommand({
  builder,
  prepare: async (args) => ({ files: (args.scenario as unknown[]).map(String), json: args.json }),
  run: async (args, io) => {
    let exitCode: number = ExitCode.ok;
    for (const file of args.files) {
      try {
        const summary = summarize(await loadScenario(file));
        io.stdout.write(
          args.json
            ? `${JSON.stringify({ file, ok: true, ...summary })}\n`
            : summaryLine(file, summary),
        );
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        exitCode = ExitCode.error;
        if (args.json) {
          const error = { code: err.code, message: err.message, issues: err.issues };
          io.stdout.write(`${JSON.stringify({ file, ok: false, error })}\n`);
        } else {
          io.stderr.write(`error ${err.code}: ${err.message}\n`);
        }
      }
    }
    return exitCode;
  },
});
