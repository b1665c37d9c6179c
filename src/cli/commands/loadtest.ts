import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import type { Argv } from 'yargs';
import {
  formatLoadSummary,
  formatMs,
  type LoadTarget,
  parseSegment,
  prepareLoadTest,
  type Segment,
  WHOLE,
} from '../../load/index.js';
import { agentTokens, loadScenario } from '../../scenario/index.js';
import { CliError } from '../cliError.js';
import { defineCommand } from '../command.js';
import { finishLoadTest } from '../loadtestOutputs.js';
import { type ReferenceDeployment, startReferenceDeployment } from '../referenceDeployment.js';
import { defaultReportDir } from '../reportFiles.js';
import { packageVersion } from '../runInfo.js';
import { simulateTrace } from '../simulatedTrace.js';
import { SERVE_ENV } from './serve.js';

function builder(yargs: Argv) {
  return yargs
    .usage(
      '$0 loadtest <scenario> [--target URL] [--speed X] [--duration D] [--segment i/n] [--seed S]\n' +
        '                [--abandon auto|on|off] [--out DIR] [--json] [--baseline FILE] [--junit FILE]\n' +
        '                [--no-report]\n\n' +
        "Replays a simulated replication's customers against a live deployment (open model, latency\n" +
        "from the intended send time) while agent clients follow the scenario's agent behaviour;\n" +
        'checks that no planted secret reaches an agent and no acknowledged message is lost, and\n' +
        'compares measured KPIs with the simulation. Without --target it starts the reference\n' +
        'deployment (ccsim serve) on loopback and stops it at the end. Exit 99 when a threshold of\n' +
        "the scenario's load.thresholds fails. Docs: docs/load.md.",
    )
    .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario YAML file' })
    .option('target', {
      type: 'string',
      describe:
        'Base URL of a deployment that speaks docs/protocol.md (default: start the reference one)',
    })
    .option('speed', {
      type: 'number',
      default: 1,
      describe:
        'Replay speed-up: 60 plays an hour in a minute (the reference deployment runs as fast)',
    })
    .option('duration', {
      type: 'string',
      describe:
        'Stop after this much real time (k6 style: 30s, 5m, 1h30m; default: horizon + drain)',
    })
    .option('abandon', {
      type: 'string',
      choices: ['auto', 'on', 'off'] as const,
      describe:
        "Send the trace's abandons through the load-test extension POST /admin/customers/abandon " +
        '(auto: if the target has it; default: on for the reference deployment, auto with --target)',
    })
    .option('segment', {
      type: 'string',
      describe: 'i/n: this replayer takes customers and agents i of n (n replayers share one load)',
    })
    .option('seed', { type: 'number', describe: 'Run seed (default: simulation.seed)' })
    .option('replication', {
      type: 'number',
      default: 0,
      describe: 'Which replication of the seed provides the customers',
    })
    .option('out', {
      type: 'string',
      describe: 'Output directory (default: reports/<scenario>-loadtest-<timestamp>/)',
    })
    .option('json', {
      type: 'boolean',
      describe: 'Print summary.json to stdout instead of the summary',
    })
    .option('app-secret', {
      type: 'string',
      describe: `The target's webhook signature key [${SERVE_ENV.appSecret}]`,
    })
    .option('admin-token', {
      type: 'string',
      describe: `The target's admin API token [${SERVE_ENV.adminToken}]; without it no records, no predicted vs measured`,
    })
    .option('connections', {
      type: 'number',
      default: 128,
      describe:
        'Keep-alive sockets for webhooks (a send waits for a free one; that wait is measured)',
    })
    .option('sink-port', {
      type: 'number',
      default: 0,
      describe: "Port of the Cloud-API sink on 127.0.0.1 (point the target's graph URL at it)",
    })
    .option('baseline', {
      type: 'string',
      describe:
        "Regression gate: compare the measured KPIs with a load-test (or simulation) summary.json by the scenario's regression.tolerance (exit 99)",
    })
    .option('junit', {
      type: 'string',
      describe: 'Write the thresholds and gate checks as JUnit XML to FILE',
    })
    .option('report', {
      type: 'boolean',
      default: true,
      describe: 'Write the HTML report DIR/index.html (--no-report skips it)',
    })
    .option('run-tag', {
      type: 'string',
      describe: 'Tag in message ids, wamid.<tag>.<arrival>.<seq> (default: from the start time)',
    })
    .example(
      '$0 loadtest scenarios/whatsapp-smoke.yaml --speed 60',
      'The smoke scenario in about a minute against the reference deployment',
    )
    .example(
      'CCSIM_APP_SECRET=... CCSIM_ADMIN_TOKEN=... $0 loadtest scenarios/whatsapp-weekday.yaml --target http://10.0.0.5:8080 --speed 10 --segment 2/4',
      'Segment 2 of 4 against a deployment of your own',
    );
}

