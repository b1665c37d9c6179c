import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopbackHost } from '../server/index.js';
import { DashboardError, DashboardErrorCode } from './dashboardError.js';
import type { DashboardFeed } from './dashboardFeed.js';
import { dashboardScript, dashboardStyles, LIVE_CSP, liveHtml } from './dashboardPage.js';
import type { DashboardEvent } from './points.js';

export interface DashboardServer {
  /** `http://127.0.0.1:port/`. */
  readonly url: string;
  readonly port: number;
  /** Ends the event streams and stops listening. */
  close(): Promise<void>;
}

/** Event-stream connections at once; one more gets 503 (each holds a socket and its buffer). */
const MAX_STREAMS = 32;
/** A stream whose client does not read is cut past this much unsent data. */
const MAX_BUFFERED = 4 * 1024 * 1024;
/** A comment line now and then, so idle proxies and browsers keep the stream open. */
const KEEPALIVE_MS = 15_000;

/**
 * The dashboard's own HTTP server, on loopback only (it has no authentication): `/` the page,
 * `/dashboard.js` and `/dashboard.css`, `/events` the server-sent events (a `snapshot`, then a
 * `server` or `load` event per point, `final` at the end), `/snapshot.json`, and
 * `/server-points?after=SEQ` (what a load test's dashboard pulls from its deployment's).
 */
export async function startDashboardServer(options: {
  readonly feed: DashboardFeed;
  readonly host?: string;
  readonly port?: number;
}): Promise<DashboardServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new DashboardError(
      DashboardErrorCode.notLoopback,
      `the dashboard binds loopback only (it has no authentication), not ${host}`,
    );
  }
  const { feed } = options;
  const streams = new Set<ServerResponse>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://dashboard');
    const send = (status: number, type: string, body: string, extra = {}) => {
      res.writeHead(status, {
        'content-type': type,
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        ...extra,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const json = (status: number, value: unknown) =>
      send(status, 'application/json; charset=utf-8', JSON.stringify(value));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      json(405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'use GET' } });
      return;
    }
    switch (url.pathname) {
      case '/':
        send(200, 'text/html; charset=utf-8', liveHtml(feed.snapshot().title), {
          'content-security-policy': LIVE_CSP,
          'referrer-policy': 'no-referrer',
          'x-frame-options': 'DENY',
        });
        return;
      case '/dashboard.js':
        dashboardScript().then(
          (script) => send(200, 'text/javascript; charset=utf-8', script),
          (err: unknown) =>
            json(503, { error: { code: 'DASHBOARD_BUILD_FAILED', message: String(err) } }),
        );
        return;
      case '/dashboard.css':
        dashboardStyles().then(
          (css) => send(200, 'text/css; charset=utf-8', css),
          (err: unknown) =>
            json(503, { error: { code: 'DASHBOARD_BUILD_FAILED', message: String(err) } }),
        );
        return;
      case '/snapshot.json':
        json(200, feed.snapshot());
        return;
      case '/server-points': {
        const after = Number(url.searchParams.get('after') ?? '0');
        if (!Number.isSafeInteger(after) || after < 0) {
          json(400, {
            error: { code: 'BAD_REQUEST', message: 'after must be a point seq (an integer >= 0)' },
          });
          return;
        }
        json(200, { server: feed.serverPointsAfter(after) });
        return;
      }
      case '/events': {
        if (streams.size >= MAX_STREAMS) {
          json(503, {
            error: { code: 'TOO_MANY_STREAMS', message: `${MAX_STREAMS} pages are open already` },
          });
          return;
        }
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          'x-content-type-options': 'nosniff',
        });
        streams.add(res);
        const write = (event: DashboardEvent) => {
          if (res.writableLength > MAX_BUFFERED) {
            res.destroy();
            return;
          }
          const data =
            event.type === 'snapshot'
              ? event.snapshot
              : event.type === 'final'
                ? event.final
                : event.point;
          res.write(`event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`);
        };
        const unsubscribe = feed.subscribe(write);
        const keepalive = setInterval(() => res.write(': keep-alive\n\n'), KEEPALIVE_MS);
        keepalive.unref();
        res.once('close', () => {
          clearInterval(keepalive);
          unsubscribe();
          streams.delete(res);
        });
        return;
      }
      default:
        json(404, { error: { code: 'NOT_FOUND', message: `no dashboard path ${url.pathname}` } });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new DashboardError(
          DashboardErrorCode.listenFailed,
          `the dashboard cannot listen on ${host}:${options.port ?? 0}: ${err.code ?? err.message}`,
        ),
      ),
    );
    server.listen(options.port ?? 0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${hostPart}:${port}/`,
    port,
    close: async () => {
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
