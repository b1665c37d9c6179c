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

interface ImportLine {
  readonly spec: string;
  /** `import type` / `export type`: erased at compile time. */
  readonly typeOnly: boolean;
}

function importLines(file: string): ImportLine[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(/(?:^|\n)\s*(import|export)(\s+type)?[^'"]*?from\s+['"]([^'"]+)['"]/g),
  ].map((m) => ({ spec: m[3]!, typeOnly: m[2] !== undefined }));
}

function imports(file: string): string[] {
  return importLines(file).map((l) => l.spec);
}

/** The top-level folder (`src/core`, `sim`, ...) a relative import of `file` lands in. */
function topOf(file: string, spec: string): string {
  const target = relative(process.cwd(), join(file, '..', spec));
  return target.startsWith('src/')
    ? target.split('/').slice(0, 2).join('/')
    : target.split('/')[0]!;
}

const PURE = ['src/core', 'src/masking', 'src/analytic', 'src/kpi', 'src/behaviour'];

/** Which top-level folders each pure folder may import from (besides itself). */
const ALLOWED: Record<string, string[]> = {
  'src/core': ['src/masking'],
  'src/masking': [],
  'src/analytic': [],
  'src/kpi': ['src/core'],
  'src/behaviour': ['src/core', 'src/scenario'],
};

/** Pure folders that may use another folder's types but none of its code. */
const TYPES_ONLY: Record<string, string[]> = {
  'src/behaviour': ['src/core'],
};

/**
 * The shells' forbidden arrows: the simulator and the live server do not know each other, and
 * the load replayer knows neither (it drives a deployment from outside, as any client would).
 */
const FORBIDDEN: Record<string, string[]> = {
  sim: ['src/server', 'src/load', 'src/cli'],
  'src/server': ['sim', 'src/load', 'src/cli'],
  'src/load': ['sim', 'src/server', 'src/cli'],
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
          const top = topOf(file, spec);
          expect([dir, ...ALLOWED[dir]!], `${file} imports ${spec}`).toContain(top);
        }
      }
    });
  }

  for (const [dir, folders] of Object.entries(TYPES_ONLY)) {
    it(`${dir} uses only the types of ${folders.join(', ')}`, () => {
      for (const file of files(dir)) {
        for (const line of importLines(file)) {
          if (!line.spec.startsWith('.') || !folders.includes(topOf(file, line.spec))) continue;
          expect(line.typeOnly, `${file} imports code from ${line.spec}`).toBe(true);
        }
      }
    });
  }

  for (const [dir, folders] of Object.entries(FORBIDDEN)) {
    it(`${dir} does not import ${folders.join(', ')}`, () => {
      const found = files(dir);
      expect(found.length).toBeGreaterThan(0);
      for (const file of found) {
        for (const spec of imports(file)) {
          if (!spec.startsWith('.')) continue;
          expect(folders, `${file} imports ${spec}`).not.toContain(topOf(file, spec));
        }
      }
    });
  }

  it('imports are relative or packages: an absolute path works only on the machine that wrote it', () => {
    // A file once imported '/work/wt/roster/src/...': green here, broken on every fresh clone.
    for (const dir of ['src', 'sim', 'bench', 'test', 'scripts', 'scenarios']) {
      for (const file of files(dir)) {
        for (const spec of imports(file)) {
          expect(spec.startsWith('/') || /^[A-Za-z]:[\\/]/.test(spec), `${file}: ${spec}`).toBe(
            false,
          );
        }
      }
    }
  });

  it("no shell reads the router's internal state (only its public queries and the desktop views)", () => {
    for (const dir of ['sim', 'src/load', 'src/server']) {
      for (const file of files(dir)) {
        const text = readFileSync(file, 'utf8');
        expect(text, file).not.toMatch(/router\.state\b|\.router\.state\b/);
      }
    }
  });

  it("the simulator's models import no circle", () => {
    const graph = new Map<string, string[]>();
    for (const file of files('sim')) {
      graph.set(
        file,
        imports(file)
          .filter((spec) => spec.startsWith('./'))
          .map((spec) => join('sim', spec.replace(/\.js$/, '.ts'))),
      );
    }
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
