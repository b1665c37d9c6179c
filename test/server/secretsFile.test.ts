import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSecretsFile, resolveSecrets } from '../../src/server/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function file(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccsim-secrets-'));
  dirs.push(dir);
  return join(dir, 'secrets.json');
}

describe('resolveSecrets (issue 16, item 8)', () => {
  it('uses given secrets and fixed agent tokens as given and writes only what it generated', () => {
    const path = file();
    const r = resolveSecrets({
      path,
      given: { appSecret: 'given-app-secret', adminToken: 'given-admin' },
      agentIds: ['a-1', 'a-2'],
      fixedAgentTokens: new Map([['a-1', 'fixed-token-1']]),
    });
    expect(r.appSecret).toBe('given-app-secret');
    expect(r.adminToken).toBe('given-admin');
    expect(r.agentTokens.get('a-1')).toBe('fixed-token-1');
    expect(r.agentTokens.get('a-2')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(r.stored).toEqual(['verify token', '1 agent tokens']);
    const written = JSON.parse(readFileSync(path, 'utf8'));
    expect(written).toEqual({
      verifyToken: r.verifyToken,
      agentTokens: { 'a-2': r.agentTokens.get('a-2') },
    });
    expect(JSON.stringify(written)).not.toContain('given');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('a second start reads the file back: same secrets, nothing new generated', () => {
    const path = file();
    const request = { path, given: {}, agentIds: ['a-1'], fixedAgentTokens: new Map() };
    const first = resolveSecrets(request);
    const second = resolveSecrets(request);
    expect(second.appSecret).toBe(first.appSecret);
    expect(second.verifyToken).toBe(first.verifyToken);
    expect(second.adminToken).toBe(first.adminToken);
    expect(second.agentTokens).toEqual(first.agentTokens);
  });

  it('every generated value is new: two servers never share a secret', () => {
    const a = resolveSecrets({
      path: file(),
      given: {},
      agentIds: ['x'],
      fixedAgentTokens: new Map(),
    });
    const b = resolveSecrets({
      path: file(),
      given: {},
      agentIds: ['x'],
      fixedAgentTokens: new Map(),
    });
    expect(
      new Set([a.appSecret, a.adminToken, a.verifyToken, b.appSecret, b.adminToken]).size,
    ).toBe(5);
    expect(a.agentTokens.get('x')).not.toBe(b.agentTokens.get('x'));
  });

  it('nothing generated, nothing written', () => {
    const path = file();
    resolveSecrets({
      path,
      given: { appSecret: 'a', verifyToken: 'v', adminToken: 't' },
      agentIds: ['x'],
      fixedAgentTokens: new Map([['x', 'tok']]),
    });
    expect(readSecretsFile(path)).toBeNull();
  });

  it('refuses a file others can read (SECRETS_FILE_UNSAFE) and one that is not JSON (SECRETS_FILE_INVALID)', () => {
    const open = file();
    writeFileSync(open, '{}');
    chmodSync(open, 0o640);
    expect(() => readSecretsFile(open)).toThrow(
      expect.objectContaining({ code: 'SECRETS_FILE_UNSAFE' }),
    );
    const broken = file();
    writeFileSync(broken, 'appSecret=x', { mode: 0o600 });
    expect(() => readSecretsFile(broken)).toThrow(
      expect.objectContaining({ code: 'SECRETS_FILE_INVALID' }),
    );
  });
});
