import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import {
  encodedForms,
  LeakDetector,
  type LoadSummary,
  opaqueMessageId,
  type Secret,
} from '../../src/load/index.js';
import { agentTokens, loadScenario, toTenant } from '../../src/scenario/index.js';
import { type ServerHandle, startServer } from '../../src/server/index.js';
import { runCli } from '../helpers/cliHarness.js';

const secrets: Secret[] = [
  { text: '4111 1111 1111 1111', kind: 'card', messageId: 'wamid.1.1' },
  { text: 'NL91ABNA0417164300', kind: 'iban', messageId: 'wamid.2.1' },
  { text: 'melissa@gmail.com', kind: 'email', messageId: 'wamid.3.1' },
  { text: '+44 7966 197542', kind: 'phone', messageId: 'wamid.4.2' },
];

describe('LeakDetector', () => {
  const detector = new LeakDetector(secrets);

  it('finds every planted secret anywhere in a frame, as written', () => {
    const frame = JSON.stringify({
      type: 'event',
      event: {
        type: 'message',
        message: { text: 'card 4111 1111 1111 1111, mail melissa@gmail.com' },
      },
    });
    expect(detector.scan(frame).map((h) => h.secret.kind)).toEqual(['card', 'email']);
    expect(detector.scan('NL91ABNA0417164300')).toHaveLength(1);
    expect(detector.scan('xNL91ABNA0417164300x')[0]).toMatchObject({ at: 1 });
  });

  it('finds a secret with its spaces dropped (a masker that kept the digits still leaks)', () => {
    expect(detector.scan('number 4111111111111111 here').map((h) => h.secret.kind)).toEqual([
      'card',
    ]);
    expect(detector.scan('call +447966197542').map((h) => h.secret.messageId)).toEqual([
      'wamid.4.2',
    ]);
  });

  it('does not flag masked forms or other text', () => {
    const masked = JSON.stringify({
      text: 'card ************1111, m******@gmail.com, NL***************00, *********7542',
    });
    expect(detector.scan(masked)).toEqual([]);
    expect(detector.scan('')).toEqual([]);
    expect(detector.scan('4111 1111 1111 111')).toEqual([]);
  });

  it('scans with no secrets at all', () => {
    expect(new LeakDetector([]).scan('4111 1111 1111 1111')).toEqual([]);
  });

  it('agrees with a naive search on random frames', () => {
    const alphabet = '0123456789 +@.abcNL';
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      let text = '';
      const length = rand(200);
      for (let i = 0; i < length; i++) text += alphabet[rand(alphabet.length)];
      if (rand(3) === 0) {
        const s = secrets[rand(secrets.length)]!.text;
        const at = rand(text.length + 1);
        text = text.slice(0, at) + s + text.slice(at);
      }
      const naive: string[] = [];
      for (const s of secrets) {
        for (const p of new Set([s.text, s.text.replace(/\s+/g, '')])) {
          for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) naive.push(`${p}@${i}`);
        }
      }
      const found = detector
        .scan(text)
        .map(
          (h) =>
            `${text.slice(h.at).startsWith(h.secret.text) ? h.secret.text : h.secret.text.replace(/\s+/g, '')}@${h.at}`,
        );
      expect(found.sort()).toEqual(naive.sort());
    }
  });
});

describe('LeakDetector: a customer number in any encoding (issue 16, item 2)', () => {
  const number = '447966197542';
  const detector = new LeakDetector([
    { text: number, kind: 'phone', messageId: 'wamid.9.1', encodings: true },
  ]);

  it("flags the protocol doc's own WhatsApp id, which is base64 of the number", () => {
    const hits = detector.scan('{"firstMessageId":"wamid.HBgLNDQ3OTY2MTk3NTQyFQIAEhgg"}');
    expect(hits.map((h) => h.encoding)).toEqual(['base64']);
  });

  it('flags the number plain, in hex (bytes or value), base64 and base64url at any byte offset', () => {
    const bytes = Buffer.from(number);
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 8 }),
        fc.uint8Array({ maxLength: 8 }),
        fc.constantFrom('base64', 'base64url', 'hex'),
        (before, after, encoding) => {
          const text = Buffer.concat([before, bytes, after]).toString(encoding);
          expect(detector.scan(`{"id":"${text}"}`).length, text).toBeGreaterThan(0);
        },
      ),
      { seed: 16_021, numRuns: 500 },
    );
    expect(detector.scan(`x${number}x`).map((h) => h.encoding)).toEqual(['plain']);
    expect(detector.scan(BigInt(number).toString(16)).map((h) => h.encoding)).toEqual(['hex']);
    expect(detector.scan(BigInt(number).toString(16).toUpperCase())).toHaveLength(1);
  });

  it('only the encoded forms of secrets marked so, each long enough not to match ids by chance', () => {
    expect(
      new LeakDetector([{ text: number, kind: 'phone', messageId: 'm' }]).scan('NDQ3OTY2MTk3NTQy'),
    ).toEqual([]);
    for (const form of encodedForms(number)) expect(form.text.length).toBeGreaterThanOrEqual(10);
  });

  it('no false hits: 1,000 numbers against 20,000 opaque ids and random base64/hex tokens', () => {
    const numbers: Secret[] = Array.from({ length: 1000 }, (_, i) => ({
      text: `4477009${String(i).padStart(5, '0')}`,
      kind: 'phone',
      messageId: `wamid.${i}.1`,
      encodings: true,
    }));
    const many = new LeakDetector(numbers);
    let frame = '';
    for (let i = 0; i < 20_000; i++) {
      // Fixed pseudo-random bytes: the same tokens every run.
      const r = createHash('sha256').update(String(i)).digest().subarray(0, 16);
      frame += `${opaqueMessageId('s', String(i))} ${r.toString('base64')} ${r.toString('hex')} `;
    }
    expect(many.scan(frame)).toEqual([]);
  });
});

