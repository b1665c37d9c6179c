import { afterEach, describe, expect, it } from 'vitest';
import {
  DashboardError,
  DashboardFeed,
  type DashboardServer,
  startDashboardServer,
} from '../../src/dashboard/index.js';

/** The `error.code` of a JSON error body. */
async function codeOf(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

const info = {
  source: 'serve' as const,
  title: 'ccsim serve <test>',
  queues: [],
  hasServer: true,
  hasLoad: false,
  startedAt: 0,
};

describe('the dashboard server', () => {
  let server: DashboardServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('binds loopback only', async () => {
    const feed = new DashboardFeed(info);
    await expect(startDashboardServer({ feed, host: '0.0.0.0' })).rejects.toMatchObject({
      code: 'DASHBOARD_NOT_LOOPBACK',
    });
    await expect(startDashboardServer({ feed, host: '192.168.1.4' })).rejects.toBeInstanceOf(
      DashboardError,
    );
  });

  it('a taken port is DASHBOARD_LISTEN_FAILED', async () => {
    server = await startDashboardServer({ feed: new DashboardFeed(info) });
    await expect(
      startDashboardServer({ feed: new DashboardFeed(info), port: server.port }),
    ).rejects.toMatchObject({ code: 'DASHBOARD_LISTEN_FAILED' });
  });

  it('answers bad requests with JSON errors, never a 500, and escapes the title', async () => {
    const feed = new DashboardFeed(info);
    server = await startDashboardServer({ feed });
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    expect(await page.text()).toContain('ccsim serve &lt;test&gt;');
    const missing = await fetch(`${server.url}nope`);
    expect(missing.status).toBe(404);
    expect(await codeOf(missing)).toBe('NOT_FOUND');
    const post = await fetch(server.url, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    for (const after of ['-1', 'x', '1.5']) {
      const bad = await fetch(`${server.url}server-points?after=${after}`);
      expect(bad.status, after).toBe(400);
      expect(await codeOf(bad)).toBe('BAD_REQUEST');
    }
    const points = await fetch(`${server.url}server-points?after=0`);
    expect(await points.json()).toEqual({ server: [] });
    const snapshot = await (await fetch(`${server.url}snapshot.json`)).json();
    expect(snapshot).toMatchObject({ kind: 'ccsim-dashboard', version: 1, done: false });
  });

  it('streams server-sent events: the snapshot first, then points', async () => {
    const feed = new DashboardFeed(info);
    server = await startDashboardServer({ feed });
    const res = await fetch(`${server.url}events`);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (pattern: RegExp) => {
      while (!pattern.test(text)) text += decoder.decode((await reader.read()).value);
    };
    await until(/event: snapshot\ndata: .*\n\n/);
    feed.finish(null);
    await until(/event: final\ndata: null\n\n/);
    await reader.cancel();
  });
});
