import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { type LiveDashboard, savedHtml, startLiveDashboard } from '../../dashboard/index.js';
import { checkTolerances } from '../../kpi/index.js';
import {
  formatMs,
  LoadError,
  LoadMetrics,
  type LoadTarget,
  parseSegment,
  parseThresholds,
  prepareLoadTest,
  type Segment,
  WHOLE,
} from '../../load/index.js';
import { agentTokens, loadScenario } from '../../scenario/index.js';
import { type Baseline, readBaseline } from '../baselineFile.js';
import { CliError } from '../cliError.js';
import { defineCommand } from '../command.js';
import { dashboardPlan, withDashboardOptions } from '../dashboardOptions.js';
import { writeLoadTestOutputs } from '../loadtestOutputs.js';
import { integerOption, numberOption, stringOption } from '../optionValues.js';
import { prepareOutputFile, prepareOutputFolder } from '../outputFolder.js';
import type { ProgressTask } from '../progress.js';
import { type ReferenceDeployment, startReferenceDeployment } from '../referenceDeployment.js';
import { defaultReportDir } from '../reportFiles.js';
import { packageVersion } from '../runInfo.js';
import { simulateTrace } from '../simulatedTrace.js';
import { usageError } from '../usage.js';
import { SERVE_ENV } from './serve.js';

