import { DashboardError, DashboardErrorCode } from './dashboardError.js';
import { DashboardFeed, type DashboardFeed as Feed, type FeedInfo } from './dashboardFeed.js';
import { type DashboardServer, startDashboardServer } from './dashboardServer.js';
import type { FinalChecks, LoadPoint, ServerPoint } from './points.js';
import { startSampling } from './sampling.js';

/** The step between points: about a second, as the brief of a live chart wants it. */
export const STEP_MS = 1000;
/** A pull of a deployment's points that takes longer is given up (the next step tries again). */
const PULL_TIMEOUT_MS = 2000;

/** Where a dashboard's points come from; each is optional. */
export interface DashboardSources {
  /** This process's server (`ccsim serve --dashboard`). */
  readonly server?: () => Promise<Omit<ServerPoint, 'seq' | 'at' | 'stepMs'>>;
  /** A deployment's dashboard in another process, whose server points are pulled each step. */
  readonly remote?: string;
  /** The load test's side. */
  readonly load?: () => Omit<LoadPoint, 'seq' | 'at' | 'stepMs'> | null;
}

export interface LiveDashboard {
  readonly url: string;
  readonly feed: Feed;
  /** A last point now, then the end of the run (the pages stop waiting). */
  finish(final: FinalChecks | null): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a dashboard: its server on loopback, and a point every step from each source. A sample
 * that fails (a deployment not answering) is skipped and logged once; the run goes on.
 */
export async function startLiveDashboard(options: {
  readonly info: Omit<FeedInfo, 'startedAt'>;
  readonly sources: DashboardSources;
  readonly host?: string;
  readonly port?: number;
  readonly onError?: (err: unknown) => void;
}): Promise<LiveDashboard> {
  const feed = new DashboardFeed({ ...options.info, startedAt: Date.now() });
  const server: DashboardServer = await startDashboardServer({
    feed,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  const { sources } = options;
  let warned = false;
  const sampling = startSampling(
    STEP_MS,
    async (at, stepMs) => {
      // Caught at once: it settles while the other sources are sampled.
      const pulled = sources.remote
        ? pullServerPoints(sources.remote, feed).then(
            () => null,
            (err: unknown) => err,
          )
        : null;
      if (sources.server) feed.recordServer(await sources.server(), at, stepMs);
      const load = sources.load?.();
      if (load) feed.recordLoad(load, at, stepMs);
      const failed = await pulled;
      if (failed) throw failed;
    },
    (err) => {
      if (warned) return;
      warned = true;
      options.onError?.(err);
    },
  );
  let closed = false;
  return {
    url: server.url,
    feed,
    async finish(final) {
      await sampling.now();
      await sampling.stop();
      feed.finish(final);
    },
    async close() {
      if (closed) return;
      closed = true;
      await sampling.stop();
      await server.close();
    },
  };
}

/** The server points a deployment's dashboard has that this feed has not yet. */
async function pullServerPoints(base: string, feed: Feed): Promise<void> {
  const after = feed.lastServerSeq();
  const url = new URL(`server-points?after=${after}`, base);
  let body: { server?: ServerPoint[] };
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(PULL_TIMEOUT_MS) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = (await res.json()) as { server?: ServerPoint[] };
  } catch (err) {
    throw new DashboardError(
      DashboardErrorCode.feedUnavailable,
      `the deployment's dashboard ${base} did not answer: ${(err as Error).message}`,
    );
  }
  feed.ingestServer(body.server ?? []);
}
