// The server the crash test kills (test/server/crash.test.ts): the smoke scenario served as
// `ccsim serve --scenario-tokens` does, with snapshots every `argv[3]` commands and every 200 ms,
// so that kills land before, during and after snapshots and journal compaction too.
// Usage: node --import tsx test/server/crashServer.ts <db> <snapshotEveryCommands>
import { agentTokens, loadScenario, toTenant } from '../../src/scenario/index.js';
import { startServer } from '../../src/server/index.js';

const [db, every] = process.argv.slice(2);
const scenario = await loadScenario(
  new URL('../../scenarios/whatsapp-smoke.yaml', import.meta.url).pathname,
);
const server = await startServer({
  tenant: toTenant(scenario),
  agentTokens: Object.fromEntries(agentTokens(scenario)),
  db: db!,
  port: 0,
  appSecret: process.env.CCSIM_APP_SECRET!,
  adminToken: process.env.CCSIM_ADMIN_TOKEN!,
  limits: { snapshotEveryCommands: Number(every), snapshotIntervalMs: 200 },
});
process.stdout.write(
  `listening on ${server.url} (restored from ${server.restoredFrom}, replayed ${server.replayed})\n`,
);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
