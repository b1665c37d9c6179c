import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AdminDeps, handleAdmin } from './admin.js';
import { isDesktopPath, serveDesktop } from './desktopPage.js';
import { asServerError, ServerError, ServerErrorCode } from './errors.js';
import { type BodyReading, discardBody, readBody, sendError, sendJson } from './httpIo.js';
import type { ServerMetrics } from './metrics.js';
import { parseRequestTarget } from './requestTarget.js';
import { receiveWebhook, verifyHandshake, type WebhookDeps } from './webhook.js';

export interface RouteDeps {
  readonly closing: () => boolean;
  readonly bodyLimit: number;
  /** The shared body budget and idle timeout, for the bodies of admin commands. */
  readonly bodyReading: BodyReading;
  readonly metrics: ServerMetrics;
  readonly webhook: WebhookDeps;
  readonly admin: AdminDeps;
  /** Each answered POST /webhook and how long it took (ms), for a live dashboard. */
  readonly onWebhook?: (ms: number) => void;
}

/**
 * The HTTP endpoints: `/healthz`, `/metrics`, `/webhook` (GET handshake, POST messages) and
 * `/admin/...`. A rejection is thrown as a ServerError; the caller answers it as JSON.
 */
export function createRoutes(deps: RouteDeps) {
  const { metrics } = deps;

  function notAllowed(res: ServerResponse, allow: string): void {
    metrics.errors.inc({ code: ServerErrorCode.methodNotAllowed });
    sendError(res, 405, ServerErrorCode.methodNotAllowed, `use ${allow}`, { allow });
  }

  return async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (deps.closing()) {
      throw new ServerError(ServerErrorCode.shuttingDown, 'the server is shutting down');
    }
    const url = parseRequestTarget(req.url);
    const method = req.method ?? 'GET';
    const path = url.pathname;
    // POST bodies are read where they are used: the webhook's (its signature covers the raw
    // bytes) and an admin command's (read before the token check answers, for keep-alive).
    const admin = path.startsWith('/admin/');
    if (method !== 'POST' || (path !== '/webhook' && !admin)) {
      await discardBody(req, deps.bodyLimit);
    }
    if (path === '/healthz') {
      if (method !== 'GET' && method !== 'HEAD') return notAllowed(res, 'GET, HEAD');
      return sendJson(res, 200, { status: 'ok' });
    }
    if (path === '/metrics') {
      if (method !== 'GET') return notAllowed(res, 'GET');
      const text = await metrics.registry.metrics();
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(text);
      return;
    }
    if (path === '/webhook') {
      if (method === 'POST') {
        const started = deps.onWebhook ? performance.now() : 0;
        try {
          await receiveWebhook(req, res, deps.webhook);
          metrics.webhookRequests.inc({ status: '200' });
        } catch (err) {
          metrics.webhookRequests.inc({ status: String(asServerError(err).status) });
          throw err;
        } finally {
          deps.onWebhook?.(performance.now() - started);
        }
        return;
      }
      if (method === 'GET') return verifyHandshake(url, res, deps.webhook);
      return notAllowed(res, 'GET, POST');
    }
    if (isDesktopPath(path)) {
      if (method !== 'GET' && method !== 'HEAD') return notAllowed(res, 'GET, HEAD');
      return serveDesktop(path, method === 'HEAD', res);
    }
    if (admin) {
      const body = method === 'POST' ? await readBody(req, deps.bodyLimit, deps.bodyReading) : null;
      return handleAdmin(req, res, url, deps.admin, body);
    }
    throw new ServerError(ServerErrorCode.notFound, `no endpoint ${path}`);
  };
}
