import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentTokens, loadScenario } from '../../src/scenario/index.js';
import { signBody } from '../../src/server/index.js';
import { runCli } from '../helpers/cliHarness.js';
import { AgentClient, request, webhookPayload } from './fixtures.js';

describe('ccsim serve: arguments', () => {
  it('needs a scenario (usage error, exit 2)', async () => {
    const r = await runCli(['serve']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error CLI_USAGE: /);
  });

  it('refuses a speed that is not > 0', async () => {
    const r = await runCli([
      'serve',
      'scenarios/whatsapp-smoke.yaml',
      '--speed',
      '0',
      '--port',
      '0',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error CLI_USAGE: --speed must be a number > 0, got 0\n');
  });

  it('refuses a port out of range', async () => {
    const r = await runCli(['serve', 'scenarios/whatsapp-smoke.yaml', '--port', '70000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error CLI_USAGE: --port must be an integer from 0 to 65535/);
  });

  it('names a missing scenario file', async () => {
    const r = await runCli(['serve', 'scenarios/nope.yaml', '--port', '0', '--db', ':memory:']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error SCENARIO_\w+: /);
    expect(r.stderr).toContain('nope.yaml');
  });

  it('refuses CCSIM_AGENT_TOKENS that is not a JSON object of strings', async () => {
    const r = await runCli(
      ['serve', 'scenarios/whatsapp-smoke.yaml', '--port', '0', '--db', ':memory:'],
      '',
      { CCSIM_AGENT_TOKENS: '["support-1"]' },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error SERVE_INVALID_OPTION: CCSIM_AGENT_TOKENS/);
  });
});

describe('ccsim serve: secrets and binding (issue 16, item 8)', () => {
  it('refuses a non-loopback --host without --allow-remote, before anything starts', async () => {
    const r = await runCli(['serve', 'scenarios/whatsapp-smoke.yaml', '--host', '0.0.0.0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error SERVE_NOT_LOOPBACK: --host 0\.0\.0\.0 is not a loopback/);
    expect(r.stdout).toBe('');
  });

  it('refuses predictable --scenario-tokens with --allow-remote', async () => {
    const r = await runCli([
      'serve',
      'scenarios/whatsapp-smoke.yaml',
      '--host',
      '::',
      '--allow-remote',
      '--scenario-tokens',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error SERVE_INVALID_OPTION: --scenario-tokens/);
  });

  it('refuses a secrets file that others can read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccsim-serve-'));
    try {
      const file = join(dir, 'open.json');
      writeFileSync(file, '{}', { mode: 0o644 });
      chmodSync(file, 0o644);
      const r = await runCli([
        'serve',
        'scenarios/whatsapp-smoke.yaml',
        '--db',
        join(dir, 'j.db'),
        '--secrets-file',
        file,
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error SECRETS_FILE_UNSAFE: .*mode 644/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes generated secrets and random agent tokens to a 0600 file, never to stdout; a restart reuses them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccsim-serve-'));
    const db = join(dir, 'journal.db');
    try {
      const first = await serveChild(db);
      const file = `${db}.secrets.json`;
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const secrets = JSON.parse(readFileSync(file, 'utf8'));
      expect(Object.keys(secrets).sort()).toEqual([
        'adminToken',
        'agentTokens',
        'appSecret',
        'verifyToken',
      ]);
      for (const value of [secrets.appSecret, secrets.adminToken, secrets.verifyToken]) {
        expect(value).toMatch(/^[A-Za-z0-9_-]{32}$/);
        expect(first.stdout).not.toContain(value);
      }
      // Random, not the ones anybody can derive from the scenario file.
      const derived = agentTokens(await loadScenario('scenarios/whatsapp-smoke.yaml'));
      expect(Object.keys(secrets.agentTokens).sort()).toEqual([...derived.keys()].sort());
      for (const [agentId, token] of Object.entries(secrets.agentTokens)) {
        expect(token).not.toBe(derived.get(agentId));
        expect(first.stdout).not.toContain(token as string);
      }
      expect(first.stdout).toContain(`secrets        ${file} (mode 0600: app secret,`);
      // The file's secrets are the server's: a webhook signed with it is taken, the token logs in.
      const body = JSON.stringify(
        webhookPayload({
          from: '447700900001',
          id: 'w1',
          text: 'hi',
          phoneNumberId: '100000000000001',
        }),
      );
      const res = await request(`${first.url}/webhook`, {
        method: 'POST',
        headers: { 'x-hub-signature-256': signBody(secrets.appSecret, body) },
        body,
      });
      expect(res.status).toBe(200);
      const agent = await AgentClient.connect(`${first.url.replace('http', 'ws')}/agent`);
      expect(
        (await agent.request({ type: 'auth', token: secrets.agentTokens['support-1'] })).type,
      ).toBe('auth.ok');
      await agent.close();
      await first.stop();

      const second = await serveChild(db);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(secrets);
      const retry = await request(`${second.url}/webhook`, {
        method: 'POST',
        headers: { 'x-hub-signature-256': signBody(secrets.appSecret, body) },
        body,
      });
      expect(retry.json()).toMatchObject({ received: 0, duplicates: 1 });
      await second.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

/** `ccsim serve` as a child process on a free port (stdout is a pipe: not a TTY). */
async function serveChild(db: string, extra: string[] = []) {
  const child = spawn(
    process.execPath,
    ['bin/ccsim.js', 'serve', 'scenarios/whatsapp-smoke.yaml', '--port', '0', '--db', db, ...extra],
    { cwd: resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      // The banner is one write: wait for its last line.
      const m = /listening on (http:\/\/\S+)[\s\S]*graph API/.exec(stdout);
      if (m) resolveUrl(m[1]!);
    });
    void exited.then((code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  return {
    url,
    get stdout() {
      return stdout;
    },
    stop: async () => {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
  };
}
