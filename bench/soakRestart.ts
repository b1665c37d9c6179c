// One restart for bench:soak, in a process of its own so that its memory is the restart's alone:
// `startServer` on the journal named by argv[2], timed until it listens. Prints one JSON line: the
// time, what was replayed, the heap V8 holds once the server is up (its peak, near enough), the
// heap in use after a GC, and the peak RSS of the whole process. Exits without a graceful stop,
// so the journal stays as it was.
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { startServer } from '../src/server/index.js';
import { SOAK_TENANT } from './soakTenant.js';

const db = process.argv[2]!;
const t0 = performance.now();
const server = await startServer({
  tenant: SOAK_TENANT,
  agentTokens: {},
  db,
  port: 0,
  appSecret: 'soak-app-secret',
  adminToken: 'soak-admin',
  verifyToken: 'soak-verify',
  synchronous: 'normal',
  log: () => {},
});
const ms = performance.now() - t0;
// V8 gives its heap back lazily: what it holds right after the start is the restart's peak, near
// enough (the peak RSS below bounds it from above).
const heapPeakMB = v8.getHeapStatistics().total_heap_size / 1e6;
(globalThis as { gc?: () => void }).gc?.();
const open = server.router.conversationOverviews().length;
process.stdout.write(
  `${JSON.stringify({
    ms,
    replayed: server.replayed,
    restoredFrom: server.restoredFrom,
    heapMB: process.memoryUsage().heapUsed / 1e6,
    heapPeakMB,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    open,
  })}\n`,
);
process.exit(0);
