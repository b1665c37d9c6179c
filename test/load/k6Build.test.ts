import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Every module specifier a bundled script imports (static and dynamic). */
function specifiers(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/\bimport\s*(?:[^'"()]*?\sfrom\s*)?["']([^"']+)["']/g))
    out.push(m[1]!);
  for (const m of code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) out.push(m[1]!);
  for (const m of code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) out.push(m[1]!);
  return out;
}

describe('npm run build:k6', () => {
  it('bundles every k6 script into dist/k6/*.js that imports nothing but k6 modules', async () => {
    await run('npm', ['run', '--silent', 'build:k6'], { cwd: process.cwd() });
    const sources = (await readdir('scenarios/k6')).filter((f) => f.endsWith('.ts'));
    expect(sources.length).toBeGreaterThanOrEqual(2);
    for (const source of sources) {
      const file = join('dist/k6', source.replace(/\.ts$/, '.js'));
      const code = await readFile(file, 'utf8');
      const imports = specifiers(code);
      expect(imports.length, file).toBeGreaterThan(0);
      for (const spec of imports) expect(spec, `${file} imports ${spec}`).toMatch(/^k6(\/|$)/);
      // Plain JavaScript: no TypeScript left over, and the k6 entry points exported.
      expect(code).not.toMatch(/\binterface\s+\w+\s*\{/);
      expect(code).toMatch(/export\s*\{[^}]*\boptions\b/);
    }
    const whatsapp = await readFile('dist/k6/whatsapp.js', 'utf8');
    for (const name of ['customers', 'agents', 'setup', 'teardown', 'handleSummary']) {
      expect(whatsapp).toMatch(new RegExp(`export\\s*\\{[^}]*\\b${name}\\b`));
    }
  }, 60_000);
});
