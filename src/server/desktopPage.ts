import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { bundleBrowserScript } from './browserScript.js';
import { ServerError, ServerErrorCode } from './errors.js';

/**
 * The agent desktop page (`GET /desktop`): one HTML file, one stylesheet and one script, all
 * served by this server and nothing fetched from anywhere else, so it works offline. The script
 * is `src/desktop/main.ts` bundled by esbuild's API the first time the page is asked for, then
 * kept in memory: a fresh clone serves it right after `npm ci` (esbuild comes with tsx), with no
 * build step and no output that could go stale. The page speaks only the `/agent` WebSocket.
 */

const SOURCE = fileURLToPath(new URL('../desktop/', import.meta.url));

interface Asset {
  readonly type: string;
  readonly body: Buffer;
}

/** Paths under `/desktop` and what they serve. */
const ASSETS: Record<string, () => Promise<Asset>> = {
  '/desktop': () => file('index.html', 'text/html; charset=utf-8'),
  '/desktop/': () => file('index.html', 'text/html; charset=utf-8'),
  '/desktop/desktop.css': () => file('desktop.css', 'text/css; charset=utf-8'),
  '/desktop/desktop.js': bundle,
};

/**
 * Scripts and styles of this origin only, sockets to this origin only (CSP 3: 'self' covers
 * ws: and wss: of the same host), no frames, no forms sent anywhere.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const cache = new Map<string, Promise<Asset>>();

async function file(name: string, type: string): Promise<Asset> {
  return { type, body: await readFile(`${SOURCE}${name}`) };
}

async function bundle(): Promise<Asset> {
  return {
    type: 'text/javascript; charset=utf-8',
    body: Buffer.from(await bundleBrowserScript(SOURCE)),
  };
}

/** Builds (once per process) what a path under /desktop serves; undefined for other paths. */
export function desktopAsset(path: string): Promise<Asset> | undefined {
  const load = ASSETS[path];
  if (!load) return undefined;
  let asset = cache.get(path);
  if (!asset) {
    asset = load();
    // A failed build is not kept: the next request tries again.
    asset.catch(() => cache.delete(path));
    cache.set(path, asset);
  }
  return asset;
}

export function isDesktopPath(path: string): boolean {
  return path === '/desktop' || path.startsWith('/desktop/');
}

/** Answers GET/HEAD of a desktop path. */
export async function serveDesktop(
  path: string,
  head: boolean,
  res: ServerResponse,
): Promise<void> {
  const asset = desktopAsset(path);
  if (!asset) throw new ServerError(ServerErrorCode.notFound, `no desktop file ${path}`);
  const { type, body } = await asset;
  res.writeHead(200, {
    'content-type': type,
    'content-length': body.length,
    'cache-control': 'no-cache',
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  });
  res.end(head ? undefined : body);
}
