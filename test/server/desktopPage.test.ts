import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerHandle } from '../../src/server/index.js';
import { request, start } from './fixtures.js';

/**
 * `GET /desktop` serves the agent desktop page from the server itself (issue 17): the HTML, its
 * stylesheet and its script bundled by esbuild at the first request, with a policy that lets the
 * page load nothing from anywhere else. The page in a browser: test/desktop/desktop.test.ts.
 */
describe('the desktop page over HTTP', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server.close());

  it('serves the HTML at /desktop and /desktop/, with a same-origin-only policy', async () => {
    for (const path of ['/desktop', '/desktop/']) {
      const res = await request(`${server.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.text).toContain('<script type="module" src="/desktop/desktop.js"></script>');
      // Nothing from elsewhere: every src and href is this server's or inline data.
      const refs = [...res.text.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) expect(ref).toMatch(/^(\/desktop\/|data:)/);
    }
  });

  it('serves the bundled script and the stylesheet', async () => {
    const js = await request(`${server.url}/desktop/desktop.js`);
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(Number(js.headers['content-length'])).toBe(Buffer.byteLength(js.text));
    // The bundle is the page's code (it opens the /agent socket), with no import left to fetch.
    expect(js.text).toContain('/agent');
    expect(js.text).not.toMatch(/\bimport\s*[{*"']|\bimport\(/);
    const css = await request(`${server.url}/desktop/desktop.css`);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.text).toContain('.balloon');
    const head = await request(`${server.url}/desktop/desktop.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });

  it('answers other paths 404 and other methods 405, as JSON', async () => {
    const missing = await request(`${server.url}/desktop/nothing.js`);
    expect(missing.status).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
    const post = await request(`${server.url}/desktop`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect(post.json().error.code).toBe('METHOD_NOT_ALLOWED');
  });
});
