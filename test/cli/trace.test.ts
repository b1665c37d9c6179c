import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateReplication } from '../../sim/index.js';
import { parseTraceNdjson, type TraceMessage } from '../../src/load/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import { runCli } from '../helpers/cliHarness.js';

const SMOKE = 'scenarios/whatsapp-smoke.yaml';

describe('ccsim trace', () => {
  it('gives the same bytes for the same scenario and seed, other bytes for another seed', async () => {
    const a = await runCli(['trace', SMOKE, '--seed', '5']);
    const b = await runCli(['trace', SMOKE, '--seed', '5']);
    const c = await runCli(['trace', SMOKE, '--seed', '6']);
    expect(a.code).toBe(0);
    expect(a.stderr).toBe('');
    expect(a.stdout.length).toBeGreaterThan(1000);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).not.toBe(a.stdout);
    const d = await runCli(['trace', SMOKE, '--seed', '5', '--replication', '1']);
    expect(d.stdout).not.toBe(a.stdout);
  });

  it('writes a header line, then the events in time order with planted secrets and spans', async () => {
    const { stdout } = await runCli(['trace', SMOKE]);
    const lines = stdout.trim().split('\n');
    const header = JSON.parse(lines[0]!);
    expect(header).toMatchObject({
      type: 'header',
      format: 'ccsim-trace',
      version: 1,
      scenario: 'whatsapp-smoke',
      seed: 1,
      replication: 0,
      start: '09:00',
      intervalMs: 900_000,
      horizonMs: 3_600_000,
      endMs: 4_500_000,
      secretRate: 0.2,
    });
    const trace = parseTraceNdjson(stdout);
    expect(trace.events).toHaveLength(lines.length - 1);
    expect(header.messages + header.abandons).toBe(trace.events.length);
    const ats = trace.events.map((e) => e.at);
    expect(ats).toEqual([...ats].sort((x, y) => x - y));
    expect(ats.every((t) => t >= 0 && t < header.endMs)).toBe(true);
    const messages = trace.events.filter((e): e is TraceMessage => e.type === 'message');
    const withSecrets = messages.filter((m) => m.secrets.length > 0);
    expect(withSecrets.reduce((n, m) => n + m.secrets.length, 0)).toBe(header.secrets);
    expect(header.secrets).toBeGreaterThan(0);
    for (const m of withSecrets) {
      for (const s of m.secrets) {
        expect(['card', 'iban', 'ssn', 'phone', 'email']).toContain(s.kind);
        expect(s.end).toBeGreaterThan(s.start);
        expect(m.text.slice(s.start, s.end).trim()).toBe(m.text.slice(s.start, s.end));
      }
    }
    // Every conversation opens with seq 1 and numbers its messages 1, 2, ...
    const seqs = new Map<number, number[]>();
    for (const m of messages) seqs.set(m.arrival, [...(seqs.get(m.arrival) ?? []), m.seq]);
    for (const list of seqs.values()) expect(list).toEqual(list.map((_, i) => i + 1));
    expect(messages.every((m) => m.messageId === `wamid.${m.arrival}.${m.seq}`)).toBe(true);
  });

  it("has the simulator's customers: the same replication's records, customer for customer", async () => {
    const { stdout } = await runCli(['trace', SMOKE, '--seed', '9', '--replication', '2']);
    const trace = parseTraceNdjson(stdout);
    const scenario = await loadScenario(SMOKE);
    const result = simulateReplication(scenario, 2, { seed: 9, keepRecords: true });
    const fromRecords = new Set(result.records!.map((r) => `${r.assetId}/${r.customerId}`));
    const fromTrace = new Set(
      trace.events.map(
        (e) => `${e.assetId}/${e.type === 'message' ? e.customer.id : e.customerId}`,
      ),
    );
    expect(fromTrace).toEqual(fromRecords);
    expect(trace.header.customers).toBe(result.counts.arrivals);
    expect(trace.header.messages).toBe(result.counts.customerMessages);
    expect(trace.header.abandons).toBe(result.counts.abandoned);
  });

  it('--format k6 writes one JSON document for the k6 scripts; --out writes a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ccsim-trace-'));
    const file = join(dir, 'smoke.k6.json');
    const result = await runCli(['trace', SMOKE, '--format', 'k6', '--out', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^wrote .*smoke\.k6\.json: \d+ customers, \d+ messages/);
    const doc = JSON.parse(await readFile(file, 'utf8'));
    expect(doc.format).toBe('ccsim-trace-k6');
    expect(doc.messages).toHaveLength(doc.header.messages);
    expect(doc.conversations).toHaveLength(doc.header.customers);
    expect(doc.agents.map((a: { id: string }) => a.id)).toEqual([
      'support-1',
      'support-2',
      'support-3',
      'sales-1',
      'sales-2',
    ]);
    expect(doc.agents.every((a: { token: string }) => a.token.length >= 8)).toBe(true);
    expect(doc.secrets.length).toBeGreaterThan(0);
    expect(doc.thresholds).toEqual({
      webhook_ack: ['p(99)<50'],
      leaks: ['count==0'],
      lost: ['count==0'],
    });
    for (const c of doc.conversations) {
      expect(doc.messages[c.messages[0]].seq).toBe(1);
      expect(doc.messages[c.messages[0]].at).toBe(c.at);
    }
    const again = await runCli(['trace', SMOKE, '--format', 'k6']);
    expect(again.stdout).toBe(await readFile(file, 'utf8'));
  });

  it('refuses a bad seed or replication (usage, exit 2)', async () => {
    const r = await runCli(['trace', SMOKE, '--seed', '-1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/CLI_USAGE/);
    const q = await runCli(['trace', SMOKE, '--replication', '1.5']);
    expect(q.code).toBe(2);
  });
});
