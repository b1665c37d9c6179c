import { unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { startLiveDashboard } from '../../dashboard/index.js';
import { agentIdsOf, agentTokens, kpiFrame, loadScenario, toTenant } from '../../scenario/index.js';
import {
  isLoopbackHost,
  resolveSecrets,
  ServerError,
  type ServerOptions,
  startServer,
} from '../../server/index.js';
import { CliError } from '../cliError.js';
import { defineCommand } from '../command.js';
import { dashboardPlan, withDashboardOptions } from '../dashboardOptions.js';
import { ExitCode } from '../exitCodes.js';
import { integerOption, numberOption } from '../optionValues.js';

/** Environment variables for secrets (a flag, when given, wins). */
export const SERVE_ENV = {
  appSecret: 'CCSIM_APP_SECRET',
  verifyToken: 'CCSIM_VERIFY_TOKEN',
  adminToken: 'CCSIM_ADMIN_TOKEN',
  accessToken: 'CCSIM_GRAPH_TOKEN',
  graphUrl: 'CCSIM_GRAPH_URL',
  agentTokens: 'CCSIM_AGENT_TOKENS',
} as const;

function builder(yargs: Argv) {
  return withDashboardOptions(yargs)
    .usage(
      '$0 serve <scenario> [options]\n\n' +
        'The live reference deployment: a WhatsApp Cloud API webhook, a WebSocket agent desktop,\n' +
        'an admin API and Prometheus metrics around the same router the simulator runs.\n' +
        'Protocol: docs/protocol.md. Secrets may come from the environment: ' +
        Object.values(SERVE_ENV).join(', '),
    )
    .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario file' })
    .option('host', { type: 'string', default: '127.0.0.1', describe: 'Interface to bind' })
    .option('port', { type: 'number', default: 8080, describe: 'TCP port; 0 picks a free one' })
    .option('db', {
      type: 'string',
      default: 'ccsim.db',
      describe: 'SQLite journal file; ":memory:" is not durable',
    })
    .option('app-secret', {
      type: 'string',
      describe: `Webhook signature key [${SERVE_ENV.appSecret}]`,
    })
    .option('verify-token', {
      type: 'string',
      describe: `Webhook handshake token [${SERVE_ENV.verifyToken}]`,
    })
    .option('admin-token', {
      type: 'string',
      describe: `Admin API bearer token [${SERVE_ENV.adminToken}]`,
    })
    .option('graph-url', {
      type: 'string',
      describe: `Graph API base for agent replies, e.g. https://graph.facebook.com/v21.0 [${SERVE_ENV.graphUrl}]; absent: replies are held in the outbox`,
    })
    .option('access-token', {
      type: 'string',
      describe: `Bearer token for the Graph API [${SERVE_ENV.accessToken}]`,
    })
    .option('secrets-file', {
      type: 'string',
      describe:
        'Where generated secrets and agent tokens are written (mode 0600) and read back on a restart; default <db>.secrets.json',
    })
    .option('scenario-tokens', {
      type: 'boolean',
      default: false,
      describe:
        "Agent tokens derived from the scenario (predictable: loopback load tests such as k6's only); default: random",
    })
    .option('allow-remote', {
      type: 'boolean',
      default: false,
      describe:
        'Allow --host to be an address other than loopback (the server is then reachable by others)',
    })
    .option('speed', {
      type: 'number',
      default: 1,
      describe: 'Clock speed-up (60: timers 60x faster)',
    })
    .option('synchronous', {
      choices: ['full', 'normal'] as const,
      default: 'full' as const,
      describe: 'SQLite sync: full survives power loss, normal only a process crash',
    })
    .example(
      '$0 serve scenarios/whatsapp-smoke.yaml --port 0 --db /tmp/smoke.db',
      'Free port, own journal',
    )
    .example('$0 serve scenarios/whatsapp-smoke.yaml --dashboard', 'With a live dashboard')
    .example(
      'CCSIM_APP_SECRET=s3cret $0 serve scenarios/whatsapp-smoke.yaml --speed 60',
      'Sped up',
    );
}

function parseAgentTokens(json: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new CliError(
      'SERVE_INVALID_OPTION',
      `${SERVE_ENV.agentTokens} must be a JSON object {"agent-id": "token"}`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError(
      'SERVE_INVALID_OPTION',
      `${SERVE_ENV.agentTokens} must be a JSON object {"agent-id": "token"}`,
    );
  }
  for (const token of Object.values(value)) {
    if (typeof token !== 'string') {
      throw new CliError(
        'SERVE_INVALID_OPTION',
        `${SERVE_ENV.agentTokens}: every token must be a string`,
      );
    }
  }
  return value as Record<string, string>;
}

export const serveCommand = defineCommand({
  builder,
  prepare: async (args, io) => {
    const env = io.env;
    numberOption('speed', args.speed, { min: 0 });
    integerOption('port', args.port, { min: 0, max: 65535 });
    const dashboard = dashboardPlan(args);
    const remote = !isLoopbackHost(args.host);
    if (remote && !args.allowRemote) {
      throw new CliError(
        'SERVE_NOT_LOOPBACK',
        `--host ${args.host} is not a loopback address: others could reach the webhook, the admin API and the agent desktop; add --allow-remote to bind it anyway`,
      );
    }
    if (remote && args.scenarioTokens) {
      throw new CliError(
        'SERVE_INVALID_OPTION',
        '--scenario-tokens gives predictable agent tokens: loopback only, not with --allow-remote',
      );
    }
    const scenario = await loadScenario(args.scenario);
    // Tokens the scenario fixes (or all of them, derived, with --scenario-tokens) and the
    // environment's are used as given; the other agents get random ones.
    const derived = agentTokens(scenario);
    const fixed = new Map<string, string>();
    for (const group of scenario.tenant.agentGroups) {
      agentIdsOf(group).forEach((id, i) => {
        if (args.scenarioTokens || group.tokens?.[i] !== undefined) fixed.set(id, derived.get(id)!);
      });
    }
    const envTokens = env[SERVE_ENV.agentTokens];
    if (envTokens) {
      for (const [agentId, token] of Object.entries(parseAgentTokens(envTokens))) {
        fixed.set(agentId, token);
      }
    }
    const memory = args.db === ':memory:' || args.db === '';
    const secretsFile =
      args.secretsFile ??
      (memory
        ? join(tmpdir(), `ccsim-serve-${process.pid}.secrets.json`)
        : `${args.db}.secrets.json`);
    let secrets: ReturnType<typeof resolveSecrets>;
    try {
      secrets = resolveSecrets({
        path: secretsFile,
        given: {
          appSecret: args.appSecret ?? env[SERVE_ENV.appSecret],
          verifyToken: args.verifyToken ?? env[SERVE_ENV.verifyToken],
          adminToken: args.adminToken ?? env[SERVE_ENV.adminToken],
        },
        agentIds: [...derived.keys()],
        fixedAgentTokens: fixed,
      });
    } catch (err) {
      if (err instanceof ServerError) throw new CliError(err.code, err.message);
      throw err;
    }
    if (remote) {
      io.stderr.write(
        `warning: listening on ${args.host}, not loopback: put TLS and a firewall in front of it\n`,
      );
    }
    const options: ServerOptions = {
      tenant: toTenant(scenario),
      agentTokens: secrets.agentTokens,
      db: args.db,
      host: args.host,
      port: args.port,
      appSecret: secrets.appSecret,
      verifyToken: secrets.verifyToken,
      adminToken: secrets.adminToken,
      graphUrl: args.graphUrl ?? env[SERVE_ENV.graphUrl],
      accessToken: args.accessToken ?? env[SERVE_ENV.accessToken],
      speed: args.speed,
      synchronous: args.synchronous,
      ...(dashboard ? { dashboard: { serviceLevel: kpiFrame(scenario).serviceLevel } } : {}),
    };
    return {
      options,
      dashboard,
      title: `ccsim serve ${scenario.name}`,
      queues: scenario.tenant.queues.map((q) => ({ id: q.id, name: q.name })),
      secrets,
      secretsFile,
      memory,
      keepSecrets: args.secretsFile !== undefined,
      db: args.db,
    };
  },
  run: async (
    { options, dashboard, title, queues, secrets, secretsFile, memory, keepSecrets, db },
    io,
  ) => {
    const server = await startServer(options);
    const sampler = server.dashboard;
    const live =
      dashboard && sampler
        ? await startLiveDashboard({
            info: { source: 'serve', title, queues, hasServer: true, hasLoad: false },
            sources: { server: () => sampler.sample() },
            host: dashboard.host,
            port: dashboard.port,
            onError: (err) =>
              io.stderr.write(`warning: a dashboard sample failed: ${(err as Error).message}\n`),
          }).catch(async (err: unknown) => {
            await server.close();
            throw err;
          })
        : null;
    const lines = [
      `ccsim serve listening on ${server.url}`,
      `  webhook        POST ${server.url}/webhook (GET for the verify handshake)`,
      `  agent desktop  ${server.wsUrl}`,
      `  desktop page   ${server.url}/desktop (sign in with an agent token)`,
      `  admin API      ${server.url}/admin/ (Authorization: Bearer <admin token>)`,
      `  metrics        ${server.url}/metrics`,
      ...(live ? [`  dashboard      ${live.url}`] : []),
      `  journal        ${db}${server.durable ? '' : ' (in memory: not durable)'}, replayed ${server.replayed} commands`,
      `  graph API      ${options.graphUrl ?? 'none: replies are held in the outbox (GET /admin/outbound)'}`,
    ];
    if (secrets.stored.length > 0) {
      lines.push(`  secrets        ${secretsFile} (mode 0600: ${secrets.stored.join(', ')})`);
      // Log collectors read stdout; a person at a terminal may see the values themselves.
      if (io.isTTY) {
        lines.push(
          `  app secret     ${secrets.appSecret}`,
          `  admin token    ${secrets.adminToken}`,
        );
      }
    }
    io.stdout.write(`${lines.join('\n')}\n`);

    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    io.stderr.write(`ccsim serve: ${signal}, shutting down\n`);
    await live?.close();
    await server.close();
    // A memory journal's secrets die with it.
    if (memory && !keepSecrets && secrets.stored.length > 0) unlinkSync(secretsFile);
    io.stderr.write('ccsim serve: stopped\n');
    return ExitCode.ok;
  },
});
