import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** DESIGN.md's layout and import rules, checked on the source text. */

function files(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out = out.concat(files(path));
    else if (path.endsWith('.ts')) out.push(path);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map(
    (m) => m[1]!,
  );
}

const PURE = ['src/core', 'src/masking', 'src/analytic', 'src/kpi'];

/** Which top-level folders each pure folder may import from (besides itself). */
const ALLOWED: Record<string, string[]> = {
  'src/core': ['src/masking'],
  'src/masking': [],
  'src/analytic': [],
  'src/kpi': ['src/core'],
};

describe('architecture', () => {
  for (const dir of PURE) {
    it(`${dir} is pure: no node:* or builtin modules, clocks, timers or Math.random`, () => {
      for (const file of files(dir)) {
        const text = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '');
        for (const spec of imports(file)) {
          expect(spec.startsWith('node:'), `${file} imports ${spec}`).toBe(false);
          expect(spec.startsWith('.'), `${file} imports package ${spec}`).toBe(true);
        }
        expect(text, file).not.toMatch(
          /\bDate\.now\(|\bnew Date\(|Math\.random\(|\bsetTimeout\(|\bsetInterval\(|\bsetImmediate\(|\bperformance\.now\(|\bprocess\./,
        );
      }
    });

    it(`${dir} imports only from ${ALLOWED[dir]!.join(', ') || 'itself'}`, () => {
      for (const file of files(dir)) {
        for (const spec of imports(file)) {
          if (!spec.startsWith('.')) continue;
          const target = relative(process.cwd(), join(file, '..', spec));
          const top = target.split('/').slice(0, 2).join('/');
          expect([dir, ...ALLOWED[dir]!], `${file} imports ${spec}`).toContain(top);
        }
      }
    });
  }
});
