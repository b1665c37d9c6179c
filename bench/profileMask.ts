// `npm run profile:mask [-- --clinic]`: profiles the masker on the benchmark corpus and writes
// the result under reports/profiles/. By default a V8 CPU profile (`node --cpu-prof`): open the
// .cpuprofile in Chrome DevTools (Performance tab, "Load profile") or drop it on
// https://www.speedscope.app. With --clinic, `clinic flame` writes an HTML flame graph there.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'reports', 'profiles');
const workload = path.join(root, 'bench', 'profileMaskWorkload.ts');
const clinic = process.argv.includes('--clinic');
mkdirSync(outDir, { recursive: true });

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  console.log(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`profile:mask: ${command} exited with ${result.status ?? result.signal}`);
    process.exit(result.status ?? 1);
  }
}

const before = new Set(readdirSync(outDir));
if (clinic) {
  // Without NO_INSIGHT clinic asks about telemetry and, with no TTY to ask on, exits silently.
  const bin = path.join(root, 'node_modules', '.bin', 'clinic');
  run(
    bin,
    [
      'flame',
      '--open=false',
      '--dest',
      outDir,
      '--',
      process.execPath,
      '--import',
      'tsx',
      workload,
    ],
    { ...process.env, NO_INSIGHT: '1' },
  );
} else {
  const name = `mask-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`;
  run(process.execPath, [
    '--cpu-prof',
    '--cpu-prof-dir',
    outDir,
    '--cpu-prof-name',
    name,
    '--import',
    'tsx',
    workload,
  ]);
}
const written = readdirSync(outDir).filter((f) => !before.has(f));
for (const file of written) console.log(`wrote ${path.relative(root, path.join(outDir, file))}`);
console.log(
  clinic
    ? 'Open the .html file next to the .clinic-flame data in a browser.'
    : 'Open it in Chrome DevTools (Performance > Load profile) or at https://www.speedscope.app.',
);