describe('ccsim loadtest against a deployment that shows agents WhatsApp ids (issue 16, item 2)', () => {
  it('counts every such id as a leak and fails (exit 99); the reference deployment does not', async () => {
    const scenario = await loadScenario(MINI);
    const server = await startServer({
      tenant: toTenant(scenario),
      agentTokens: agentTokens(scenario),
      db: ':memory:',
      port: 0,
      appSecret: 'leak-test-secret',
      adminToken: 'leak-test-admin',
      log: () => {},
    });
    // The test double: the reference deployment behind a proxy that turns every opaque id in an
    // agent frame back into the WhatsApp id it stands for, as a deployment without them would.
    const proxy = await leakingProxy(server, 'leak-test-secret');
    const dir = await mkdtemp(join(tmpdir(), 'ccsim-leak-'));
    try {
      const env = { CCSIM_APP_SECRET: 'leak-test-secret', CCSIM_ADMIN_TOKEN: 'leak-test-admin' };
      const args = ['loadtest', MINI, '--speed', '120', '--duration', '4s', '--json'];
      const leaking = await runCli(
        [...args, '--target', proxy.url, '--out', join(dir, 'a')],
        '',
        env,
      );
      const summary = JSON.parse(leaking.stdout) as LoadSummary;
      expect(proxy.rewritten()).toBeGreaterThan(0);
      expect(summary.checks.leaks.count).toBeGreaterThanOrEqual(proxy.rewritten());
      expect(summary.checks.leaks.examples[0]).toMatchObject({ kind: 'phone' });
      expect(summary.thresholds.results.find((r) => r.metric === 'leaks')).toMatchObject({
        ok: false,
      });
      expect(leaking.code).toBe(99);
      // Correlation still works on WhatsApp's ids: nothing is lost.
      expect(summary.checks.loss.lost).toBe(0);

      const direct = await runCli(
        [...args, '--target', server.url, '--out', join(dir, 'b')],
        '',
        env,
      );
      const clean = JSON.parse(direct.stdout) as LoadSummary;
      expect(clean.checks.leaks.count).toBe(0);
      expect(clean.checks.loss.lost).toBe(0);
      expect(clean.checks.loss.delivered).toBeGreaterThan(0);
    } finally {
      await proxy.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

const MINI = 'test/load/fixtures/load-mini.yaml';

/** HTTP and WebSocket proxy to `server` that un-hides message ids in the frames agents get. */
async function leakingProxy(server: ServerHandle, appSecret: string) {
  const rawOf = new Map<string, string>();
  let rewritten = 0;
  const proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.url === '/webhook' && req.method === 'POST') {
        for (const id of body.toString('utf8').match(/wamid\.[A-Za-z0-9+/=]+/g) ?? []) {
          rawOf.set(opaqueMessageId(appSecret, id), id);
        }
      }
      const upstream = http.request(
        `${server.url}${req.url}`,
        { method: req.method, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.end(body);
    });
  });
  const wss = new WebSocketServer({ server: proxy, path: '/agent' });
  wss.on('connection', (client) => {
    const up = new WebSocket(server.wsUrl);
    const early: string[] = [];
    up.on('open', () => {
      for (const f of early.splice(0)) up.send(f);
    });
    client.on('message', (data) => {
      if (up.readyState === WebSocket.OPEN) up.send(data.toString());
      else early.push(data.toString());
    });
    up.on('message', (data) => {
      const text = data.toString().replace(/m_[A-Za-z0-9_-]{22}/g, (id) => {
        const raw = rawOf.get(id);
        if (raw === undefined) return id;
        rewritten++;
        return raw;
      });
      client.send(text);
    });
    client.on('close', () => up.close());
    up.on('close', () => client.close());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    rewritten: () => rewritten,
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        proxy.closeAllConnections();
        proxy.close(() => r());
      }),
  };
}
