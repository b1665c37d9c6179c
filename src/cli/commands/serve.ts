import type { Argv } from 'yargs';
import { agentTokens, loadScenario, toTenant } from '../../scenario/index.js';
import { type ServerOptions, startServer } from '../../server/index.js';
import { CliError } from '../cliError.js';
import { defineCommand } from '../command.js';
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
  return yargs
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
  command: 'serve <scenario>',
  describe: 'Run the live reference deployment (webhook, agent WebSocket, admin API, metrics)',
  builder,
  prepare: async (args, io) => {
    const env = io.env;
    numberOption('speed', args.speed, { min: 0 });
    integerOption('port', args.port, { min: 0, max: 65535 });
    const scenario = await loadScenario(args.scenario);
    const tokens = new Map(agentTokens(scenario));
    const envTokens = env[SERVE_ENV.agentTokens];
    if (envTokens) {
      for (const [agentId, token] of Object.entries(parseAgentTokens(envTokens))) {
        tokens.set(agentId, token);
      }
    }
    const given = {
      appSecret: args.appSecret ?? env[SERVE_ENV.appSecret],
      verifyToken: args.verifyToken ?? env[SERVE_ENV.verifyToken],
      adminToken: args.adminToken ?? env[SERVE_ENV.adminToken],
    };
    const options: ServerOptions = {
      tenant: toTenant(scenario),
      agentTokens: tokens,
      db: args.db,
      host: args.host,
      port: args.port,
      ...given,
      graphUrl: args.graphUrl ?? env[SERVE_ENV.graphUrl],
      accessToken: args.accessToken ?? env[SERVE_ENV.accessToken],
      speed: args.speed,
      synchronous: args.synchronous,
    };
    return { options, given, db: args.db };
  },
  run: async ({ options, given, db }, io) => {
    const server = await startServer(options);
    const lines = [
      `ccsim serve listening on ${server.url}`,
      `  webhook        POST ${server.url}/webhook (GET for the verify handshake)`,
      `  agent desktop  ${server.wsUrl}`,
      `  admin API      ${server.url}/admin/ (Authorization: Bearer <admin token>)`,
      `  metrics        ${server.url}/metrics`,
      `  journal        ${db}${server.durable ? '' : ' (in memory: not durable)'}, replayed ${server.replayed} commands`,
      `  graph API      ${options.graphUrl ?? 'none: replies are held in the outbox (GET /admin/outbound)'}`,
    ];
    if (!given.appSecret)
      lines.push(`  app secret     ${server.appSecret} (generated; set ${SERVE_ENV.appSecret})`);
    if (!given.verifyToken)
      lines.push(
        `  verify token   ${server.verifyToken} (generated; set ${SERVE_ENV.verifyToken})`,
      );
    if (!given.adminToken)
      lines.push(`  admin token    ${server.adminToken} (generated; set ${SERVE_ENV.adminToken})`);
    io.stdout.write(`${lines.join('\n')}\n`);

    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    io.stderr.write(`ccsim serve: ${signal}, shutting down\n`);
    await server.close();
    io.stderr.write('ccsim serve: stopped\n');
    return ExitCode.ok;
  },
});