function builder(yargs: Argv) {
  return withDashboardOptions(yargs)
    .usage(
      '$0 loadtest <scenario> [--target URL] [--speed X] [--duration D] [--segment i/n] [--seed S]\n' +
        '  [--replication i] [--out DIR] [--json] [--app-secret S] [--admin-token T]\n' +
        '  [--abandon auto|on|off] [--connections N] [--sink-port P] [--run-tag TAG]\n' +
        '  [--baseline FILE] [--junit FILE] [--no-report] [--dashboard [--dashboard-port P]]\n\n' +
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
      '$0 loadtest scenarios/whatsapp-smoke.yaml --speed 60 --dashboard',
      'The same with a live dashboard (its URL is printed; saved as dashboard.html at the end)',
    )
    .example(
      'CCSIM_APP_SECRET=... CCSIM_ADMIN_TOKEN=... $0 loadtest scenarios/whatsapp-weekday.yaml --target http://10.0.0.5:8080 --speed 10 --segment 2/4',
      'Segment 2 of 4 against a deployment of your own',
    );
}

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
    throw usageError(
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

function segmentOf(text: string | undefined): Segment {
  if (text === undefined) return WHOLE;
  try {
    return parseSegment(text);
  } catch (err) {
    if (err instanceof LoadError) throw usageError(err.message);
    throw err;
  }
}

/**
 * What the run is about to do, printed before it starts (as k6 prints its execution plan), so a
 * log shows the plan even if the run is stopped: the planned real time is the horizon's sending
 * and at most the drain after it (the run ends once every conversation is final).
 */
export function runHeader(
  plan: {
    readonly scenario: { readonly name: string };
    readonly seed: number;
    readonly replication: number;
    readonly segment: Segment;
    readonly speed: number;
    readonly durationMs: number | undefined;
  },
  trace: {
    readonly customers: number;
    readonly messages: number;
    readonly horizonMs: number;
    readonly endMs: number;
  },
  url: string,
): string {
  const seconds = (ms: number) => `${Math.round(ms / plan.speed / 100) / 10} s`;
  const segment =
    plan.segment.count === 1
      ? ''
      : `, this replayer takes segment ${plan.segment.index}/${plan.segment.count}`;
  const cap =
    plan.durationMs !== undefined ? `; --duration stops it after ${plan.durationMs / 1000} s` : '';
  return (
    `ccsim loadtest ${plan.scenario.name}: seed ${plan.seed}, replication ${plan.replication}, speed ${plan.speed}x, target ${url}\n` +
    `  trace: ${trace.customers} customers, ${trace.messages} messages${segment}; sending for ${seconds(trace.horizonMs)}, ` +
    `then at most ${seconds(trace.endMs - trace.horizonMs)} of drain (it ends once every conversation is final)${cap}\n`
  );
}

export const loadtestCommand = defineCommand({
  builder,
  prepare: async (args, io) => {
    const env = io.env;
    const speed = numberOption('speed', args.speed, { min: 0 })!;
    const seed = integerOption('seed', args.seed, { min: 0 });
    const replication = integerOption('replication', args.replication, { min: 0 })!;
    const connections = integerOption('connections', args.connections, { min: 1 })!;
    const sinkPort = integerOption('sink-port', args.sinkPort, { min: 0, max: 65535 })!;
    const dashboard = dashboardPlan(args);
    const runTag = stringOption('run-tag', args.runTag);
    if (runTag !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(runTag)) {
      throw usageError(`--run-tag must be 1-32 letters, digits, _ or -, got "${runTag}"`);
    }
    const duration = stringOption('duration', args.duration);
    const durationMs = duration !== undefined ? parseDuration(duration) : undefined;
    const segmentText = stringOption('segment', args.segment);
    const segment = segmentOf(segmentText);
    const targetText = stringOption('target', args.target);
    let targetUrl: URL | null = null;
    if (targetText !== undefined) {
      try {
        targetUrl = new URL(targetText);
      } catch {
        targetUrl = null;
      }
      if (targetUrl === null || targetUrl.protocol !== 'http:') {
        throw usageError(`--target must be an http:// URL, got "${targetText}"`);
      }
    }
    const appSecret = stringOption('app-secret', args.appSecret) ?? env[SERVE_ENV.appSecret];
    const adminToken = stringOption('admin-token', args.adminToken) ?? env[SERVE_ENV.adminToken];
    if (targetUrl !== null && !appSecret) {
      throw usageError(
        `--target needs the deployment's app secret (--app-secret or ${SERVE_ENV.appSecret}) to sign webhooks`,
      );
    }
    if (targetUrl !== null && args.abandon === 'on' && !adminToken) {
      throw usageError(
        `--abandon on needs the deployment's admin token (--admin-token or ${SERVE_ENV.adminToken})`,
      );
    }
    const baselinePath = stringOption('baseline', args.baseline);
    if (baselinePath !== undefined && targetUrl !== null && !adminToken) {
      throw new CliError(
        'BASELINE_UNAVAILABLE',
        `--baseline needs this run's measured KPIs, which need the deployment's admin token (--admin-token or ${SERVE_ENV.adminToken})`,
      );
    }
    const junit = stringOption('junit', args.junit);
    const out = stringOption('out', args.out);

    const scenario = await loadScenario(args.scenario);
    parseThresholds(scenario.load.thresholds, new LoadMetrics().types());
    const tokens = new Map(agentTokens(scenario));
    const envTokens = env[SERVE_ENV.agentTokens];
    if (envTokens) {
      for (const [id, token] of Object.entries(parseTokenEnv(envTokens))) tokens.set(id, token);
    }
    let baseline: Baseline | null = null;
    if (baselinePath !== undefined) {
      baseline = await readBaseline(baselinePath, {
        scenario: scenario.name,
        accept: 'simulation-or-loadtest',
      });
      checkTolerances(scenario.regression.tolerance);
    }
    if (junit !== undefined) await prepareOutputFile(junit, 'junit');
    const dir = out ?? defaultReportDir(`${scenario.name}-loadtest`);
    await prepareOutputFolder(dir);

    const command = ['ccsim loadtest', args.scenario];
    if (targetText !== undefined) command.push(`--target ${targetText}`);
    command.push(`--speed ${speed}`);
    if (duration !== undefined) command.push(`--duration ${duration}`);
    if (segmentText !== undefined) command.push(`--segment ${segmentText}`);
    if (args.abandon !== undefined) command.push(`--abandon ${args.abandon}`);
    if (seed !== undefined) command.push(`--seed ${seed}`);
    if (replication !== 0) command.push(`--replication ${replication}`);
    if (out !== undefined) command.push(`--out ${out}`);
    if (args.json) command.push('--json');
    if (baselinePath !== undefined) command.push(`--baseline ${baselinePath}`);
    if (junit !== undefined) command.push(`--junit ${junit}`);
    if (dashboard !== null) command.push('--dashboard');
    return {
      dashboard,
      file: args.scenario,
      scenario,
      tokens,
      seed: seed ?? scenario.simulation.seed,
      replication,
      speed,
      segment,
      abandon: args.abandon,
      connections,
      sinkPort,
      durationMs,
      runTag,
      targetUrl,
      appSecret,
      adminToken,
      baseline,
      junit,
      out: dir,
      json: args.json === true,
      report: args.report,
      command: command.join(' '),
    };
  },
  run: async (plan, io) => {
    const { scenario } = plan;
    const simulated = simulateTrace(scenario, { seed: plan.seed, replication: plan.replication });
    const abort = new AbortController();
    const onSignal = () => abort.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    // Started once the deployment is up: its start-up is not the run's progress.
    let progress = null as ProgressTask | null;

    const prepared = await prepareLoadTest({
      scenario,
      scenarioFile: plan.file,
      trace: simulated.trace,
      simulated: { records: simulated.records, agentStates: simulated.agentStates },
      speed: plan.speed,
      segment: plan.segment,
      ...(plan.abandon !== undefined ? { abandon: plan.abandon } : {}),
      seed: plan.seed,
      connections: plan.connections,
      sinkPort: plan.sinkPort,
      version: await packageVersion(),
      command: plan.command,
      signal: abort.signal,
      ...(plan.durationMs !== undefined ? { durationMs: plan.durationMs } : {}),
      ...(plan.runTag !== undefined ? { runTag: plan.runTag } : {}),
      onProgress: (p) => {
        progress?.setTotal(Math.max(1, p.total));
        progress?.update(
          Math.min(p.sent, p.total),
          `acked ${p.acked} failed ${p.failed} | p99 ack ${formatMs(p.p99AckMs)} | leaks ${p.leaks} | busy agents ${p.busyAgents}`,
        );
      },
    });
    let deployment: ReferenceDeployment | null = null;
    let live: LiveDashboard | null = null;
    let saved: string | null = null;
    let result: Awaited<ReturnType<typeof prepared.run>>;
    const say = plan.json ? io.stderr : io.stdout;
    try {
      let target: LoadTarget;
      if (plan.targetUrl === null) {
        deployment = await startReferenceDeployment({
          scenarioFile: plan.file,
          speed: plan.speed,
          graphUrl: prepared.sinkUrl,
          env: io.env,
          dashboard: plan.dashboard !== null,
        });
        target = {
          url: deployment.url,
          wsUrl: deployment.wsUrl,
          appSecret: deployment.appSecret,
          adminToken: deployment.adminToken,
          agentTokens: plan.tokens,
          reference: true,
        };
      } else {
        const base = plan.targetUrl.origin;
        if (!plan.adminToken) {
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
          appSecret: plan.appSecret!,
          adminToken: plan.adminToken || null,
          agentTokens: plan.tokens,
          reference: false,
        };
      }
      if (plan.dashboard !== null) {
        const remote = deployment?.dashboardUrl ?? null;
        live = await startLiveDashboard({
          info: {
            source: 'loadtest',
            title: `ccsim loadtest ${scenario.name}`,
            queues: scenario.tenant.queues.map((q) => ({ id: q.id, name: q.name })),
            // A deployment of someone else's has no dashboard to pull from: the load side only.
            hasServer: remote !== null,
            hasLoad: true,
          },
          sources: {
            ...(remote !== null ? { remote } : {}),
            load: () => prepared.live.sample(),
          },
          host: plan.dashboard.host,
          port: plan.dashboard.port,
          onError: (err) =>
            io.stderr.write(`warning: a dashboard sample failed: ${(err as Error).message}\n`),
        });
        say.write(`dashboard: ${live.url}\n`);
      }
      say.write(runHeader(plan, simulated.trace.header, target.url));
      progress = io.progress.start(
        `loadtest ${scenario.name}`,
        simulated.trace.header.messages,
        'messages sent',
      );
      result = await prepared.run(target);
      if (live !== null) {
        // The last points, pulled while the deployment still runs, then the run's verdict.
        const { leaks, loss } = result.summary.checks;
        await live.finish({
          leaks: leaks.count,
          lost: loss.lost,
          acknowledged: loss.acknowledged,
          delivered: loss.delivered,
          verifiedBy: loss.verifiedBy,
          endReason: result.summary.run.endReason,
        });
        saved = join(plan.out, 'dashboard.html');
        await writeFile(saved, await savedHtml(live.feed.snapshot()));
      }
    } finally {
      await live?.close();
      progress?.stop();
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      await prepared.close();
      await deployment?.stop();
    }

    const code = await writeLoadTestOutputs(io, {
      summary: result.summary,
      out: plan.out,
      tolerance: scenario.regression.tolerance,
      baseline: plan.baseline,
      junit: plan.junit,
      report: plan.report,
      json: plan.json,
    });
    if (saved !== null) say.write(`  dashboard: ${saved}\n`);
    return code;
  },
});
