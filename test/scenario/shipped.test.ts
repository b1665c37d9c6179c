import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';

const root = new URL('../../scenarios/', import.meta.url).pathname;

/** Every scenario YAML under scenarios/ (k6 scripts live there too, as TypeScript). */
function scenarioFiles(dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return scenarioFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

describe('shipped scenarios', () => {
  const files = scenarioFiles();

  it('include the ones the docs and issues name', () => {
    const names = files.map((f) => relative(root, f)).sort();
    expect(names).toEqual(expect.arrayContaining(['whatsapp-smoke.yaml']));
  });

  for (const file of files) {
    const name = relative(root, file);
    it(`${name} parses and points editors at the JSON Schema`, async () => {
      const scenario = await loadScenario(file);
      expect(`${scenario.name}.yaml`).toBe(name.split('/').pop());
      const first = readFileSync(file, 'utf8').split('\n', 1)[0];
      const schema = relative(join(file, '..'), join(root, 'scenario.schema.json'));
      expect(first).toBe(
        `# yaml-language-server: $schema=${schema.startsWith('.') ? schema : `./${schema}`}`,
      );
    });
  }
});