type LoadtestOptions = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

/** k6-style durations: `90`, `90s`, `1m30s`, `2h`, `500ms`; milliseconds. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let consumed = 0;
  for (const m of trimmed.matchAll(re)) {
    if (m.index !== consumed) break;
    consumed += m[0].length;
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * 3_600_000 : m[2] === 'm' ? n * 60_000 : m[2] === 's' ? n * 1000 : n;
  }
  if (consumed !== trimmed.length || consumed === 0 || !(total > 0)) {
    throw new CliError(
      'LOAD_INVALID_OPTION',
      `--duration must be like 30s, 5m, 1h30m or a number of seconds, got "${text}"`,
    );
  }
  return total;
}

function parseTokenEnv(json: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = null;
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    Object.values(value).some((t) => typeof t !== 'string')
  ) {
    throw new CliError(
      'LOAD_INVALID_OPTION',
      `${SERVE_ENV.agentTokens} must be a JSON object {"agent-id": "token"}`,
    );
  }
  return value as Record<string, string>;
}

export const loadtestCommand = defineCommand<LoadtestOptions>({
  command: 'loadtest <scenario>',
  describe:
    'Replay a simulated run against a live deployment: latency, leaks, loss, predicted vs measured',
  builder,
  run: async (args, io) => {
    const env = io.env;
    if (!(args.speed > 0) || !Number.isFinite(args.speed)) {
      throw new CliError('LOAD_INVALID_OPTION', '--speed must be a number > 0');
    }
    if (args.seed !== undefined && !(Number.isSafeInteger(args.seed) && args.seed >= 0)) {
      throw new CliError('LOAD_INVALID_OPTION', '--seed must be a non-negative safe integer');
    }
    if (!(Number.isSafeInteger(args.replication) && args.replication >= 0)) {
      throw new CliError('LOAD_INVALID_OPTION', '--replication must be an integer >= 0');
    }
    if (!(Number.isInteger(args.connections) && args.connections >= 1)) {
      throw new CliError('LOAD_INVALID_OPTION', '--connections must be an integer >= 1');
    }
    if (!(Number.isInteger(args.sinkPort) && args.sinkPort >= 0 && args.sinkPort <= 65535)) {
      throw new CliError('LOAD_INVALID_OPTION', '--sink-port must be an integer from 0 to 65535');
    }
    if (args.runTag !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(args.runTag)) {
      throw new CliError('LOAD_INVALID_OPTION', '--run-tag must be 1-32 letters, digits, _ or -');
    }
    const durationMs = args.duration !== undefined ? parseDuration(args.duration) : undefined;
    const segment: Segment = args.segment !== undefined ? parseSegment(args.segment) : WHOLE;
    let targetUrl: URL | null = null;
    if (args.target !== undefined) {
      try {
        targetUrl = new URL(args.target);
      } catch {
        targetUrl = null;
      }
      if (targetUrl === null || targetUrl.protocol !== 'http:') {
        throw new CliError(
          'LOAD_INVALID_OPTION',
          `--target must be an http:// URL, got "${args.target}"`,
        );
      }
    }
    const appSecret = args.appSecret ?? env[SERVE_ENV.appSecret];
    const adminToken = args.adminToken ?? env[SERVE_ENV.adminToken];
    if (targetUrl !== null && !appSecret) {
      throw new CliError(
        'LOAD_INVALID_OPTION',
        `--target needs the deployment's app secret (--app-secret or ${SERVE_ENV.appSecret}) to sign webhooks`,
      );
    }

    if (targetUrl !== null && args.abandon === 'on' && !adminToken) {
      throw new CliError(
        'LOAD_INVALID_OPTION',
        `--abandon on needs the deployment's admin token (--admin-token or ${SERVE_ENV.adminToken})`,
      );
    }

    const scenario = await loadScenario(args.scenario);
    const tokens = new Map(agentTokens(scenario));
    const envTokens = env[SERVE_ENV.agentTokens];
    if (envTokens) {
      for (const [id, token] of Object.entries(parseTokenEnv(envTokens))) tokens.set(id, token);
    }
    const seed = args.seed ?? scenario.simulation.seed;
    const simulated = simulateTrace(scenario, { seed, replication: args.replication });

    const command = ['ccsim loadtest', args.scenario];
    if (args.target !== undefined) command.push(`--target ${args.target}`);
    command.push(`--speed ${args.speed}`);
    if (args.duration !== undefined) command.push(`--duration ${args.duration}`);
    if (args.segment !== undefined) command.push(`--segment ${args.segment}`);
    if (args.abandon !== undefined) command.push(`--abandon ${args.abandon}`);
    if (args.seed !== undefined) command.push(`--seed ${args.seed}`);
    if (args.replication !== 0) command.push(`--replication ${args.replication}`);
    if (args.out !== undefined) command.push(`--out ${args.out}`);
    if (args.json) command.push('--json');

    const bar = io.isTTY
      ? new cliProgress.SingleBar(
          {
            stream: io.stderr,
            format:
              'loadtest {bar} {percentage}% | {elapsed}/{planned}s | sent {sent}/{total} | ' +
              'acked {acked} failed {failed} | p99 ack {p99} | leaks {leaks} | busy agents {busy}',
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
    const abort = new AbortController();
    const onSignal = () => abort.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);

    const prepared = await prepareLoadTest({
      scenario,
      scenarioFile: args.scenario,
      trace: simulated.trace,
      simulated: { records: simulated.records, agentStates: simulated.agentStates },
      speed: args.speed,
      segment,
      ...(args.abandon !== undefined ? { abandon: args.abandon } : {}),
      seed,
      connections: args.connections,
      sinkPort: args.sinkPort,
      version: await packageVersion(),
      command: command.join(' '),
      signal: abort.signal,
      ...(durationMs !== undefined ? { durationMs } : {}),
      ...(args.runTag !== undefined ? { runTag: args.runTag } : {}),
      onProgress: (p) => {
        if (bar === null) return;
        const payload = {
          elapsed: (p.elapsedMs / 1000).toFixed(0),
          planned: (p.plannedMs / 1000).toFixed(0),
          sent: p.sent,
          total: p.total,
          acked: p.acked,
          failed: p.failed,
          p99: formatMs(p.p99AckMs),
          leaks: p.leaks,
          busy: p.busyAgents,
        };
        bar.setTotal(Math.max(1, p.total));
        bar.update(Math.min(p.sent, p.total), payload);
      },
    });
    let deployment: ReferenceDeployment | null = null;
    let result: Awaited<ReturnType<typeof prepared.run>>;
    try {
      let target: LoadTarget;
      if (targetUrl === null) {
        deployment = await startReferenceDeployment({
          scenarioFile: args.scenario,
          speed: args.speed,
          graphUrl: prepared.sinkUrl,
          env,
        });
        target = {
          url: deployment.url,
          wsUrl: deployment.wsUrl,
          appSecret: deployment.appSecret,
          adminToken: deployment.adminToken,
          agentTokens: tokens,
          reference: true,
        };
      } else {
        const base = targetUrl.origin;
        if (!adminToken) {
          io.stderr.write(
            `warning: no admin token (--admin-token or ${SERVE_ENV.adminToken}): no asset deletions, ` +
              'no abandons, no predicted vs measured, loss checked on agent frames only\n',
          );
        }
        io.stderr.write(
          `Cloud-API sink for agent replies: ${prepared.sinkUrl} (set the target's graph URL to it)\n`,
        );
        target = {
          url: base,
          wsUrl: `${base.replace(/^http/, 'ws')}/agent`,
          appSecret: appSecret!,
          adminToken: adminToken || null,
          agentTokens: tokens,
          reference: false,
        };
      }
      bar?.start(simulated.trace.header.messages, 0, {
        elapsed: 0,
        planned: 0,
        sent: 0,
        total: 0,
        acked: 0,
        failed: 0,
        p99: '-',
        leaks: 0,
        busy: 0,
      });
      result = await prepared.run(target);
    } finally {
      bar?.stop();
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      await prepared.close();
      await deployment?.stop();
    }

    const { summary } = result;
    const out = args.out ?? defaultReportDir(`${scenario.name}-loadtest`);
    await mkdir(out, { recursive: true });
    const json = `${JSON.stringify(summary, null, 2)}\n`;
    await writeFile(join(out, 'summary.json'), json);
    if (args.json) io.stdout.write(json);
    else io.stdout.write(`${formatLoadSummary(summary)}  wrote ${join(out, 'summary.json')}\n`);
    return finishLoadTest(io, {
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
