import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { opaqueMessageId } from '../../src/load/opaqueMessageId.js';
import { agentTokens, loadScenario } from '../../src/scenario/index.js';
import { signBody } from '../../src/server/index.js';
import { AgentClient, request, webhookPayload } from './fixtures.js';

/**
 * Crash test (issue 16): the server runs as a child process (the smoke scenario, as `ccsim serve`
 * serves it, with a snapshot every 40 commands and every 200 ms, so that kills also land around
 * snapshots and journal compaction), takes signed webhooks from concurrent senders, and is killed
 * with SIGKILL at a point drawn from the seed; restarted on the same journal, it is killed again,
 * five times per seed, four seeds: 20 kills. As WhatsApp does, every message not answered 200 is
 * sent again with the same id after each restart, and some answered ones too. At the end every
 * message answered 200 must be in exactly one conversation, once (nothing lost, nothing doubled),
 * every retry of one must be a duplicate, and every message must reach an agent. A failure names
 * its seed.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const APP_SECRET = 'crash-test-secret';
const ADMIN_TOKEN = 'crash-test-admin';
const SUPPORT_ASSET = '100000000000001';
const SEEDS = [11, 23, 37, 41];
const CYCLES = 5;
const SENDERS = 16;
/** Customers on the support number: at most 8 conversations, within the agents' 13 slots. */
const CUSTOMERS = 8;
const SNAPSHOT_EVERY = 40;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  readonly wsUrl: string;
  readonly exited: Promise<number | null>;
  readonly stderr: string;
  /** The journal row its router was restored from (0: no snapshot yet). */
  readonly restoredFrom: number;
}

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function serve(db: string): Promise<Child> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/server/crashServer.ts', db, String(SNAPSHOT_EVERY)],
    {
      cwd: ROOT,
      env: { ...process.env, CCSIM_APP_SECRET: APP_SECRET, CCSIM_ADMIN_TOKEN: ADMIN_TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((resolveChild, reject) => {
    let out = '';
    const state = { stderr: '' };
    child.stderr!.on('data', (d) => {
      state.stderr += d;
    });
    child.stdout!.on('data', (d) => {
      out += d;
      const match = /listening on (http:\/\/\S+) \(restored from (\d+)/.exec(out);
      if (match) {
        const url = match[1]!;
        resolveChild({
          process: child,
          url,
          restoredFrom: Number(match[2]),
          wsUrl: `${url.replace('http', 'ws')}/agent`,
          exited,
          get stderr() {
            return state.stderr;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`server exited (${code}): ${state.stderr}`)));
  });
}

async function adminJson(child: Child, path: string) {
  const res = await request(`${child.url}${path}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  return res.json();
}

function body(seed: number, i: number): string {
  return JSON.stringify(
    webhookPayload({
      from: `4470090${String(i % CUSTOMERS).padStart(4, '0')}`,
      id: `wamid.${seed}.${i}`,
      text: `message ${i}`,
      phoneNumberId: SUPPORT_ASSET,
    }),
  );
}

type Answer = 'taken' | 'duplicate' | 'not answered';

async function send(server: Child, seed: number, i: number, agent: http.Agent): Promise<Answer> {
  const payload = body(seed, i);
  const res = await request(`${server.url}/webhook`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signBody(APP_SECRET, payload),
    },
    body: payload,
    agent,
  });
  // Shed under load (the restart's replay): WhatsApp retries it later.
  if (res.status === 503) return 'not answered';
  if (res.status !== 200) throw new Error(`unexpected ${res.status} ${res.text}`);
  const ack = res.json() as { received: number; duplicates: number };
  if (ack.received === 1) return 'taken';
  if (ack.duplicates === 1) return 'duplicate';
  throw new Error(`unexpected ack ${res.text}`);
}

describe('crash: kill -9 mid-traffic, restart on the same journal, WhatsApp retries', () => {
  it.each(SEEDS)(
    `seed %i: ${CYCLES} kills; every message answered 200 is there once after the restarts and reaches an agent`,
    async (seed) => {
      const random = mulberry32(seed);
      const dir = mkdtempSync(join(tmpdir(), 'ccsim-crash-'));
      dirs.push(dir);
      const db = join(dir, 'journal.db');
      const scenario = await loadScenario(join(ROOT, 'scenarios/whatsapp-smoke.yaml'));
      const tokens = agentTokens(scenario);
      /** Messages answered 200 (taken or, after a kill, found a duplicate of one taken). */
      const acked = new Set<number>();
      let sent = 0;
      const restoredFrom: number[] = [];

      for (let cycle = 0; cycle < CYCLES; cycle++) {
        const server = await serve(db);
        restoredFrom.push(server.restoredFrom);
        // One agent logged in, so that offers and their deadlines are journaled and snapshotted.
        const early = await AgentClient.connect(server.wsUrl);
        await early.request({ type: 'auth', token: tokens.get('support-1') });
        await early.request({ type: 'setState', status: 'Available' });

        // WhatsApp's retries first: everything not answered yet, and a few answered ones.
        const work = [...Array(sent).keys()].filter((i) => !acked.has(i) || random() < 0.05);
        const killAfter = 20 + Math.floor(random() * 120);
        const agent = new http.Agent({ keepAlive: true, maxSockets: SENDERS });
        let answered = 0;
        let killed = false;
        const sender = async () => {
          while (!killed) {
            const i = work.length > 0 ? work.shift()! : sent++;
            try {
              // A duplicate of one not answered yet: taken before the kill, its answer lost.
              if ((await send(server, seed, i, agent)) !== 'not answered') {
                acked.add(i);
                answered++;
              }
            } catch (err) {
              if (!killed) throw err;
            }
            if (!killed && answered >= killAfter) {
              killed = true;
              server.process.kill('SIGKILL');
            }
          }
        };
        await Promise.all(Array.from({ length: SENDERS }, sender));
        agent.destroy();
        await server.exited;
        await early.close();
      }

      const server = await serve(db);
      // The kills hit a server that writes snapshots and compacts behind them (a first kill may
      // come before the first snapshot: the next start replays from row 1 and writes one).
      restoredFrom.push(server.restoredFrom);
      expect(
        restoredFrom.filter((n) => n > 0).length,
        `seed ${seed}: ${restoredFrom}`,
      ).toBeGreaterThanOrEqual(4);
      expect(
        [...restoredFrom].sort((a, b) => a - b),
        `seed ${seed}: never back`,
      ).toEqual(restoredFrom);
      // The last retries: after them every message sent was answered 200 once at least.
      const agent = new http.Agent({ keepAlive: true, maxSockets: SENDERS });
      for (let round = 0; acked.size < sent; round++) {
        if (round > 50) throw new Error(`seed ${seed}: messages still not answered`);
        for (let i = 0; i < sent; i++) {
          if (!acked.has(i) && (await send(server, seed, i, agent)) !== 'not answered')
            acked.add(i);
        }
      }
      // Every retry of an answered message is a duplicate now.
      for (const i of [0, Math.floor(sent / 2), sent - 1]) {
        expect(await send(server, seed, i, agent), `seed ${seed}: retry of ${i}`).toBe('duplicate');
      }
      agent.destroy();

      const conversations = (await adminJson(server, '/admin/conversations?messages=true'))
        .conversations;
      const where = new Map<string, { conversationId: string; seq: number }[]>();
      for (const c of conversations) {
        for (const m of c.messages) {
          const list = where.get(m.messageId) ?? [];
          list.push({ conversationId: c.conversationId, seq: m.seq });
          where.set(m.messageId, list);
        }
      }
      // Agents and the admin API see the opaque id of each WhatsApp id (docs/protocol.md).
      const opaque = (i: number) => opaqueMessageId(APP_SECRET, `wamid.${seed}.${i}`);
      const ids = [...Array(sent).keys()];
      const lost = ids.filter((i) => !where.has(opaque(i)));
      expect(lost, `seed ${seed}: acknowledged messages missing after the restarts`).toEqual([]);
      const doubled = ids.filter((i) => where.get(opaque(i))!.length > 1);
      expect(doubled, `seed ${seed}: messages taken twice`).toEqual([]);
      expect(where.size, `seed ${seed}: messages nobody sent`).toBe(sent);

      // Every agent logs in and accepts whatever it is offered, until every conversation is held.
      const clients = await Promise.all(
        [...tokens.entries()].map(async ([agentId, token]) => {
          const client = await AgentClient.connect(server.wsUrl);
          const auth = await client.request({ type: 'auth', token });
          const accept = (conversationId: string) =>
            void client.request({ type: 'accept', conversationId });
          client.ws.on('message', (data) => {
            const frame = JSON.parse(data.toString());
            if (frame.type === 'event' && frame.event.type === 'offer')
              accept(frame.event.conversationId);
          });
          for (const offer of auth.desktop.offers) accept(offer.conversationId);
          await client.request({ type: 'setState', status: 'Available' });
          return { agentId, client };
        }),
      );
      const deadline = Date.now() + 20_000;
      for (;;) {
        const open = (await adminJson(server, '/admin/conversations')).conversations;
        if (open.every((c: { status: string }) => c.status === 'active')) break;
        if (Date.now() > deadline) throw new Error(`seed ${seed}: conversations not all accepted`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const seen = new Map<string, Set<number>>();
      for (const { client } of clients) {
        const desktop = (await client.request({ type: 'desktop' })).desktop;
        for (const pane of desktop.conversations) {
          seen.set(pane.conversationId, new Set(pane.messages.map((m: { seq: number }) => m.seq)));
        }
      }
      const unseen = ids.filter((i) => {
        const [at] = where.get(opaque(i))!;
        return !seen.get(at!.conversationId)?.has(at!.seq);
      });
      expect(unseen, `seed ${seed}: acknowledged messages no agent sees`).toEqual([]);

      for (const { client } of clients) await client.close();
      server.process.kill('SIGTERM');
      expect(await server.exited, `seed ${seed}: graceful stop exits 0 (${server.stderr})`).toBe(0);
    },
    120_000,
  );
});
