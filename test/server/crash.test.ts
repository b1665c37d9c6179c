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
 * Crash test: the server runs as a child process (`ccsim serve`), takes signed webhooks from
 * concurrent senders, and is killed with SIGKILL at a point drawn from the seed. Restarted on the
 * same journal, every message that was answered 200 must be there and reach an agent. A fixed
 * list of seeds; a failure names its seed.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const SCENARIO = join(ROOT, 'scenarios/whatsapp-smoke.yaml');
const APP_SECRET = 'crash-test-secret';
const ADMIN_TOKEN = 'crash-test-admin';
const SUPPORT_ASSET = '100000000000001';
const SEEDS = [11, 23, 37, 41, 59];
const MESSAGES = 400;
const SENDERS = 16;
/** Customers on the support number: at most 8 conversations, within the agents' 13 slots. */
const CUSTOMERS = 8;

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
  stderr: string;
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
    ['bin/ccsim.js', 'serve', SCENARIO, '--port', '0', '--db', db, '--scenario-tokens'],
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
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        const url = match[1]!;
        resolveChild({
          process: child,
          url,
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

describe('crash: kill -9 mid-traffic, restart on the same journal', () => {
  it.each(SEEDS)(
    'seed %i: every message answered 200 is there after restart and reaches an agent',
    async (seed) => {
      const random = mulberry32(seed);
      const dir = mkdtempSync(join(tmpdir(), 'ccsim-crash-'));
      dirs.push(dir);
      const db = join(dir, 'journal.db');
      const scenario = await loadScenario(SCENARIO);
      const tokens = agentTokens(scenario);

      let server = await serve(db);
      // One agent logged in before the crash, so that offers and their deadlines are journaled too.
      const early = await AgentClient.connect(server.wsUrl);
      await early.request({ type: 'auth', token: tokens.get('support-1') });
      await early.request({ type: 'setState', status: 'Available' });

      const killAfter = 30 + Math.floor(random() * 250);
      const acked: string[] = [];
      const agent = new http.Agent({ keepAlive: true, maxSockets: SENDERS });
      let next = 0;
      let killed = false;
      const sender = async () => {
        while (!killed && next < MESSAGES) {
          const i = next++;
          const id = `wamid.${seed}.${i}`;
          const body = JSON.stringify(
            webhookPayload({
              from: `4470090${String(i % CUSTOMERS).padStart(4, '0')}`,
              id,
              text: `message ${i}`,
              phoneNumberId: SUPPORT_ASSET,
            }),
          );
          try {
            const res = await request(`${server.url}/webhook`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                'x-hub-signature-256': signBody(APP_SECRET, body),
              },
              body,
              agent,
            });
            if (res.status === 200) acked.push(id);
            else throw new Error(`unexpected ${res.status} ${res.text}`);
          } catch (err) {
            if (!killed) throw err;
          }
          if (!killed && acked.length >= killAfter) {
            killed = true;
            server.process.kill('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: SENDERS }, sender));
      agent.destroy();
      await server.exited;
      await early.close();
      expect(killed, `seed ${seed}: the kill point was reached`).toBe(true);

      server = await serve(db);
      const conversations = (await adminJson(server, '/admin/conversations?messages=true'))
        .conversations;
      const conversationOf = new Map<string, { conversationId: string; seq: number }>();
      for (const c of conversations) {
        for (const m of c.messages)
          conversationOf.set(m.messageId, { conversationId: c.conversationId, seq: m.seq });
      }
      // Agents and the admin API see the opaque id of each WhatsApp id (docs/protocol.md).
      const opaque = (id: string) => opaqueMessageId(APP_SECRET, id);
      const lost = acked.filter((id) => !conversationOf.has(opaque(id)));
      expect(lost, `seed ${seed}: acknowledged messages missing after restart`).toEqual([]);

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
      const unseen = acked.filter((id) => {
        const at = conversationOf.get(opaque(id))!;
        return !seen.get(at.conversationId)?.has(at.seq);
      });
      expect(unseen, `seed ${seed}: acknowledged messages no agent sees`).toEqual([]);

      // WhatsApp's retries of acknowledged messages are still recognised after the crash.
      const retried = acked.slice(0, 5);
      for (const id of retried) {
        const i = Number(id.split('.')[2]);
        const body = JSON.stringify(
          webhookPayload({
            from: `4470090${String(i % CUSTOMERS).padStart(4, '0')}`,
            id,
            text: `message ${i}`,
            phoneNumberId: SUPPORT_ASSET,
          }),
        );
        const res = await request(`${server.url}/webhook`, {
          method: 'POST',
          headers: { 'x-hub-signature-256': signBody(APP_SECRET, body) },
          body,
        });
        expect(res.json()).toMatchObject({ received: 0, duplicates: 1 });
      }

      for (const { client } of clients) await client.close();
      server.process.kill('SIGTERM');
      expect(await server.exited, `seed ${seed}: graceful stop exits 0 (${server.stderr})`).toBe(0);
    },
    90_000,
  );
});
