// Prints a SHA-256 of each bundled scenario's simulation results at seed 7 (summary.json and
// replications.json as `ccsim simulate --seed 7` writes them), one line per scenario, so that a
// change that must not alter results (issue 13: scale work) can be checked before and after:
//
//   npx tsx scripts/sim-fingerprint.ts > before.txt   # on the old commit
//   npx tsx scripts/sim-fingerprint.ts | diff before.txt -
//
// Runs the CLI itself, the way a user does, in a temporary folder it removes. The summary names
// that folder (`command`, `request.out`); those two fields are left out of the hash.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const files = [
  ...readdirSync(join(root, 'scenarios'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `scenarios/${f}`),
  ...readdirSync(join(root, 'scenarios/validation'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `scenarios/validation/${f}`),
].sort();
const only = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'ccsim-fingerprint-'));
try {
  for (const file of files) {
    if (only.length > 0 && !only.some((o) => file.includes(o))) continue;
    const out = join(work, file.replaceAll('/', '_'));
    execFileSync(
      process.execPath,
      [join(root, 'bin/ccsim.js'), 'simulate', file, '--seed', '7', '--out', out, '--no-report'],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const hash = createHash('sha256');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    delete summary.command;
    delete summary.request.out;
    hash.update(JSON.stringify(summary));
    hash.update(readFileSync(join(out, 'replications.json')));
    process.stdout.write(`${hash.digest('hex').slice(0, 16)}  ${file}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
