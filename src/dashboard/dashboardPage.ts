import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundleBrowserScript } from '../server/browserScript.js';
import type { DashboardSnapshot } from './points.js';

/**
 * The dashboard page: `page/main.ts` bundled by esbuild with vega, vega-lite and vega's
 * expression interpreter from node_modules (once per process, kept in memory, as the agent
 * desktop's script is), and the HTML around it, live (scripts and styles from the dashboard's
 * own server) or saved (script, styles and the snapshot inlined: one file that opens from
 * file:// with nothing fetched).
 */

const SOURCE = fileURLToPath(new URL('./page/', import.meta.url));

let bundled: Promise<string> | null = null;

/** The page's script (minified ES module). */
export function dashboardScript(): Promise<string> {
  if (bundled === null) {
    bundled = bundleBrowserScript(SOURCE);
    // A failed build is not kept: the next request tries again.
    bundled.catch(() => {
      bundled = null;
    });
  }
  return bundled;
}

export function dashboardStyles(): Promise<string> {
  return readFile(`${SOURCE}dashboard.css`, 'utf8');
}

/** Scripts and styles of the dashboard's origin, the event stream of it, nothing else. */
export const LIVE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // vega's SVG renderer writes style attributes.
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The saved report: its own inline script and styles, no requests at all. */
const SAVED_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function shell(title: string, head: string, tail: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeText(title)}</title>
<link rel="icon" href="data:,">
${head}
</head>
<body>
<header><h1 id="title">${escapeText(title)}</h1><span id="status" role="status">loading…</span></header>
<section id="tiles" aria-label="Now"></section>
<main id="charts"></main>
${tail}
</body>
</html>
`;
}

/** The live page, served at the dashboard's `/`. */
export function liveHtml(title: string): string {
  return shell(
    title,
    '<link rel="stylesheet" href="dashboard.css">\n<script type="module" src="dashboard.js"></script>',
    '',
  );
}

/** The page with everything inlined: a run's saved dashboard.html. */
export async function savedHtml(snapshot: DashboardSnapshot): Promise<string> {
  const [script, styles] = await Promise.all([dashboardScript(), dashboardStyles()]);
  return shell(
    snapshot.title,
    `<meta http-equiv="Content-Security-Policy" content="${SAVED_CSP}">\n<style>${styles}</style>`,
    `<script type="application/json" id="dashboard-data">${inlineJson(snapshot)}</script>\n<script type="module">${inlineScript(script)}</script>`,
  );
}

/** JSON that cannot end its <script> element early. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * A script that cannot end its <script> element early: `</script` only occurs in the bundle
 * inside string literals and regular expressions, where `<\/script` means the same.
 */
function inlineScript(script: string): string {
  return script.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
